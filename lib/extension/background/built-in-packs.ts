import { BUILT_IN_PACKS_PATH } from '../../packs/defaults/ids';
import type { ScriptPack } from '../../packs/types';
import { fetchPackageJson } from './package-file';

/**
 * The packs OnScript ships with, as the worker reads them: fetched from the package (`packs/built-in.json`, which
 * the build writes from `DEFAULT_PACKS`) on first use and kept for the worker's life, instead of bundled into
 * background.js, where their 60 KB would be compiled at every start of the service worker, most of which never
 * open a script (issue 17). A failed read is not kept: the next use tries again.
 */
export function builtInPacks(): Promise<readonly ScriptPack[]> {
  pending ??= (source ?? (() => fetchPackageJson(BUILT_IN_PACKS_PATH)))()
    .then(checkedPacks)
    .catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

let pending: Promise<readonly ScriptPack[]> | undefined;
let source: (() => Promise<unknown>) | undefined;

/** Where {@link builtInPacks} reads from instead of the package (Node tests, which have no extension to fetch from). */
export function setBuiltInPacksSource(read: (() => Promise<unknown>) | undefined): void {
  source = read;
  pending = undefined;
}

/** The file is the build's own output, so a shape check (not a full pack validation) is enough to fail clearly. */
function checkedPacks(value: unknown): readonly ScriptPack[] {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((pack: unknown) => typeof pack === 'object' && pack !== null && typeof (pack as ScriptPack).id === 'string' && Array.isArray((pack as ScriptPack).steps));
  if (!ok) throw new Error(`${BUILT_IN_PACKS_PATH}: not the list of script packs the build writes`);
  return value as readonly ScriptPack[];
}
