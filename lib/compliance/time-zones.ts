/**
 * Candidate time zones for a debtor: from what the agent entered, else from the phone number.
 */
import { getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { PACKED_PREFIX_ZONES, ZONE_NAMES } from './data/phone-time-zones.generated';
import {
  CA_REGION_TIME_ZONES,
  NANP_COUNTRY_TIME_ZONES,
  REGION_NAMES,
  US_MAINLAND_AND_STATES_TIME_ZONES,
  US_REGION_TIME_ZONES,
} from './data/region-time-zones';
import { isValidTimeZone } from '../time/zone-offsets';

/** Where the debtor is, as an agent typed it from the call form or the debtor's words. All fields optional. */
export interface AgentLocation {
  /** IANA zone, e.g. `America/Chicago`. Wins over everything else when valid. */
  timeZone?: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  country?: string;
  /** State or province: postal code (`NY`, `ON`) or full name (`New York`). US and Canada only. */
  region?: string;
  /** Recorded for the reasons; not yet used to pick a zone (no postal-code table is shipped). */
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

/** How the candidate zones were found. */
export type ZoneSource = 'location-time-zone' | 'location-region' | 'location-country' | 'phone' | 'unknown';

/** The candidate zones with the reasons that chose them. */
export interface ZoneResolution {
  /** Candidate IANA zones; empty when unknown. */
  timeZones: string[];
  source: ZoneSource;
  /** Country the debtor is in as far as known (location, then number), for the unknown-zone fallback. */
  country?: string;
  phone?: NormalizedPhone;
  reasons: string[];
}

/** Number types that carry no location (libphonenumber names). */
const NON_GEOGRAPHIC_TYPES = new Set([
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'VOICEMAIL',
]);

let prefixTable: Map<string, readonly string[]> | undefined;

/** The phone-prefix → zones map, unpacked on first use. */
function prefixZones(): Map<string, readonly string[]> {
  if (!prefixTable) {
    prefixTable = new Map();
    for (const entry of PACKED_PREFIX_ZONES.split(';')) {
      const [prefix, indexes] = entry.split(':');
      if (!prefix || !indexes) continue;
      prefixTable.set(
        prefix,
        indexes.split(',').map((index) => ZONE_NAMES[Number(index)] ?? 'Etc/Unknown'),
      );
    }
  }
  return prefixTable;
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

function regionZones(region: string, country: string | undefined): { code: string; zones: readonly string[] } | undefined {
  const trimmed = region.trim();
  const code = (REGION_NAMES[trimmed.toLowerCase()] ?? trimmed).toUpperCase();
  const upperCountry = country?.toUpperCase();
  if (upperCountry === 'CA') {
    const zones = CA_REGION_TIME_ZONES[code];
    return zones ? { code, zones } : undefined;
  }
  if (upperCountry === undefined || upperCountry === 'US') {
    const zones = US_REGION_TIME_ZONES[code] ?? (upperCountry === undefined ? CA_REGION_TIME_ZONES[code] : undefined);
    return zones ? { code, zones } : undefined;
  }
  return undefined;
}

function joinZones(zones: readonly string[]): string {
  return zones.length === 1 ? (zones[0] ?? '') : `${zones.join(' + ')} (all must allow)`;
}

/**
 * Candidate zones by precedence: agent-entered time zone, then state/province, then country, then the number
 * (North American area code or longest prefix in libphonenumber's map). Toll-free and other non-geographic
 * numbers, and the bare `1` line of the map, give no zone.
 */
export function resolveTimeZones(input: {
  phone: string;
  location?: AgentLocation | undefined;
  /** Region hint for national-format numbers; usually the profile's country. */
  defaultCountry?: string | undefined;
}): ZoneResolution {
  const { location } = input;
  const reasons: string[] = [];
  const phone = normalizePhone(input.phone, input.defaultCountry);

  if (location?.timeZone) {
    if (isValidTimeZone(location.timeZone)) {
      return resolved([location.timeZone], 'location-time-zone', location.country ?? phone?.country, phone, [
        `agent-entered time zone → ${location.timeZone}`,
      ]);
    }
    reasons.push(`agent-entered time zone "${location.timeZone}" is not a known IANA zone; ignored`);
  }
  if (location?.region) {
    const region = regionZones(location.region, location.country ?? input.defaultCountry);
    if (region) {
      return resolved([...region.zones], 'location-region', location.country ?? input.defaultCountry, phone, [
        ...reasons,
        `agent-entered region ${region.code} → ${joinZones(region.zones)}`,
      ]);
    }
    reasons.push(`agent-entered region "${location.region}" has no zone table; ignored`);
  }
  if (location?.country) {
    const zones = countryTimeZones(location.country);
    if (zones.length > 0) {
      return resolved(zones, 'location-country', location.country.toUpperCase(), phone, [
        ...reasons,
        `agent-entered country ${location.country.toUpperCase()} → ${joinZones(zones)}`,
      ]);
    }
    reasons.push(`agent-entered country "${location.country}" is not recognised; ignored`);
  }
  if (location?.postalCode) {
    reasons.push(`postal code ${location.postalCode} noted, but postal codes are not used to pick a zone`);
  }

  if (!phone) {
    return resolved([], 'unknown', location?.country ?? input.defaultCountry, undefined, [
      ...reasons,
      `"${input.phone}" is not a recognisable phone number; zone unknown`,
    ]);
  }
  if (phone.type && NON_GEOGRAPHIC_TYPES.has(phone.type)) {
    const kind = phone.type.toLowerCase().replace(/_/g, '-');
    return resolved([], 'unknown', phone.country, phone, [
      ...reasons,
      `${phone.e164} is a ${kind} number with no location; zone unknown`,
    ]);
  }
  const digits = phone.e164.slice(1);
  const match = lookupPhonePrefix(digits);
  const isNanp = digits.startsWith('1');
  if (!match || (isNanp && match.prefix === '1')) {
    const what = isNanp ? `area code ${digits.slice(1, 4)}` : `prefix +${digits.slice(0, 4)}`;
    return resolved([], 'unknown', phone.country, phone, [...reasons, `${what} is not in the zone map; zone unknown`]);
  }
  const label = isNanp
    ? `area code ${digits.slice(1, 4)}${match.prefix.length > 4 ? ` (exchange prefix +${match.prefix})` : ''}`
    : `number prefix +${match.prefix}`;
  return resolved([...match.timeZones], 'phone', phone.country, phone, [
    ...reasons,
    `${label} → ${joinZones(match.timeZones)}`,
  ]);
}

function resolved(
  timeZones: string[],
  source: ZoneSource,
  country: string | undefined,
  phone: NormalizedPhone | undefined,
  reasons: string[],
): ZoneResolution {
  const resolution: ZoneResolution = { timeZones, source, reasons };
  if (country) resolution.country = country.toUpperCase();
  if (phone) resolution.phone = phone;
  return resolution;
}
