import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatchPattern, type MatchPattern } from '../../../../lib/detection/match-patterns';
import { CTI_VENDORS, KNOWN_DIALERS, VENDOR_IDS, VENDOR_ORIGINS, VENDORS } from '../../../../lib/detection/vendors';
import type { VendorDefinition } from '../../../../lib/detection/vendors/define-vendor';
import { CTI_VENDOR_IDS } from '../../../../lib/detection/vendors/ids';
import { validateCallSignal } from '../../../../lib/protocol/call-messages';

/**
 * The registry meta-test: the vendor folder, the registry, the fixture tests, the README tables, the derived
 * tables and the protocol agree, so a new vendor is its module, its fixture test, one registry line and its
 * README rows, and forgetting one fails here.
 */

const root = join(import.meta.dirname, '../../../..');
const folder = join(root, 'lib/detection/vendors');
/** The folder's files that are not vendors: the registry, the id leaf, the declaration contract, the parser helpers. */
const HELPERS = ['index.ts', 'ids.ts', 'define-vendor.ts', 'shared.ts'];
const vendorFiles = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && !HELPERS.includes(name))
  .sort();
const registered: readonly VendorDefinition[] = VENDORS;

/** The source a vendor's signals carry: a CTI vendor's id, or the source of the tracker that reads it. */
const sourceOf = (vendor: VendorDefinition) => (vendor.layer === 'cti' ? vendor.id : vendor.source);

