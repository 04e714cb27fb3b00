/**
 * Phone numbers and zones: normalising a number, libphonenumber's prefix → zone map, a country's zones. Where the
 * debtor may be, from every source together, is jurisdiction.ts.
 */
import { getCountryCallingCode, parsePhoneNumberFromString } from '../phone/libphonenumber';
import type { CountryCode } from '../phone/libphonenumber';
import { phoneData, type PhoneData } from '../phone/phone-data';
import { CA_REGION_TIME_ZONES, NANP_COUNTRY_TIME_ZONES, US_MAINLAND_AND_STATES_TIME_ZONES } from './data/region-time-zones';

/** Where the debtor is, as an agent typed it or a page shows it. All fields optional. */
export interface AgentLocation {
  /** IANA zone, e.g. `America/Chicago`. Wins over everything else when valid. */
  timeZone?: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  country?: string;
  /** State or province: postal code (`NY`, `ON`) or full name (`New York`). US and Canada only. */
  region?: string;
  /** US ZIP code or Canadian postal code. */
  postalCode?: string;
}

/** A phone number after normalisation. */
export interface NormalizedPhone {
  /** `+` and digits. */
  e164: string;
  country?: string;
  /** libphonenumber type (`FIXED_LINE`, `MOBILE`, `TOLL_FREE`, ...), when it can tell. */
  type?: string;
}

let prefixTable: { from: PhoneData; map: Map<string, readonly string[]> } | undefined;

/** The phone-prefix → zones map, unpacked on first use (and again if other tables were installed since). */
function prefixZones(): Map<string, readonly string[]> {
  const data = phoneData();
  if (prefixTable?.from !== data) {
    const map = new Map<string, readonly string[]>();
    for (const entry of data.packedPrefixZones.split(';')) {
      const [prefix, indexes] = entry.split(':');
      if (!prefix || !indexes) continue;
      map.set(
        prefix,
        indexes.split(',').map((index) => data.zoneNames[Number(index)] ?? 'Etc/Unknown'),
      );
    }
    prefixTable = { from: data, map };
  }
  return prefixTable.map;
}

/** Longest prefix of `digits` present in the map, with its zones. */
export function lookupPhonePrefix(digits: string): { prefix: string; timeZones: readonly string[] } | undefined {
  const table = prefixZones();
  for (let length = Math.min(digits.length, 12); length > 0; length -= 1) {
    const prefix = digits.slice(0, length);
    const zones = table.get(prefix);
    if (zones) return { prefix, timeZones: zones };
  }
  return undefined;
}

/**
 * Normalises a phone number to E.164. National formats need `defaultCountry` (the profile's country).
 * Returns undefined when libphonenumber cannot read it as a possible number.
 */
export function normalizePhone(phone: string, defaultCountry?: string): NormalizedPhone | undefined {
  const parsed = parsePhoneNumberFromString(phone, asCountryCode(defaultCountry));
  if (!parsed || !parsed.isPossible()) return undefined;
  const normalized: NormalizedPhone = { e164: parsed.number };
  if (parsed.country) normalized.country = parsed.country;
  const type = parsed.getType();
  if (type) normalized.type = type;
  return normalized;
}

function asCountryCode(country: string | undefined): CountryCode | undefined {
  if (!country) return undefined;
  const upper = country.toUpperCase();
  try {
    getCountryCallingCode(upper as CountryCode);
    return upper as CountryCode;
  } catch {
    return undefined;
  }
}

/**
 * Zones a country spans. US: the 50 states and DC; Canada: all provinces; other +1 countries: their zone; elsewhere
 * the calling code's line in the prefix map (shared codes such as +7 include every country on that code, which can
 * only make the intersection stricter). Empty when unknown.
 */
export function countryTimeZones(country: string): string[] {
  const upper = country.toUpperCase();
  if (upper === 'US') return [...US_MAINLAND_AND_STATES_TIME_ZONES];
  if (upper === 'CA') return [...new Set(Object.values(CA_REGION_TIME_ZONES).flat())];
  const nanp = NANP_COUNTRY_TIME_ZONES[upper];
  if (nanp) return [...nanp];
  const code = asCountryCode(upper);
  if (!code) return [];
  const callingCode = getCountryCallingCode(code);
  const root = prefixZones().get(callingCode);
  if (root) return [...root];
  const zones = new Set<string>();
  for (const [prefix, prefixZoneList] of prefixZones()) {
    if (prefix.startsWith(callingCode)) prefixZoneList.forEach((zone) => zones.add(zone));
  }
  return [...zones].sort();
}
