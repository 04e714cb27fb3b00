import { comparePackVersions } from './versions.ts';
import type { DispositionFlag, ScriptPack } from './types.ts';

/** Where a stored call's disposition came from: the pack and version stamped on the call, and the code. */
export interface DispositionRef {
  packId?: string;
  packVersion?: string | number;
  disposition?: string;
}

/**
 * The flags of a call's disposition, looked up in the pack that recorded it: its exact version when that is still
 * available, else the newest available version of the same pack that has the code (codes are stable across a
 * pack's versions; a pack update must not make old calls count differently). Undefined when no pack knows it:
 * the caller then goes by the call's signaling.
 */
export function findDispositionFlags(packs: readonly ScriptPack[], ref: DispositionRef): readonly DispositionFlag[] | undefined {
  if (ref.packId === undefined || ref.disposition === undefined) return undefined;
  const version = ref.packVersion === undefined ? undefined : String(ref.packVersion);
  const code = ref.disposition;
  const withCode = packs
    .filter((pack) => pack.id === ref.packId && pack.dispositions.some((disposition) => disposition.code === code))
    .sort((a, b) => (a.version === version ? -1 : b.version === version ? 1 : comparePackVersions(b.version, a.version)));
  return withCode[0]?.dispositions.find((disposition) => disposition.code === code)?.flags;
}
