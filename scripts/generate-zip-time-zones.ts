/**
 * Regenerates `lib/compliance/data/zip-time-zones.generated.ts`: every US ZIP code with its state and the IANA zone
 * at its location, from two maintained packages (devDependencies, never shipped):
 *
 * - `zipcodes`: each ZIP's state and coordinates;
 * - `geo-tz`: the time zone at a coordinate, from the timezone-boundary-builder polygons.
 *
 * A ZIP whose computed zone is not one its state spans (a stray coordinate) gets its state's zones instead, so a
 * bad coordinate can only make the window stricter. Military ZIPs (AA, AE, AP) say nothing about where the debtor
 * is and are left out. The output is compact: runs of ZIP codes sharing zone and state, and a bitmap of which ZIPs
 * exist, so a mistyped ZIP is refused rather than guessed.
 *
 *   npx vite-node scripts/generate-zip-time-zones.ts
 *
 * tests/scripts/generate-zip-time-zones.test.ts regenerates it and fails when the committed module differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { US_REGION_TIME_ZONES } from '../lib/compliance/data/region-time-zones';

const require = createRequire(import.meta.url);

/** One ZIP as the packages describe it. */
export interface ZipSource {
  zip: string;
  state: string;
  latitude: number;
  longitude: number;
}

/** One ZIP with what the table keeps. */
export interface ZipZone {
  zip: number;
  state: string;
  zones: string[];
}

/** ZIP "states" that are military post offices, not places. */
const MILITARY = new Set(['AA', 'AE', 'AP']);

/** Instants (the 1st and 15th of every month of two years) on which two zones must agree to count as one. */
const PROBES = Array.from({ length: 48 }, (_, index) => Date.UTC(2025 + Math.floor(index / 24), Math.floor(index / 2) % 12, index % 2 ? 15 : 1, 12));

function offsets(zone: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return PROBES.map((at) => format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value).join(',');
}

/** Whether two zone names keep the same clock (an alias, or Indiana's counties against New York since 2006). */
export function sameClock(a: string, b: string): boolean {
  return a === b || offsets(a) === offsets(b);
}

/** Hours between two zones' clocks at the first probe. */
function hoursApart(a: string, b: string): number {
  const minutes = (zone: string) => {
    const text = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(PROBES[0]!)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(text);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  };
  return Math.abs(minutes(a) - minutes(b)) / 60;
}

/**
 * The table's rows from the packages' rows: the zone at each ZIP's coordinate, checked against its state's zones.
 * A zone the state does not officially span but that lies next to it is kept with the state's zones (Phenix City,
 * Alabama keeps Eastern time; a debtor there may use either clock); one hours away from every state zone is a
 * stray coordinate and replaced by the state's zones. `zoneAt` is geo-tz's `find`, passed in so a test can check
 * the rule with stand-ins.
 */
export function zipZones(rows: readonly ZipSource[], zoneAt: (latitude: number, longitude: number) => string[]): { rows: ZipZone[]; corrected: string[] } {
  const corrected: string[] = [];
  const out: ZipZone[] = [];
  for (const row of rows) {
    if (MILITARY.has(row.state) || !/^\d{5}$/.test(row.zip)) continue;
    const found = zoneAt(row.latitude, row.longitude);
    const stateZones = US_REGION_TIME_ZONES[row.state];
    let zones = found;
    const foreign = stateZones ? found.filter((zone) => !stateZones.some((allowed) => sameClock(zone, allowed))) : [];
    if (stateZones && foreign.length > 0) {
      const nearby = foreign.every((zone) => stateZones.some((allowed) => hoursApart(zone, allowed) <= 2));
      zones = nearby ? [...new Set([...found, ...stateZones])].sort() : [...stateZones];
      corrected.push(`${row.zip} ${row.state}: ${found.join('&')} → ${zones.join('&')}${nearby ? ' (both clocks)' : ' (stray coordinate)'}`);
    }
    out.push({ zip: Number(row.zip), state: row.state, zones });
  }
  return { rows: out.sort((a, b) => a.zip - b.zip), corrected };
}

/** Renders the module: zone names, runs `start:zoneIndex&zoneIndex:STATE;...` and the bitmap of existing ZIPs. */
export function renderZipModule(rows: readonly ZipZone[], versions: Record<string, string>): string {
  const zoneNames = [...new Set(rows.flatMap((row) => row.zones))].sort();
  const indexOf = new Map(zoneNames.map((zone, index) => [zone, index]));
  const runs: string[] = [];
  let previousKey = '';
  for (const row of rows) {
    const key = `${row.zones.map((zone) => indexOf.get(zone)).join('&')}:${row.state}`;
    if (key !== previousKey) runs.push(`${String(row.zip).padStart(5, '0')}:${key}`);
    previousKey = key;
  }
  const bits = new Uint8Array(100_000 / 8);
  for (const row of rows) bits[row.zip >> 3]! |= 1 << (row.zip & 7);
  return [
    '// GENERATED FILE, do not edit by hand. Regenerate with: npx vite-node scripts/generate-zip-time-zones.ts',
    `// Data: the npm packages ${Object.entries(versions).map(([name, version]) => `${name}@${version}`).join(' and ')} (see the script).`,
    '',
    '/** The packages the table was built from. */',
    `export const ZIP_DATA_SOURCES = ${JSON.stringify(versions)};`,
    '',
    '/** IANA zone names referenced by {@link PACKED_ZIP_RUNS}, by index. */',
    `export const ZIP_ZONE_NAMES: readonly string[] = ${JSON.stringify(zoneNames)};`,
    '',
    '/** `start:zoneIndex&zoneIndex:STATE;...`: from each start, ZIPs up to the next start share zones and state. */',
    `export const PACKED_ZIP_RUNS = ${JSON.stringify(runs.join(';'))};`,
    '',
    '/** Base64 bitmap over 00000-99999: bit `zip` is set when that ZIP code exists. */',
    `export const ZIP_EXISTS_BITMAP = ${JSON.stringify(Buffer.from(bits).toString('base64'))};`,
    '',
  ].join('\n');
}

/** The generated module, relative to this script. */
export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'compliance', 'data', 'zip-time-zones.generated.ts');

/** The module as the installed packages produce it, with the corrections it made. */
export function generateFromPackages(): { module: string; corrected: string[] } {
  const { codes } = require('zipcodes/lib/codes.js') as { codes: Record<string, ZipSource> };
  const { find } = require('geo-tz') as { find: (latitude: number, longitude: number) => string[] };
  // Read from node_modules directly: geo-tz's `exports` does not expose its package.json.
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
  const version = (name: string) => (JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as { version: string }).version;
  const { rows, corrected } = zipZones(Object.values(codes), find);
  return { module: renderZipModule(rows, { zipcodes: version('zipcodes'), 'geo-tz': version('geo-tz') }), corrected };
}

function main(): void {
  const { module, corrected } = generateFromPackages();
  writeFileSync(OUTPUT, module);
  for (const line of corrected) console.log(`corrected ${line}`);
  console.log(`wrote ${OUTPUT}`);
}

// Run only as a script (vite-node strips the script path from argv, so check the runner), never when imported by a test.
const runner = process.argv[1] ?? '';
if (runner.endsWith('vite-node') || runner === fileURLToPath(import.meta.url)) main();
