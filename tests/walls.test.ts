import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, importsOf, runtimeClosure, sourceFiles } from './fixtures/import-graph';

/**
 * The architecture's walls, as tests rather than as memory: who may import whom (lib never reaches up into
 * components or entry points; each runtime's code stays in its own folder), how small the MAIN-world hook stays,
 * and no import circles anywhere.
 */
const root = join(import.meta.dirname, '..');
const product = sourceFiles(root, ['lib', 'components', 'entrypoints']);
const edges = product.flatMap((file) => importsOf(root, file));
const local = edges.filter((edge) => edge.local);
const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const offending = (predicate: (edge: (typeof edges)[number]) => boolean) =>
  edges.filter(predicate).map((edge) => `${edge.from} → ${edge.to}`);

/** The runtimes lib/extension/ is split by, and what each may import from the others. */
const RUNTIMES = ['background', 'content', 'pages', 'shared'] as const;
const MAY_IMPORT: Record<(typeof RUNTIMES)[number], readonly string[]> = {
  background: ['shared'],
  content: ['shared'],
  pages: ['shared'],
  shared: [],
};

describe('walls', () => {
  it('lib/ never imports components/ or entrypoints/', () => {
    expect(offending((e) => under(e.from, 'lib') && (under(e.to, 'components') || under(e.to, 'entrypoints')))).toEqual([]);
  });

  it('the domain folders of lib/ never import lib/extension/ (they stay pure and importable from Node)', () => {
    expect(offending((e) => under(e.from, 'lib') && !under(e.from, 'lib/extension') && under(e.to, 'lib/extension'))).toEqual([]);
  });

  it('each runtime of lib/extension/ imports only itself and shared/', () => {
    const runtimeOf = (path: string) => RUNTIMES.find((runtime) => under(path, `lib/extension/${runtime}`));
    const crossing = local.filter((edge) => {
      const from = runtimeOf(edge.from);
      const to = runtimeOf(edge.to);
      return from !== undefined && to !== undefined && from !== to && !MAY_IMPORT[from].includes(to);
    });
    expect(crossing.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
    // Nothing outside lib/extension/ sits directly in it: every file says where it runs.
    expect(product.filter((file) => /^lib\/extension\/[^/]+$/.test(file))).toEqual([]);
  });

  it('components never touch the database, the background or the content scripts, and take page clients as types only', () => {
    expect(offending((e) => under(e.from, 'components') && under(e.to, 'lib/db'))).toEqual([]);
    expect(
      offending((e) => under(e.from, 'components') && (under(e.to, 'lib/extension/background') || under(e.to, 'lib/extension/content'))),
    ).toEqual([]);
    // Clients reach components only through the context the entry point fills (one way in).
    expect(offending((e) => under(e.from, 'components') && under(e.to, 'lib/extension/pages') && !e.typeOnly)).toEqual([]);
  });

  it('keeps the MAIN-world hook, which runs before every page script in every frame of a dialer, to a few small files', () => {
    const closure = runtimeClosure(root, 'entrypoints/hooks.content.ts');
    // Counted as written, comments included: what a reviewer of code injected into every dialer page reads.
    const lines = closure.reduce((sum, file) => sum + readFileSync(join(root, file), 'utf8').split('\n').length, 0);
    expect(closure.length, closure.join('\n')).toBeLessThanOrEqual(6);
    expect(lines).toBeLessThanOrEqual(400);
  });

  it('has no import circles, type-only imports included', () => {
    expect(importCircles(root, product).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('keeps the Team Hub client modules (hub/api/types.ts, client.ts, counts.ts) importable by the extension: nothing at run time', () => {
    const clientModules = ['hub/api/types.ts', 'hub/api/client.ts', 'hub/api/counts.ts'];
    const runtime = clientModules.flatMap((file) => importsOf(root, file)).filter((edge) => !edge.typeOnly);
    expect(runtime.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
    // And the product reaches the hub only through them.
    expect(offending((e) => e.local && under(e.to, 'hub') && !clientModules.includes(e.to))).toEqual([]);
  });

  it('keeps Node-only code (generators, file access) in scripts/, out of the product', () => {
    expect(offending((e) => !e.local && /^(node:|fs$|path$|child_process$)/.test(e.to))).toEqual([]);
  });

  it('bundles one libphonenumber-js metadata flavour (max, for number types), through lib/phone alone: another entry would add a second set', () => {
    const phoneEdges = edges.filter((e) => !e.local && /^libphonenumber-js(\/|$)/.test(e.to));
    expect(phoneEdges.filter((e) => !e.from.startsWith('lib/phone/')).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
    expect([...new Set(phoneEdges.map((e) => e.to))].sort()).toEqual(['libphonenumber-js/core', 'libphonenumber-js/metadata.max.json?raw']);
  });

  it('keeps the phone tables out of the worker, which fetches them (background/phone-data-loader.ts), and in every other bundle that reads numbers', () => {
    const TABLES = ['lib/phone/bundled-phone-data.ts', 'lib/phone/phone-data-source.ts', 'lib/compliance/data/phone-time-zones.generated.ts', 'lib/compliance/data/zip-time-zones.generated.ts'];
    const worker = runtimeClosure(root, 'entrypoints/background.ts');
    expect(worker.filter((file) => TABLES.includes(file))).toEqual([]);
    expect(worker).toContain('lib/phone/phone-data.ts');
    // A page or content script that reads numbers has no loader: it must bundle the tables and register them.
    const entries = product.filter((file) => /^entrypoints\/.*\.(content\.ts|tsx?)$/.test(file) && file !== 'entrypoints/background.ts');
    const readers = entries.filter((entry) => runtimeClosure(root, entry).includes('lib/phone/phone-data.ts'));
    expect(readers).toContain('entrypoints/sidepanel/main.tsx');
    for (const entry of readers) {
      expect(importsOf(root, entry).map((edge) => edge.to), entry).toContain('lib/phone/bundled-phone-data.ts');
      expect(readFileSync(join(root, entry), 'utf8'), entry).toMatch(/useBundledPhoneData\(\)/);
    }
  });

  it('keeps the built-in packs\' text out of the worker, which fetches it from the package (background/built-in-packs.ts)', () => {
    const worker = runtimeClosure(root, 'entrypoints/background.ts');
    expect(worker.filter((file) => file.startsWith('lib/packs/defaults/') && file !== 'lib/packs/defaults/ids.ts')).toEqual([]);
  });

  it('gives the worker only the catalogs its own features declare, not the pages\' merged translator', () => {
    const worker = runtimeClosure(root, 'entrypoints/background.ts');
    expect(worker.filter((file) => file === 'lib/i18n/ui-messages.ts')).toEqual([]);
    // Only catalogs whose strings the worker speaks: reminders, and verdict reasons in English (what records keep).
    // The panel's views and the reasons' Chinese templates stay out.
    expect(worker.filter((file) => file.startsWith('lib/i18n/catalogs/') && file !== 'lib/i18n/catalogs/define-catalog.ts').sort()).toEqual([
      'lib/i18n/catalogs/compliance-reasons-en.ts',
      'lib/i18n/catalogs/reminders.ts',
    ]);
  });

  it('keeps the CSV parser out of the worker: the options page reads an import into rows (lib/compliance/csv-rows.ts)', () => {
    const worker = runtimeClosure(root, 'entrypoints/background.ts');
    expect(worker.filter((file) => file === 'lib/compliance/csv-rows.ts' || file === 'lib/compliance/attempts-csv.ts')).toEqual([]);
    expect(runtimeClosure(root, 'entrypoints/options/main.tsx')).toContain('lib/compliance/csv-rows.ts');
    // papaparse only through csv-rows.ts, so no other module brings it back into the worker.
    expect(offending((e) => !e.local && /^papaparse(\/|$)/.test(e.to) && e.from !== 'lib/compliance/csv-rows.ts')).toEqual([]);
  });

  it('keeps date-holidays and chinese-days out of the product: their tables are generated (scripts/generate-holiday-tables.ts, generate-chinese-calendar.ts)', () => {
    expect(offending((e) => !e.local && /^(date-holidays|chinese-days)(\/|$)/.test(e.to))).toEqual([]);
  });
});
