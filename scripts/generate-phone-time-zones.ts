/**
 * Regenerates `lib/compliance/data/phone-time-zones.generated.ts` from libphonenumber's data, kept unmodified in
 * lib/compliance/data/source/ with the upstream commit it came from (source/README.md):
 *
 * - resources/timezones/map_data.txt: number prefix → IANA zones;
 * - resources/geocoding/en/1.txt: North American number prefix → place (state, province, NANP country).
 *
 * Run from the repository root after replacing the source files (and their commit in source/README.md):
 *   npx vite-node scripts/generate-phone-time-zones.ts
 *
 * tests/scripts/generate-phone-time-zones.test.ts regenerates the module from the sources and fails when the
 * committed one differs. The licence header of the sources is carried into the output, as the licence requires.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Parsed content of the source map: its comment header and the prefix → zones lines. */
export interface PhoneTimeZoneSource {
  header: string[];
  entries: Array<{ prefix: string; zones: string[] }>;
}

/** Where the sources come from: the upstream repository and commit (from source/README.md). */
export interface UpstreamRecord {
  repository: string;
  commit: string;
  date: string;
}

/** Splits the map file into its comment header and `prefix|zone&zone` entries, rejecting malformed lines. */
export function parsePhoneTimeZoneSource(text: string): PhoneTimeZoneSource {
  const header: string[] = [];
  const entries: Array<{ prefix: string; zones: string[] }> = [];
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (entries.length === 0) header.push(line);
      continue;
    }
    const match = /^(\d+)\|(.+)$/.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new Error(`line ${index + 1}: expected "prefix|Zone&Zone", got "${line}"`);
    }
    entries.push({ prefix: match[1], zones: match[2].split('&') });
  }
  return { header, entries };
}

/** The NANP geocoding lines: `1NPA...` prefix → place name, as written upstream. */
export function parseNanpGeocoding(text: string): Array<{ prefix: string; place: string }> {
  const lines: Array<{ prefix: string; place: string }> = [];
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(1\d{3,})\|(.+)$/.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new Error(`geocoding line ${index + 1}: expected "1NPA...|Place", got "${line}"`);
    }
    lines.push({ prefix: match[1], place: match[2] });
  }
  return lines;
}

/** US state, DC and territory, and Canadian province and territory codes, by upstream place name. */
const PLACE_CODES: Readonly<Record<string, string>> = {
  alabama: 'US-AL', alaska: 'US-AK', arizona: 'US-AZ', arkansas: 'US-AR', california: 'US-CA', colorado: 'US-CO',
  connecticut: 'US-CT', delaware: 'US-DE', 'washington d.c.': 'US-DC', florida: 'US-FL', georgia: 'US-GA',
  hawaii: 'US-HI', idaho: 'US-ID', illinois: 'US-IL', indiana: 'US-IN', iowa: 'US-IA', kansas: 'US-KS',
  kentucky: 'US-KY', louisiana: 'US-LA', maine: 'US-ME', maryland: 'US-MD', massachusetts: 'US-MA',
  michigan: 'US-MI', minnesota: 'US-MN', mississippi: 'US-MS', missouri: 'US-MO', montana: 'US-MT',
  nebraska: 'US-NE', nevada: 'US-NV', 'new hampshire': 'US-NH', 'new jersey': 'US-NJ', 'new mexico': 'US-NM',
  'new york': 'US-NY', 'north carolina': 'US-NC', 'north dakota': 'US-ND', ohio: 'US-OH', oklahoma: 'US-OK',
  oregon: 'US-OR', pennsylvania: 'US-PA', 'rhode island': 'US-RI', 'south carolina': 'US-SC',
  'south dakota': 'US-SD', tennessee: 'US-TN', texas: 'US-TX', utah: 'US-UT', vermont: 'US-VT',
  virginia: 'US-VA', 'washington state': 'US-WA', 'west virginia': 'US-WV', wisconsin: 'US-WI',
  wyoming: 'US-WY', 'puerto rico': 'US-PR', 'us virgin islands': 'US-VI', guam: 'US-GU',
  'northern mariana islands': 'US-MP', 'american samoa': 'US-AS',
  alberta: 'CA-AB', 'british columbia': 'CA-BC', 'british colombia': 'CA-BC', manitoba: 'CA-MB',
  'new brunswick': 'CA-NB', 'newfoundland and labrador': 'CA-NL', 'nova scotia': 'CA-NS',
  'prince edward island': 'CA-PE', 'northwest territories': 'CA-NT', nunavut: 'CA-NU', yukon: 'CA-YT',
  ontario: 'CA-ON', quebec: 'CA-QC', saskatchewan: 'CA-SK',
};

/** Postal abbreviations used in `City, ST` places, to the same codes. */
const ABBREVIATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(PLACE_CODES).map((code) => [code.slice(3), code]),
);

/**
 * The US states, Canadian provinces or territories a place name stands for (`Kentucky` → US-KY, `Toronto, ON` →
 * CA-ON, `Nova Scotia/Prince Edward Island` → both). Other NANP countries (`Bahamas`) have no subdivision: empty.
 */
export function placeCodes(place: string): string[] {
  const codes = new Set<string>();
  for (const part of place.split('/')) {
    const name = part.trim().toLowerCase();
    const city = /,\s*([A-Z]{2})$/.exec(part.trim());
    const code = PLACE_CODES[name] ?? (city ? ABBREVIATIONS[city[1]!] : undefined);
    if (code) codes.add(code);
  }
  return [...codes].sort();
}

