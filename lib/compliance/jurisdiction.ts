/**
 * Where the debtor may be, from every source at once: the number (country, area code, exchange), what the agent
 * entered and what the open CRM page shows. The strict reading of the law (Reg F comment 6(b)(1)(i)-2: a time is
 * inconvenient if it is inconvenient at any place the consumer may be): the candidate places are the union of every
 * source, never one source replacing another, and a call is allowed only when it is allowed in all of them.
 */
import { countryTimeZones, lookupPhonePrefix, normalizePhone, type AgentLocation, type NormalizedPhone } from './time-zones';
import { CA_REGION_TIME_ZONES, REGION_NAMES, US_REGION_TIME_ZONES } from './data/region-time-zones';
import { areaCodePlace, canadianPostalProvinces, NYC_AREA_CODES, zipPlace } from './nanp';

/** Which evidence a place came from. */
export type EvidenceSource = 'number' | 'entered' | 'crm';

/** What is known about the debtor's whereabouts. */
export interface DebtorEvidence {
  /** The number as dialled or typed. */
  phone: string;
  /** Region for national-format numbers (the agent's default country). */
  defaultCountry?: string;
  /** What the agent entered (state, ZIP, country, zone). */
  entered?: AgentLocation;
  /** What the open CRM page shows (read by a DOM rule's location fields). */
  crm?: AgentLocation;
}

/** One place the debtor may be, from one source. */
export interface CandidatePlace {
  source: EvidenceSource;
  /** ISO 3166-1 alpha-2, when known. */
  country?: string;
  /** `US-TX`, `CA-ON`: the states or provinces this place is in (several for a split area code). */
  subdivisions: string[];
  /** New York City (its own rules apply there). */
  nyc?: boolean;
  /** Candidate IANA zones of this place; empty when the source says nothing about the zone. */
  timeZones: string[];
  /** What the source said, for the reasons: `area code 270 (US-KY)`, `ZIP 94105 (US-CA)`. */
  label: string;
}

/** Everything the sources say, joined. */
export interface Jurisdiction {
  places: CandidatePlace[];
  /** Every country among the places (a number from one country and a CRM address in another: both). */
  countries: string[];
  /** Every state or province among the places. */
  subdivisions: string[];
  /** True when some place is in New York City. */
  nyc: boolean;
  /** The union of the places' zones; empty when no source locates the debtor. */
  timeZones: string[];
  phone?: NormalizedPhone;
  /** Sources that disagree, in plain words: `area code: US-TX; CRM: US-CA`. */
  conflicts: string[];
  /** What each source said and what was ignored, in order. */
  reasons: string[];
}

/** Number types that carry no location (libphonenumber names). */
const NON_GEOGRAPHIC = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'VOICEMAIL']);

const SOURCE_NAMES: Readonly<Record<EvidenceSource, string>> = { number: 'number', entered: 'entered', crm: 'CRM' };

/** The places the number says the debtor may be in. */
function numberPlaces(phone: string, defaultCountry: string | undefined, reasons: string[]): { places: CandidatePlace[]; normalized?: NormalizedPhone } {
  const normalized = normalizePhone(phone, defaultCountry);
  if (!normalized) {
    reasons.push(`"${phone}" is not a recognisable phone number`);
    return { places: [] };
  }
  const digits = normalized.e164.slice(1);
  const country = normalized.country;
  if (normalized.type && NON_GEOGRAPHIC.has(normalized.type)) {
    const kind = normalized.type.toLowerCase().replace(/_/g, '-');
    reasons.push(`${normalized.e164} is a ${kind} number: it says nothing about where the debtor is`);
    return { places: [{ source: 'number', ...(country ? { country } : {}), subdivisions: [], timeZones: [], label: `${kind} number` }], normalized };
  }
  if (digits.startsWith('1') && digits.length === 11) {
    const npa = digits.slice(1, 4);
    const area = areaCodePlace(npa);
    const nanpCountry = country ?? (area?.subdivisions[0]?.slice(0, 2));
    if (!area) {
      reasons.push(`area code ${npa} is not in the data`);
      return { places: [{ source: 'number', ...(nanpCountry ? { country: nanpCountry } : {}), subdivisions: [], timeZones: [], label: `area code ${npa}` }], normalized };
    }
    const place: CandidatePlace = {
      source: 'number',
      ...(nanpCountry ? { country: nanpCountry } : {}),
      subdivisions: [...area.subdivisions],
      timeZones: [...area.timeZones],
      label: `area code ${npa}${area.subdivisions.length > 0 ? ` (${area.subdivisions.join(', ')})` : ''}`,
    };
    if (NYC_AREA_CODES.has(npa)) place.nyc = true;
    reasons.push(`${place.label} → ${place.timeZones.join(' + ')}`);
    return { places: [place], normalized };
  }
  const match = lookupPhonePrefix(digits);
  const zones = new Set(match?.timeZones ?? []);
  let label = match ? `number prefix +${match.prefix}` : `number +${digits.slice(0, 4)}`;
  // A mobile goes wherever its owner goes: in a country with several zones it may be in any of them (Indonesia's
  // +62 8 mobiles are used in all three).
  if (country && normalized.type === 'MOBILE') {
    const national = countryTimeZones(country);
    if (national.length > 1) {
      national.forEach((zone) => zones.add(zone));
      label = `${country} mobile number`;
    }
  }
  const place: CandidatePlace = { source: 'number', ...(country ? { country } : {}), subdivisions: [], timeZones: [...zones].sort(), label };
  reasons.push(zones.size > 0 ? `${label} → ${place.timeZones.join(' + ')}` : `${label}: zone unknown`);
  return { places: [place], normalized };
}

