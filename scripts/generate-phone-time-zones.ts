/**
 * Regenerates `phone-time-zones.generated.ts` from libphonenumber's phone-prefix → time-zone map.
 *
 * Run from the repository root:
 *   npx vite-node scripts/generate-phone-time-zones.ts -- <path to map_data.txt>
 *
 * The source is `resources/timezones/map_data.txt` in google/libphonenumber (Apache-2.0); a copy lives in
 * ../shared/data/libphonenumber-timezones-map_data.txt. The licence header of the source is carried into the output,
 * as the licence requires.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Parsed content of the source map: its comment header and the prefix → zones lines. */
export interface PhoneTimeZoneSource {
  header: string[];
  entries: Array<{ prefix: string; zones: string[] }>;
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

/** Renders the compact TypeScript module: a zone table plus one packed `prefix:index,index;...` string. */
export function renderPhoneTimeZoneModule(source: PhoneTimeZoneSource): string {
  const zoneNames = [...new Set(source.entries.flatMap((entry) => entry.zones))].sort();
  for (const zone of zoneNames) {
    // A zone the runtime cannot format would make every window for it throw later; fail at generation instead.
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  }
  const indexOf = new Map(zoneNames.map((zone, index) => [zone, index]));
  const packed = source.entries
    .map((entry) => `${entry.prefix}:${entry.zones.map((zone) => indexOf.get(zone)).join(',')}`)
    .join(';');
  const header = source.header.map((line) => `// ${line.replace(/^#\s?/, '')}`.trimEnd());
  return [
    '// GENERATED FILE, do not edit by hand. Regenerate with:',
    '//   npx vite-node scripts/generate-phone-time-zones.ts -- <path to libphonenumber timezones map_data.txt>',
    '//',
    '// Data: libphonenumber resources/timezones/map_data.txt, under the licence below.',
    '//',
    ...header,
    '',
    '/** IANA zone names referenced by {@link PACKED_PREFIX_ZONES}, by index. */',
    `export const ZONE_NAMES: readonly string[] = ${JSON.stringify(zoneNames)};`,
    '',
    '/** `prefix:zoneIndex,zoneIndex;...` for every line of the source map (longest prefix wins when looking up). */',
    `export const PACKED_PREFIX_ZONES = ${JSON.stringify(packed)};`,
    '',
  ].join('\n');
}

function main(): void {
  const sourcePath = process.argv.slice(2).find((arg) => arg !== '--');
  if (!sourcePath) {
    console.error('usage: generate-phone-time-zones.ts -- <path to map_data.txt>');
    process.exit(2);
  }
  const output = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'compliance', 'data', 'phone-time-zones.generated.ts');
  const source = parsePhoneTimeZoneSource(readFileSync(sourcePath, 'utf8'));
  writeFileSync(output, renderPhoneTimeZoneModule(source));
  console.log(`wrote ${source.entries.length} prefixes to ${output}`);
}

// Run only as a script (vite-node strips the script path from argv, so check the runner), never when imported by a test.
const runner = process.argv[1] ?? '';
if (runner.endsWith('vite-node') || runner === fileURLToPath(import.meta.url)) main();
