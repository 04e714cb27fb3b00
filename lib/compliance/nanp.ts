/**
 * North American area codes and US ZIP codes as places: the zones and the states or provinces they stand for,
 * read from the phone tables (lib/phone/phone-data.ts, built from data/*.generated.ts), unpacked on first use.
 */
import { phoneData, type PhoneData } from '../phone/phone-data';

/** What an area code says about where a number is. */
export interface AreaCodePlace {
  npa: string;
  /** Every zone that appears under the area code (a split area code lists each). */
  timeZones: readonly string[];
  /** States or provinces it serves, as `US-KY`, `CA-ON`; empty for other NANP countries. */
  subdivisions: readonly string[];
}

/**
 * New York City's area codes: its rules (6 RCNY 5-77) apply to a debtor there. Mobile overlays (917, 347, 929) are
 * included because a number on them is presumed to be in the city as much as any other.
 */
export const NYC_AREA_CODES: ReadonlySet<string> = new Set(['212', '332', '347', '646', '718', '917', '929']);

let areaCodes: { from: PhoneData; map: Map<string, AreaCodePlace> } | undefined;

/** The area code's place, or `undefined` when the data does not know it. */
export function areaCodePlace(npa: string): AreaCodePlace | undefined {
  const data = phoneData();
  if (areaCodes?.from !== data) {
    const map = new Map<string, AreaCodePlace>();
    for (const entry of data.packedAreaCodes.split(';')) {
      const [code, zones = '', places = ''] = entry.split(':');
      if (!code) continue;
      map.set(code, {
        npa: code,
        timeZones: zones ? zones.split(',').map((index) => data.zoneNames[Number(index)] ?? 'Etc/Unknown') : [],
        subdivisions: places ? places.split(',') : [],
      });
    }
    areaCodes = { from: data, map };
  }
  return areaCodes.map.get(npa);
}

/** What a US ZIP code says about where the debtor is. */
export interface ZipPlace {
  zip: string;
  /** `US-CA` etc. */
  subdivision: string;
  timeZones: readonly string[];
  /** True for New York City's ZIP codes (Manhattan 100-102, the Bronx 104, Brooklyn 112, Queens 110-114/116, Staten Island 103). */
  nyc: boolean;
}

interface ZipRun {
  start: number;
  zones: readonly string[];
  state: string;
}

let zips: { from: PhoneData; runs: ZipRun[]; bits: Uint8Array } | undefined;

function unpackZips(): { runs: ZipRun[]; bits: Uint8Array } {
  const data = phoneData();
  if (zips?.from !== data) {
    const runs = data.packedZipRuns.split(';').map((entry) => {
      const [start = '0', zones = '', state = ''] = entry.split(':');
      return { start: Number(start), zones: zones.split('&').map((index) => data.zipZoneNames[Number(index)] ?? 'Etc/Unknown'), state };
    });
    const binary = atob(data.zipExistsBitmap);
    zips = { from: data, runs, bits: Uint8Array.from(binary, (char) => char.charCodeAt(0)) };
  }
  return zips;
}

/**
 * The place of a US ZIP code (`94105`, `94105-1234`), or `undefined` when it is no ZIP code that exists (or a
 * military one, which says nothing about where the debtor is).
 */
export function zipPlace(input: string): ZipPlace | undefined {
  const match = /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(input);
  if (!match) return undefined;
  const zip = Number(match[1]);
  const { runs, bits } = unpackZips();
  if (((bits[zip >> 3] ?? 0) & (1 << (zip & 7))) === 0) return undefined;
  let low = 0;
  let high = runs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (runs[middle]!.start <= zip) low = middle;
    else high = middle - 1;
  }
  const run = runs[low]!;
  const prefix = Math.floor(zip / 100);
  const nyc = (prefix >= 100 && prefix <= 104) || prefix === 112 || (prefix >= 110 && prefix <= 114) || prefix === 116;
  return { zip: match[1]!, subdivision: `US-${run.state}`, timeZones: run.zones, nyc: run.state === 'NY' && nyc };
}

/** Canadian postal code → province, by its first letter (Canada Post's forward sortation areas). */
const CA_POSTAL_PROVINCES: Readonly<Record<string, readonly string[]>> = {
  A: ['CA-NL'], B: ['CA-NS'], C: ['CA-PE'], E: ['CA-NB'], G: ['CA-QC'], H: ['CA-QC'], J: ['CA-QC'],
  K: ['CA-ON'], L: ['CA-ON'], M: ['CA-ON'], N: ['CA-ON'], P: ['CA-ON'], R: ['CA-MB'], S: ['CA-SK'],
  T: ['CA-AB'], V: ['CA-BC'], X: ['CA-NT', 'CA-NU'], Y: ['CA-YT'],
};

/** The provinces a Canadian postal code (`M5V 2T6`) is in, or `undefined` when it is not one. */
export function canadianPostalProvinces(input: string): readonly string[] | undefined {
  const match = /^\s*([ABCEGHJ-NPRSTVXY])\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\s*$/i.exec(input);
  return match ? CA_POSTAL_PROVINCES[match[1]!.toUpperCase()] : undefined;
}