/** The rows of a markdown file's "Supported dialers" table: the product names of the first cell, and the layer. */
function supportedDialerRows(file: string): Array<{ names: string[]; layer: string }> {
  const section = readFileSync(join(root, file), 'utf8').split(/^## /m).find((s) => s.startsWith('Supported dialers'));
  if (!section) throw new Error(`${file} has no "Supported dialers" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .slice(1)
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, dialer = '', layer = '']) => ({ names: dialer.split(', '), layer: layer === 'CTI events' ? 'cti' : layer }));
}

/**
 * Concrete origins a vendor origin pattern stands for: a wildcard label as a sample label, and a leading `*.` also
 * as the bare domain it matches.
 */
function sampleOrigins(pattern: string): string[] {
  const [, scheme = '', host = ''] = /^([^:]+):\/\/([^/:]+)/.exec(pattern) ?? [];
  const hosts = host.startsWith('*.') ? [host.slice(2), `sample.${host.slice(2)}`] : [host.replace('*', 'sample')];
  const schemes = scheme === '*' ? ['https', 'http'] : [scheme];
  return schemes.flatMap((s) => hosts.map((h) => `${s}://${h}`));
}

describe('vendor registry', () => {
  describe('(a) folder and registry', () => {
    it('lists every vendor module exactly once, under its file name', async () => {
      expect(vendorFiles.length).toBeGreaterThan(0);
      for (const file of vendorFiles) {
        const declared: unknown = ((await import(join(folder, file))) as { default?: unknown }).default;
        expect(registered.filter((vendor) => vendor === declared), `${file} in VENDORS`).toHaveLength(1);
        expect((declared as VendorDefinition).id, file).toBe(file.replace(/\.ts$/, ''));
      }
      // Nothing registered that is not a file of its own.
      expect(registered).toHaveLength(vendorFiles.length);
    });

    it('gives every vendor a unique id', () => {
      expect(new Set(registered.map((vendor) => vendor.id)).size).toBe(registered.length);
    });

    it('ends every vendor module with a "Test pages" block naming what it targets', () => {
      for (const file of vendorFiles) {
        expect(readFileSync(join(folder, file), 'utf8'), file).toMatch(/\/\*\*\n \* Test pages\n[^]*Targets:[^]*\*\/\n$/);
      }
    });
  });

  describe('(b) README tables', () => {
    it.each(['README.md', 'lib/detection/README.md'])('%s has a row for every vendor, at its layer', (file) => {
      const rows = supportedDialerRows(file);
      for (const vendor of registered) {
        const row = rows.find((r) => r.names.includes(vendor.name));
        expect(row, `${vendor.name} in ${file}`).toBeDefined();
        expect(row?.layer, `${vendor.name} in ${file}`).toBe(vendor.layer);
      }
    });

    it.each(['README.md', 'lib/detection/README.md'])('%s lists no CTI vendor that is not registered', (file) => {
      const names = new Set(CTI_VENDORS.map((vendor) => vendor.name));
      const listed = supportedDialerRows(file).filter((r) => r.layer === 'cti').flatMap((r) => r.names);
      expect(listed.filter((name) => !names.has(name))).toEqual([]);
    });
  });

  describe('(c) fixture tests', () => {
    it('has a fixture test for every vendor', () => {
      for (const vendor of registered) {
        const file = join(root, 'tests/lib/detection/vendors', `${vendor.id}.test.ts`);
        expect(existsSync(file), `tests/lib/detection/vendors/${vendor.id}.test.ts`).toBe(true);
        expect(readFileSync(file, 'utf8'), file).toMatch(/\bexpect/);
      }
    });
  });

  describe('(d) derived tables', () => {
    it('derives the CTI ids, origins and known dialers from the declarations', () => {
      const cti = registered.filter((vendor) => vendor.layer === 'cti');
      expect(VENDOR_IDS).toEqual(cti.map((vendor) => vendor.id));
      expect(Object.keys(VENDOR_ORIGINS).sort()).toEqual([...VENDOR_IDS].sort());
      for (const vendor of cti) expect(VENDOR_ORIGINS[vendor.id as keyof typeof VENDOR_ORIGINS]).toEqual(vendor.origins);
      expect(KNOWN_DIALERS).toEqual(registered.flatMap((vendor) => vendor.dialers.map((d) => ({ ...d, layer: vendor.layer }))));
      expect(new Set(KNOWN_DIALERS.map((dialer) => dialer.id)).size).toBe(KNOWN_DIALERS.length);
    });

    it('offers only host patterns a browser accepts: https, a path, a wildcard only as the leftmost label', () => {
      for (const { id, matches } of KNOWN_DIALERS) {
        expect(matches.length, id).toBeGreaterThan(0);
        for (const pattern of matches) {
          expect(pattern, id).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/.*$/);
          expect(typeof compileMatchPattern(pattern), pattern).not.toBe('string');
        }
      }
    });

    it('listens to and offers exact vendor hosts: a wildcard only over a domain the vendor alone serves (issue 14, item 11)', () => {
      // Domains whose every subdomain is the vendor's product, so `*.` there names no one else's site: each
      // Amazon Connect instance has its own alias under my.connect.aws. A shared domain (awsapps.com also serves
      // every company's AWS sign-in portal) or a public suffix is never under a wildcard.
      const vendorOnly = ['my.connect.aws'];
      const wildcards = [...CTI_VENDORS.flatMap((vendor) => vendor.origins), ...KNOWN_DIALERS.flatMap((dialer) => dialer.matches)]
        .map((pattern) => /^https:\/\/([^/]+)/.exec(pattern)?.[1] ?? pattern)
        .filter((host) => host.includes('*'));
      expect(wildcards.filter((host) => !vendorOnly.some((domain) => host === `*.${domain}`))).toEqual([]);
    });

    it.each(CTI_VENDORS.map((vendor) => [vendor.id, vendor] as const))(
      '%s: its known dialers reach every origin it listens to, or it says why not',
      (_id, vendor) => {
        const offered = vendor.dialers.flatMap((d) => d.matches).map((p) => compileMatchPattern(p) as MatchPattern);
        const notOffered: Readonly<Record<string, string>> = vendor.originsNotOffered ?? {};
        const reached = (origin: string) =>
          sampleOrigins(origin).every((sample) => offered.some((p) => p.matches(`${sample}/`)));
        const unexplained = vendor.origins.filter((origin) => !reached(origin) && !notOffered[origin]?.trim());
        expect(unexplained, 'origins no known dialer reaches, with no reason in originsNotOffered').toEqual([]);
        expect(Object.keys(notOffered).filter((origin) => !vendor.origins.includes(origin)), 'stale reasons').toEqual([]);
      },
    );
  });

  describe('(e) protocol', () => {
    it('accepts the signal source of every vendor, and an unknown one not', () => {
      const signal = (source: string) =>
        validateCallSignal({ callKey: 'k', source, phase: 'ringing', direction: 'inbound', remote: '', at: 1 });
      for (const vendor of registered) expect(signal(sourceOf(vendor)).ok, sourceOf(vendor)).toBe(true);
      expect(signal('acme-phone').ok).toBe(false);
    });

    it('names exactly the registered CTI vendors in the id leaf the protocol reads', () => {
      expect([...CTI_VENDOR_IDS].sort()).toEqual([...VENDOR_IDS].sort());
    });
  });
});