/** A North American area code: every zone that appears under it, and every state or province it serves. */
export interface AreaCode {
  npa: string;
  zones: string[];
  places: string[];
}

/**
 * Every NANP area code of the sources: the union of the zones of all its lines (an exchange line is statistics
 * from when the data was made; numbers are ported and exchanges split, so the strict reading of a split area code
 * is every zone that appears under it), and the states or provinces its geocoding lines name.
 */
export function nanpAreaCodes(map: PhoneTimeZoneSource, geocoding: Array<{ prefix: string; place: string }>): AreaCode[] {
  const byNpa = new Map<string, { zones: Set<string>; places: Set<string> }>();
  const entry = (npa: string) => {
    let found = byNpa.get(npa);
    if (!found) byNpa.set(npa, (found = { zones: new Set(), places: new Set() }));
    return found;
  };
  for (const { prefix, zones } of map.entries) {
    if (!prefix.startsWith('1') || prefix.length < 4) continue;
    for (const zone of zones) entry(prefix.slice(1, 4)).zones.add(zone);
  }
  for (const { prefix, place } of geocoding) {
    for (const code of placeCodes(place)) entry(prefix.slice(1, 4)).places.add(code);
  }
  return [...byNpa]
    .map(([npa, { zones, places }]) => ({ npa, zones: [...zones].sort(), places: [...places].sort() }))
    .sort((a, b) => a.npa.localeCompare(b.npa));
}

/**
 * Renders the compact TypeScript module: a zone table, one packed `prefix:index,index;...` string for the prefix
 * map, one packed `npa:index,index:PLACE,PLACE;...` string for the NANP area codes, and the upstream record.
 */
export function renderPhoneTimeZoneModule(
  source: PhoneTimeZoneSource,
  geocoding: Array<{ prefix: string; place: string }> = [],
  upstream?: UpstreamRecord,
): string {
  const areaCodes = nanpAreaCodes(source, geocoding);
  const zoneNames = [...new Set([...source.entries.flatMap((entry) => entry.zones), ...areaCodes.flatMap((a) => a.zones)])].sort();
  for (const zone of zoneNames) {
    // A zone the runtime cannot format would make every window for it throw later; fail at generation instead.
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  }
  const indexOf = new Map(zoneNames.map((zone, index) => [zone, index]));
  const packed = source.entries
    .map((entry) => `${entry.prefix}:${entry.zones.map((zone) => indexOf.get(zone)).join(',')}`)
    .join(';');
  const packedAreaCodes = areaCodes
    .map((area) => `${area.npa}:${area.zones.map((zone) => indexOf.get(zone)).join(',')}:${area.places.join(',')}`)
    .join(';');
  const header = source.header.map((line) => `// ${line.replace(/^#\s?/, '')}`.trimEnd());
  return [
    '// GENERATED FILE, do not edit by hand. Regenerate with:',
    '//   npx vite-node scripts/generate-phone-time-zones.ts',
    '//',
    '// Data: libphonenumber resources/timezones/map_data.txt and resources/geocoding/en/1.txt',
    `// (${upstream ? `${upstream.repository} at ${upstream.commit}, ${upstream.date}` : 'upstream not recorded'}), under the licence below.`,
    '//',
    ...header,
    '',
    '/** Where the data comes from. */',
    `export const PHONE_DATA_UPSTREAM = ${JSON.stringify(upstream ?? null)};`,
    '',
    '/** IANA zone names referenced by the packed tables, by index. */',
    `export const ZONE_NAMES: readonly string[] = ${JSON.stringify(zoneNames)};`,
    '',
    '/** `prefix:zoneIndex,zoneIndex;...` for every line of the source map (longest prefix wins when looking up). */',
    `export const PACKED_PREFIX_ZONES = ${JSON.stringify(packed)};`,
    '',
    '/**',
    ' * `npa:zoneIndex,...:PLACE,...;...` for every North American area code: every zone that appears under it and',
    ' * the states or provinces it serves (`US-KY`, `CA-ON`; empty for other NANP countries).',
    ' */',
    `export const PACKED_AREA_CODES = ${JSON.stringify(packedAreaCodes)};`,
    '',
  ].join('\n');
}

/** The source folder, relative to this script. */
export const SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'compliance', 'data', 'source');
/** The generated module, relative to this script. */
export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'compliance', 'data', 'phone-time-zones.generated.ts');

/** Reads the upstream record (repository, commit, date) from source/README.md. */
export function readUpstream(readme: string): UpstreamRecord {
  const repository = /repository:\s*(\S+)/.exec(readme)?.[1];
  const commit = /commit:\s*([0-9a-f]{40})/.exec(readme)?.[1];
  const date = /date:\s*(\d{4}-\d{2}-\d{2})/.exec(readme)?.[1];
  if (!repository || !commit || !date) throw new Error('source/README.md must name the upstream repository, commit and date');
  return { repository, commit, date };
}

/** The module as the committed sources produce it. */
export function generateFromSources(): string {
  const read = (name: string) => readFileSync(join(SOURCE_DIR, name), 'utf8');
  return renderPhoneTimeZoneModule(
    parsePhoneTimeZoneSource(read('timezones-map_data.txt')),
    parseNanpGeocoding(read('geocoding-en-1.txt')),
    readUpstream(read('README.md')),
  );
}

function main(): void {
  writeFileSync(OUTPUT, generateFromSources());
  console.log(`wrote ${OUTPUT}`);
}

// Run only as a script (vite-node strips the script path from argv, so check the runner), never when imported by a test.
const runner = process.argv[1] ?? '';
if (runner.endsWith('vite-node') || runner === fileURLToPath(import.meta.url)) main();
