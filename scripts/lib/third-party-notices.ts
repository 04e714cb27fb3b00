/**
 * THIRD_PARTY_NOTICES.txt, shipped inside every package: the name, version and licence of every package whose code
 * ends up in the built extension, with its licence text, and of the packages whose data is generated into lib/.
 *
 * Which packages are bundled is not guessed from package.json: a build plugin ({@link bundledPackagesPlugin}) records
 * every module under node_modules that contributed code to any chunk of any of WXT's builds (background, content
 * scripts, pages), so a dependency dropped or added, or a devDependency whose runtime code WXT bundles (its storage
 * and browser wrappers), is listed exactly when it ships. The licence is what the package's own package.json says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Plugin } from 'vite';

/** One package in the notices. */
export interface PackageNotice {
  name: string;
  version: string;
  /** The package.json `license` (SPDX expression), or `UNKNOWN`. */
  license: string;
  /** Why it is listed, when not because its code is bundled. */
  note?: string;
  /** The package's licence file, when it has one. */
  licenseText?: string;
}

/**
 * Packages whose data (not code) is generated into lib/ by scripts/, with what was taken. They are devDependencies,
 * so no build sees them, but their data ships.
 */
export const DATA_PACKAGES: Readonly<Record<string, string>> = {
  'geo-tz': 'time-zone boundaries, generated into lib/compliance/data (scripts/generate-zip-time-zones.ts)',
  zipcodes: 'US ZIP code locations, generated into lib/compliance/data (scripts/generate-zip-time-zones.ts)',
};

/** Data kept in the repository from projects outside npm, generated into lib/ and so shipped. */
const VENDORED_DATA: readonly PackageNotice[] = [
  {
    name: 'libphonenumber (Google) timezones/map_data.txt and geocoding/en/1.txt',
    version: 'see lib/compliance/data/source/README.md',
    license: 'Apache-2.0',
    note: 'data only: number prefix to time zone and place, generated into lib/compliance/data',
    licenseText: 'Licensed under the Apache License, Version 2.0; the full text is in LICENSE, shipped alongside this file.',
  },
];

/** Notes on bundled packages whose data carries its own licence. */
const PACKAGE_NOTES: Readonly<Record<string, string>> = {
  'libphonenumber-js': "its metadata is derived from Google's libphonenumber, Apache-2.0",
};

const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.|-|$)/i;

/**
 * The package a bundled module belongs to, as its directory and name: the part after the last `node_modules`
 * of its path (`@scope/name` or `name`). Undefined for the project's own files and virtual modules.
 */
export function packageOfModule(id: string): { dir: string; name: string } | undefined {
  const path = id.replace(/^\0/, '').split('?')[0]!.replaceAll('\\', '/');
  const marker = '/node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = path.slice(at + marker.length).split('/');
  const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
  if (!name || name.endsWith('/') || name.startsWith('.')) return undefined;
  return { dir: path.slice(0, at + marker.length) + name, name };
}

/** Reads a package's notice from its directory. */
export function readPackageNotice(dir: string, note?: string): PackageNotice {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    license?: unknown;
    licenses?: unknown;
  };
  const license = licenseOf(manifest);
  const file = readdirSync(dir).find((name) => LICENSE_FILE.test(name));
  const notice: PackageNotice = { name: manifest.name ?? dir.split(sep).pop() ?? dir, version: manifest.version ?? '0.0.0', license };
  if (note) notice.note = note;
  if (file) notice.licenseText = readFileSync(join(dir, file), 'utf8').trim();
  return notice;
}

function licenseOf(manifest: { license?: unknown; licenses?: unknown }): string {
  if (typeof manifest.license === 'string' && manifest.license.trim() !== '') return manifest.license.trim();
  if (typeof manifest.license === 'object' && manifest.license !== null && 'type' in manifest.license) return String(manifest.license.type);
  if (Array.isArray(manifest.licenses)) {
    const types = manifest.licenses.map((entry: unknown) => (typeof entry === 'object' && entry !== null && 'type' in entry ? String(entry.type) : '')).filter(Boolean);
    if (types.length > 0) return `(${types.join(' OR ')})`;
  }
  return 'UNKNOWN';
}

/** The notices for the packages in `dirs` (by directory) plus {@link DATA_PACKAGES}, sorted by name. */
export function collectNotices(dirs: Iterable<string>, root: string): PackageNotice[] {
  const byName = new Map<string, PackageNotice>();
  for (const dir of dirs) {
    const name = packageOfModule(`${dir}/x`)?.name ?? '';
    const notice = readPackageNotice(dir, PACKAGE_NOTES[name]);
    const key = `${notice.name}@${notice.version}`;
    if (!byName.has(key)) byName.set(key, notice);
  }
  for (const [name, note] of Object.entries(DATA_PACKAGES)) {
    const dir = join(root, 'node_modules', name);
    if (!existsSync(dir)) continue;
    const notice = readPackageNotice(dir, `data only: ${note}`);
    byName.set(`${notice.name}@${notice.version}`, notice);
  }
  const sorted = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return [...sorted, ...VENDORED_DATA];
}

/** The text of THIRD_PARTY_NOTICES.txt: a summary line per package, then each licence text. */
export function renderNotices(notices: readonly PackageNotice[]): string {
  const lines = [
    'OnScript - third-party notices',
    '',
    'OnScript is licensed under the Apache License 2.0 (LICENSE). It includes the following packages, each under',
    'its own licence as stated in its package.json; their licence texts follow the list.',
    '',
    ...notices.map((notice) => `- ${notice.name}@${notice.version}: ${notice.license}${notice.note ? ` (${notice.note})` : ''}`),
    '',
  ];
  for (const notice of notices) {
    lines.push('='.repeat(78), `${notice.name}@${notice.version} - ${notice.license}`, '='.repeat(78), '');
    lines.push(notice.licenseText ?? `No licence file is included in the package; its package.json states ${notice.license}.`, '');
  }
  return lines.join('\n');
}

/**
 * A Vite plugin that records the directory of every node_modules package contributing code to a chunk, into
 * `found`. WXT runs several Vite builds in one process; each gets its own plugin instance sharing `found`.
 */
export function bundledPackagesPlugin(found: Set<string>): Plugin {
  return {
    name: 'onscript:bundled-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(output.modules)) {
          if (module.renderedLength === 0) continue;
          const owner = packageOfModule(id);
          if (owner) found.add(owner.dir);
        }
      }
    },
  };
}
