import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ONLY_DEPENDENCIES, checkExtensionPackage, checkSourcesArchive, openZip } from '../../scripts/lib/package-check';
import { collectNotices, packageOfModule, renderNotices } from '../../scripts/lib/third-party-notices';
import { bundledPhoneData } from '../../lib/phone/bundled-phone-data';
import { PHONE_DATA_PATH } from '../../lib/phone/phone-data';
import { BUILT_IN_PACKS_PATH, builtInPacksJson } from '../../lib/packs/defaults';

const root = join(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const dependencies = Object.keys(packageJson.dependencies);
const shipped = dependencies.filter((name) => !SERVER_ONLY_DEPENDENCIES.has(name));
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array' });
}

function goodPackage(): Record<string, string> {
  return {
    'manifest.json': JSON.stringify({ manifest_version: 3, icons: ICONS }),
    ...Object.fromEntries(Object.values(ICONS).map((path) => [path, 'png'])),
    LICENSE: readFileSync(join(root, 'LICENSE'), 'utf8'),
    'THIRD_PARTY_NOTICES.txt': renderNotices(collectNotices(shipped.map((name) => join(root, 'node_modules', name)), root)),
    [PHONE_DATA_PATH]: JSON.stringify(bundledPhoneData()),
    [BUILT_IN_PACKS_PATH]: builtInPacksJson(),
  };
}

describe('third-party notices', () => {
  it('finds the package of a bundled module, scoped or not, nested or not', () => {
    expect(packageOfModule('/w/node_modules/preact/dist/preact.mjs')).toEqual({ dir: '/w/node_modules/preact', name: 'preact' });
    expect(packageOfModule('/w/node_modules/@noble/ed25519/index.js?v=1')?.name).toBe('@noble/ed25519');
    expect(packageOfModule('/w/node_modules/a/node_modules/b/x.js')).toEqual({ dir: '/w/node_modules/a/node_modules/b', name: 'b' });
    expect(packageOfModule('/w/lib/compliance/caps.ts')).toBeUndefined();
    expect(packageOfModule('\0vite/preload-helper.js')).toBeUndefined();
  });

  it('every production dependency the extension ships has a licence in its package.json, and its text', () => {
    const notices = collectNotices(shipped.map((name) => join(root, 'node_modules', name)), root);
    for (const name of shipped) {
      const notice = notices.find((candidate) => candidate.name === name);
      expect(notice, name).toBeDefined();
      expect(notice?.license, name).not.toBe('UNKNOWN');
    }
    expect(notices.find((notice) => notice.name === 'webextension-polyfill')?.license).toBe('MPL-2.0');
  });
});

describe('checkExtensionPackage', () => {
  it('accepts a package with the manifest, its icons, LICENSE and notices naming every production dependency', async () => {
    expect(await checkExtensionPackage(await openZip(await zipOf(goodPackage())), dependencies)).toEqual([]);
  });

  it.each(['manifest.json', 'LICENSE', 'THIRD_PARTY_NOTICES.txt', 'icon/48.png', 'data/phone.json', 'packs/built-in.json'])('names a missing %s', async (path) => {
    const files = goodPackage();
    delete files[path];
    const problems = await checkExtensionPackage(await openZip(await zipOf(files)), dependencies);
    expect(problems.join('\n')).toContain(path);
  });

  it('names phone tables the worker could not read (a truncated or wrong file)', async () => {
    const files = goodPackage();
    files[PHONE_DATA_PATH] = JSON.stringify({ metadata: {} });
    expect(await checkExtensionPackage(await openZip(await zipOf(files)), dependencies)).toEqual(['data/phone.json is not the phone tables the worker reads']);
  });

  it('names a production dependency the notices leave out', async () => {
    const files = goodPackage();
    files['THIRD_PARTY_NOTICES.txt'] = files['THIRD_PARTY_NOTICES.txt']!.replace(/^- papaparse@.*$/m, '');
    expect(await checkExtensionPackage(await openZip(await zipOf(files)), dependencies)).toEqual([
      'THIRD_PARTY_NOTICES.txt does not list the production dependency papaparse',
    ]);
  });
});

describe('checkSourcesArchive', () => {
  it('wants what a reviewer rebuilds from, and no tests or build output', async () => {
    const needed = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'LICENSE', 'SOURCES.md', 'entrypoints/background.ts'];
    const good = Object.fromEntries(needed.map((path) => [path, 'x']));
    expect(checkSourcesArchive(await openZip(await zipOf(good)))).toEqual([]);
    const bad: Record<string, string> = { ...good, 'tests/a.test.ts': 'x', '.output/chrome-mv3/manifest.json': '{}' };
    delete bad['package-lock.json'];
    expect(checkSourcesArchive(await openZip(await zipOf(bad)))).toEqual([
      'package-lock.json is missing',
      '.output/chrome-mv3/manifest.json should not be in the sources archive',
      'tests/a.test.ts should not be in the sources archive',
    ]);
  });
});

describe('the store listing', () => {
  const listing = readFileSync(join(root, 'store', 'listing.md'), 'utf8');
  const sections = listing.split(/^## /m).slice(1);

  it('has the name, a short description within Chrome\'s 132 characters and a description, in en and zh-CN', () => {
    expect(sections.map((section) => section.split('\n')[0])).toEqual(['English (en)', '简体中文 (zh-CN)']);
    for (const section of sections) {
      const short = /\*\*(?:Short description|简短说明)[:：]\*\*\s*(.+)/.exec(section)?.[1]?.trim() ?? '';
      expect(short.length).toBeGreaterThan(20);
      expect(short.length).toBeLessThanOrEqual(132);
      expect(section).toMatch(/\*\*(?:Name|名称)[:：]\*\*\s*OnScript/);
      expect(section).toMatch(/\*\*(?:Privacy|隐私)[:：]\*\*/);
    }
  });
});