/** The places an entered or CRM location says the debtor may be in. */
function locationPlaces(location: AgentLocation, source: EvidenceSource, reasons: string[]): CandidatePlace[] {
  const who = SOURCE_NAMES[source];
  const places: CandidatePlace[] = [];
  const country = location.country?.trim().toUpperCase() || undefined;
  if (location.timeZone) {
    if (isZone(location.timeZone)) {
      places.push({ source, ...(country ? { country } : {}), subdivisions: [], timeZones: [location.timeZone], label: `${who} zone ${location.timeZone}` });
    } else {
      reasons.push(`${who} zone "${location.timeZone}" is not a known IANA zone; ignored`);
    }
  }
  if (location.region) {
    const region = subdivisionOf(location.region, country);
    if (region) {
      places.push({ source, country: region.code.slice(0, 2), subdivisions: [region.code], timeZones: [...region.zones], label: `${who} ${region.code}` });
    } else {
      reasons.push(`${who} state or province "${location.region}" is not known; ignored`);
    }
  }
  if (location.postalCode) {
    const zip = country === undefined || country === 'US' ? zipPlace(location.postalCode) : undefined;
    const provinces = !zip && (country === undefined || country === 'CA') ? canadianPostalProvinces(location.postalCode) : undefined;
    if (zip) {
      places.push({
        source,
        country: 'US',
        subdivisions: [zip.subdivision],
        ...(zip.nyc ? { nyc: true } : {}),
        timeZones: [...zip.timeZones],
        label: `${who} ZIP ${zip.zip} (${zip.subdivision})`,
      });
    } else if (provinces) {
      const zones = [...new Set(provinces.flatMap((code) => CA_REGION_TIME_ZONES[code.slice(3)] ?? []))];
      places.push({ source, country: 'CA', subdivisions: [...provinces], timeZones: zones, label: `${who} postal code ${location.postalCode.trim().toUpperCase()} (${provinces.join(', ')})` });
    } else {
      reasons.push(`${who} postal code "${location.postalCode}" is not a known US ZIP or Canadian postal code; ignored`);
    }
  }
  if (country && places.length === 0) {
    // Only a country: it places the debtor in that country, and locates them there only if nothing else does.
    places.push({ source, country, subdivisions: [], timeZones: [], label: `${who} country ${country}` });
  }
  for (const place of places) reasons.push(`${place.label}${place.timeZones.length > 0 ? ` → ${place.timeZones.join(' + ')}` : ''}`);
  return places;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function subdivisionOf(region: string, country: string | undefined): { code: string; zones: readonly string[] } | undefined {
  const trimmed = region.trim();
  const bare = (REGION_NAMES[trimmed.toLowerCase()] ?? trimmed.replace(/^(US|CA)-/i, '')).toUpperCase();
  if (country !== 'CA' && US_REGION_TIME_ZONES[bare]) return { code: `US-${bare}`, zones: US_REGION_TIME_ZONES[bare]! };
  if (country !== 'US' && CA_REGION_TIME_ZONES[bare]) return { code: `CA-${bare}`, zones: CA_REGION_TIME_ZONES[bare]! };
  return undefined;
}

/**
 * Joins every source into the debtor's candidate places. A country stated on its own adds zones only when no other
 * source locates the debtor in that country (then every zone of the country: the strict reading); toll-free and
 * other non-geographic numbers locate nobody.
 */
export function resolveJurisdiction(evidence: DebtorEvidence): Jurisdiction {
  const reasons: string[] = [];
  const { places: fromNumber, normalized } = numberPlaces(evidence.phone, evidence.defaultCountry, reasons);
  const places = [
    ...fromNumber,
    ...(evidence.entered ? locationPlaces(evidence.entered, 'entered', reasons) : []),
    ...(evidence.crm ? locationPlaces(evidence.crm, 'crm', reasons) : []),
  ];
  const countries = [...new Set(places.map((place) => place.country).filter((country): country is string => Boolean(country)))].sort();
  const zones = new Set(places.flatMap((place) => place.timeZones));
  for (const country of countries) {
    const located = places.some((place) => place.country === country && place.timeZones.length > 0);
    const stated = places.some((place) => place.country === country && place.timeZones.length === 0 && place.source !== 'number');
    if (!located && stated) {
      const national = countryTimeZones(country);
      national.forEach((zone) => zones.add(zone));
      if (national.length > 0) reasons.push(`only the country ${country} is known there: every zone of ${country}`);
    }
  }
  const subdivisions = [...new Set(places.flatMap((place) => place.subdivisions))].sort();
  const jurisdiction: Jurisdiction = {
    places,
    countries,
    subdivisions,
    nyc: places.some((place) => place.nyc === true),
    timeZones: [...zones].sort(),
    conflicts: conflictsOf(places),
    reasons,
  };
  if (normalized) jurisdiction.phone = normalized;
  return jurisdiction;
}

/** Sources that place the debtor in different states, provinces or countries, in one line each. */
function conflictsOf(places: readonly CandidatePlace[]): string[] {
  const where = (place: CandidatePlace) => (place.subdivisions.length > 0 ? place.subdivisions.join('/') : (place.country ?? ''));
  const bySource = new Map<EvidenceSource, Set<string>>();
  for (const place of places) {
    const at = where(place);
    if (!at) continue;
    const set = bySource.get(place.source) ?? new Set<string>();
    set.add(at);
    bySource.set(place.source, set);
  }
  const all = new Set([...bySource.values()].flatMap((set) => [...set]));
  if (bySource.size < 2 || all.size < 2) return [];
  // Sources agree when one's places are a subset of another's (a split area code and the state within it).
  const sets = [...bySource.values()];
  const overlaps = sets.every((set) => [...set].some((at) => sets.every((other) => [...other].some((o) => o.includes(at) || at.includes(o)))));
  if (overlaps) return [];
  const label: Record<EvidenceSource, string> = { number: 'area code', entered: 'entered', crm: 'CRM' };
  return [[...bySource].map(([source, set]) => `${label[source]}: ${[...set].join(', ')}`).join('; ')];
}

/** How the candidate zones were found: from the debtor's jurisdiction, or not at all. */
export type ZoneSource = 'jurisdiction' | 'unknown';

/** The candidate zones with the reasons that chose them. */
export interface ZoneResolution {
  /** Candidate IANA zones (the union of every source); empty when unknown. */
  timeZones: string[];
  source: ZoneSource;
  /** The countries the debtor may be in, first the number's (for the unknown-zone fallback). */
  countries: string[];
  /** The first of {@link countries}, when known. */
  country?: string;
  phone?: NormalizedPhone;
  reasons: string[];
}

/**
 * Candidate zones for a number and what the agent entered: the union of both (an entered state adds its zones to
 * the number's, it never replaces them). Kept for callers that judge a number without a CRM page; the background
 * resolves the whole {@link Jurisdiction} with {@link resolveJurisdiction}.
 */
export function resolveTimeZones(input: { phone: string; location?: AgentLocation | undefined; defaultCountry?: string | undefined }): ZoneResolution {
  return zonesOf(
    resolveJurisdiction({
      phone: input.phone,
      ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}),
      ...(input.location ? { entered: input.location } : {}),
    }),
  );
}

/** The zone resolution a jurisdiction amounts to. */
export function zonesOf(jurisdiction: Jurisdiction): ZoneResolution {
  const countries = [...new Set(jurisdiction.places.map((place) => place.country).filter((country): country is string => Boolean(country)))];
  const resolution: ZoneResolution = {
    timeZones: jurisdiction.timeZones,
    source: jurisdiction.timeZones.length > 0 ? 'jurisdiction' : 'unknown',
    countries,
    reasons: [...jurisdiction.reasons, ...jurisdiction.conflicts.map((conflict) => `sources disagree (${conflict}): every place counts`)],
  };
  if (countries[0]) resolution.country = countries[0];
  if (jurisdiction.phone) resolution.phone = jurisdiction.phone;
  return resolution;
}
