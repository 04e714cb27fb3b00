/**
 * What a store package must hold, checked on the zip itself (the file a lead uploads), not on the build folder:
 * the manifest, every icon it names, LICENSE and THIRD_PARTY_NOTICES.txt, the data files the worker fetches rather
 * than bundles (without them it records no call and checks none), and in the notices every production dependency
 * the extension's code imports. Used by scripts/check-packages.ts after `npm run zip`.
 */
import JSZip from 'jszip';
import { BUILT_IN_PACKS_PATH } from '../../lib/packs/defaults/ids';
import { isPhoneData, PHONE_DATA_PATH } from '../../lib/phone/phone-data';

/** Production dependencies only the Team Hub server uses (hub/; typebox is its request schemas): they never reach a browser package. */
export const SERVER_ONLY_DEPENDENCIES: ReadonlySet<string> = new Set(['fastify', '@fastify/rate-limit', 'pg', '@sinclair/typebox']);

/** The files of a zip, and a reader for their text. */
export interface ZipListing {
  files: string[];
  text(path: string): Promise<string>;
}

/** Opens a zip held in memory. */
export async function openZip(bytes: Uint8Array): Promise<ZipListing> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.name).sort();
  return {
    files,
    text: async (path) => {
      const entry = zip.file(path);
      if (!entry) throw new Error(`${path} is not in the package`);
      return entry.async('string');
    },
  };
}

/**
 * The problems of one browser package, empty when it is store-ready. `dependencies` are package.json's
 * production dependencies; each one the extension can import must be named in the notices.
 */
export async function checkExtensionPackage(zip: ZipListing, dependencies: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const required of ['manifest.json', 'LICENSE', 'THIRD_PARTY_NOTICES.txt', PHONE_DATA_PATH, BUILT_IN_PACKS_PATH]) {
    if (!zip.files.includes(required)) problems.push(`${required} is missing`);
  }
  if (problems.length > 0) return problems;
  if (!isPhoneData(JSON.parse(await zip.text(PHONE_DATA_PATH)))) problems.push(`${PHONE_DATA_PATH} is not the phone tables the worker reads`);
  const manifest = JSON.parse(await zip.text('manifest.json')) as { icons?: Record<string, string>; minimum_chrome_version?: string };
  const icons = manifest.icons ?? {};
  for (const size of ['16', '32', '48', '128']) {
    const path = icons[size];
    if (!path) problems.push(`the manifest names no ${size} px icon`);
    else if (!zip.files.includes(path.replace(/^\//, ''))) problems.push(`the manifest's ${size} px icon ${path} is not in the package`);
  }
  if (!(await zip.text('LICENSE')).includes('Apache License')) problems.push('LICENSE is not the Apache License 2.0');
  const notices = await zip.text('THIRD_PARTY_NOTICES.txt');
  const listed = new Set([...notices.matchAll(/^- ((?:@[^/\s]+\/)?[^@\s]+)@\S+: (.+)$/gm)].map((match) => match[1]!));
  for (const line of notices.matchAll(/^- (\S+): UNKNOWN/gm)) problems.push(`${line[1]} has no licence in its package.json`);
  for (const dependency of dependencies) {
    if (SERVER_ONLY_DEPENDENCIES.has(dependency)) continue;
    if (!listed.has(dependency)) problems.push(`THIRD_PARTY_NOTICES.txt does not list the production dependency ${dependency}`);
  }
  return problems;
}

/** The problems of the Firefox sources archive: what a reviewer needs to rebuild the package. */
export function checkSourcesArchive(zip: ZipListing): string[] {
  const needed = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'LICENSE', 'SOURCES.md', 'entrypoints/background.ts'];
  const problems = needed.filter((path) => !zip.files.includes(path)).map((path) => `${path} is missing`);
  for (const path of zip.files) {
    if (/^(tests|node_modules|\.output[^/]*)\//.test(path)) problems.push(`${path} should not be in the sources archive`);
  }
  return problems;
}
