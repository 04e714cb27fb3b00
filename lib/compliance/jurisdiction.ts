/**
 * Where the debtor may be, from every source at once: the number (country, area code, exchange), what the agent
 * entered and what the open CRM page shows. The strict reading of the law (Reg F comment 6(b)(1)(i)-2: a time is
 * inconvenient if it is inconvenient at any place the consumer may be): the candidate places are the union of every
 * source, never one source replacing another, and a call is allowed only when it is allowed in all of them.
 */
import { countryTimeZones, lookupPhonePrefix, normalizePhone, type AgentLocation, type NormalizedPhone } from './time-zones';
import { CA_REGION_TIME_ZONES, REGION_NAMES, US_REGION_TIME_ZONES } from './data/region-time-zones';
import { areaCodePlace, canadianPostalProvinces, NYC_AREA_CODES, zipPlace } from './nanp';
import { englishReason, englishReasons, reason, type Reason } from './reasons';

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
  /** What the source said, for the reasons: `area code 270 (US-KY)`, `ZIP 94105 (US-CA)` (English). */
  label: string;
  /** The same, as a reason the panel renders in the agent's language. */
  labelReason: Reason;
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
  /** The same, as reasons. */
  conflictReasons: Reason[];
  /** What each source said and what was ignored, in order (English). */
  reasons: string[];
  /** The same, as reasons. */
  why: Reason[];
}

/** Number types that carry no location (libphonenumber names). */
const NON_GEOGRAPHIC = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'VOICEMAIL']);

const SOURCE_NAMES: Readonly<Record<EvidenceSource, Reason>> = {
  number: reason('reason.source.number'),
  entered: reason('reason.source.entered'),
  crm: reason('reason.source.crm'),
};

/** A place with its label in English and as a reason. */
function place(fields: Omit<CandidatePlace, 'label' | 'labelReason'>, label: Reason): CandidatePlace {
  return { ...fields, label: englishReason(label), labelReason: label };
}

const zonesText = (zones: readonly string[]) => zones.join(' + ');

/** The places the number says the debtor may be in. */
function numberPlaces(phone: string, defaultCountry: string | undefined, why: Reason[]): { places: CandidatePlace[]; normalized?: NormalizedPhone } {
  const normalized = normalizePhone(phone, defaultCountry);
  if (!normalized) {
    why.push(reason('reason.place.notANumber', { phone }));
    return { places: [] };
  }
  const digits = normalized.e164.slice(1);
  const country = normalized.country;
  if (normalized.type && NON_GEOGRAPHIC.has(normalized.type)) {
    const kind = normalized.type.toLowerCase().replace(/_/g, '-');
    why.push(reason('reason.place.nonGeographic', { e164: normalized.e164, kind }));
    return {
      places: [place({ source: 'number', ...(country ? { country } : {}), subdivisions: [], timeZones: [] }, reason('reason.place.nonGeographicLabel', { kind }))],
      normalized,
    };
  }
  if (digits.startsWith('1') && digits.length === 11) {
    const npa = digits.slice(1, 4);
    const area = areaCodePlace(npa);
    const nanpCountry = country ?? area?.subdivisions[0]?.slice(0, 2);
    if (!area) {
      why.push(reason('reason.place.areaCodeUnknown', { npa }));
      return {
        places: [place({ source: 'number', ...(nanpCountry ? { country: nanpCountry } : {}), subdivisions: [], timeZones: [] }, reason('reason.place.areaCode', { npa }))],
        normalized,
      };
    }
    const label =
      area.subdivisions.length > 0 ? reason('reason.place.areaCodeIn', { npa, subdivisions: area.subdivisions.join(', ') }) : reason('reason.place.areaCode', { npa });
    const found = place(
      {
        source: 'number',
        ...(nanpCountry ? { country: nanpCountry } : {}),
        subdivisions: [...area.subdivisions],
        timeZones: [...area.timeZones],
        ...(NYC_AREA_CODES.has(npa) ? { nyc: true } : {}),
      },
      label,
    );
    why.push(reason('reason.place.zones', { place: label, zones: zonesText(found.timeZones) }));
    return { places: [found], normalized };
  }
  const match = lookupPhonePrefix(digits);
  const zones = new Set(match?.timeZones ?? []);
  let label = match ? reason('reason.place.prefix', { prefix: match.prefix }) : reason('reason.place.number', { prefix: digits.slice(0, 4) });
  // A mobile goes wherever its owner goes: in a country with several zones it may be in any of them (Indonesia's
  // +62 8 mobiles are used in all three).
  if (country && normalized.type === 'MOBILE') {
    const national = countryTimeZones(country);
    if (national.length > 1) {
      national.forEach((zone) => zones.add(zone));
      label = reason('reason.place.mobile', { country });
    }
  }
  const found = place({ source: 'number', ...(country ? { country } : {}), subdivisions: [], timeZones: [...zones].sort() }, label);
  why.push(zones.size > 0 ? reason('reason.place.zones', { place: label, zones: zonesText(found.timeZones) }) : reason('reason.place.zoneUnknown', { place: label }));
  return { places: [found], normalized };
}

/** The places an entered or CRM location says the debtor may be in. */
function locationPlaces(location: AgentLocation, source: EvidenceSource, why: Reason[]): CandidatePlace[] {
  const who = SOURCE_NAMES[source];
  const places: CandidatePlace[] = [];
  const country = location.country?.trim().toUpperCase() || undefined;
  if (location.timeZone) {
    if (isZone(location.timeZone)) {
      places.push(place({ source, ...(country ? { country } : {}), subdivisions: [], timeZones: [location.timeZone] }, reason('reason.place.enteredZone', { who, zone: location.timeZone })));
    } else {
      why.push(reason('reason.place.badZone', { who, zone: location.timeZone }));
    }
  }
  if (location.region) {
    const region = subdivisionOf(location.region, country);
    if (region) {
      places.push(place({ source, country: region.code.slice(0, 2), subdivisions: [region.code], timeZones: [...region.zones] }, reason('reason.place.region', { who, code: region.code })));
    } else {
      why.push(reason('reason.place.badRegion', { who, region: location.region }));
    }
  }
  if (location.postalCode) {
    const zip = country === undefined || country === 'US' ? zipPlace(location.postalCode) : undefined;
    const provinces = !zip && (country === undefined || country === 'CA') ? canadianPostalProvinces(location.postalCode) : undefined;
    if (zip) {
      places.push(
        place(
          { source, country: 'US', subdivisions: [zip.subdivision], ...(zip.nyc ? { nyc: true } : {}), timeZones: [...zip.timeZones] },
          reason('reason.place.zip', { who, zip: zip.zip, subdivision: zip.subdivision }),
        ),
      );
    } else if (provinces) {
      const zones = [...new Set(provinces.flatMap((code) => CA_REGION_TIME_ZONES[code.slice(3)] ?? []))];
      const code = location.postalCode.trim().toUpperCase();
      places.push(place({ source, country: 'CA', subdivisions: [...provinces], timeZones: zones }, reason('reason.place.postal', { who, code, provinces: provinces.join(', ') })));
    } else {
      why.push(reason('reason.place.badPostal', { who, code: location.postalCode }));
    }
  }
  if (country && places.length === 0) {
    // Only a country: it places the debtor in that country, and locates them there only if nothing else does.
    places.push(place({ source, country, subdivisions: [], timeZones: [] }, reason('reason.place.country', { who, country })));
  }
  for (const found of places) {
    why.push(found.timeZones.length > 0 ? reason('reason.place.zones', { place: found.labelReason, zones: zonesText(found.timeZones) }) : found.labelReason);
  }
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
  const why: Reason[] = [];
  const { places: fromNumber, normalized } = numberPlaces(evidence.phone, evidence.defaultCountry, why);
  const places = [
    ...fromNumber,
    ...(evidence.entered ? locationPlaces(evidence.entered, 'entered', why) : []),
    ...(evidence.crm ? locationPlaces(evidence.crm, 'crm', why) : []),
  ];
  const countries = [...new Set(places.map((place) => place.country).filter((country): country is string => Boolean(country)))].sort();
  const zones = new Set(places.flatMap((place) => place.timeZones));
  for (const country of countries) {
    const located = places.some((place) => place.country === country && place.timeZones.length > 0);
    const stated = places.some((place) => place.country === country && place.timeZones.length === 0 && place.source !== 'number');
    if (!located && stated) {
      const national = countryTimeZones(country);
      national.forEach((zone) => zones.add(zone));
      if (national.length > 0) why.push(reason('reason.place.countryOnly', { country }));
    }
  }
  const subdivisions = [...new Set(places.flatMap((found) => found.subdivisions))].sort();
  const conflictReasons = conflictsOf(places);
  const jurisdiction: Jurisdiction = {
    places,
    countries,
    subdivisions,
    nyc: places.some((found) => found.nyc === true),
    timeZones: [...zones].sort(),
    conflicts: englishReasons(conflictReasons),
    conflictReasons,
    reasons: englishReasons(why),
    why,
  };
  if (normalized) jurisdiction.phone = normalized;
  return jurisdiction;
}

/** Sources that place the debtor in different states, provinces or countries, in one line each. */
function conflictsOf(places: readonly CandidatePlace[]): Reason[] {
  const where = (found: CandidatePlace) => (found.subdivisions.length > 0 ? found.subdivisions.join('/') : (found.country ?? ''));
  const bySource = new Map<EvidenceSource, Set<string>>();
  for (const found of places) {
    const at = where(found);
    if (!at) continue;
    const set = bySource.get(found.source) ?? new Set<string>();
    set.add(at);
    bySource.set(found.source, set);
  }
  const all = new Set([...bySource.values()].flatMap((set) => [...set]));
  if (bySource.size < 2 || all.size < 2) return [];
  // Sources agree when one's places are a subset of another's (a split area code and the state within it).
  const sets = [...bySource.values()];
  const overlaps = sets.every((set) => [...set].some((at) => sets.every((other) => [...other].some((o) => o.includes(at) || at.includes(o)))));
  if (overlaps) return [];
  const label: Record<EvidenceSource, Reason> = { number: reason('reason.conflict.number'), entered: SOURCE_NAMES.entered, crm: SOURCE_NAMES.crm };
  const parts = [...bySource].map(([source, set]) => reason('reason.conflict.part', { source: label[source], places: [...set].join(', ') }));
  return [reason('reason.list', { items: parts })];
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
  /** The same, as reasons. */
  why: Reason[];
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
  const why = [...jurisdiction.why, ...jurisdiction.conflictReasons.map((conflict) => reason('reason.conflict', { conflict }))];
  const resolution: ZoneResolution = {
    timeZones: jurisdiction.timeZones,
    source: jurisdiction.timeZones.length > 0 ? 'jurisdiction' : 'unknown',
    countries,
    reasons: englishReasons(why),
    why,
  };
  if (countries[0]) resolution.country = countries[0];
  if (jurisdiction.phone) resolution.phone = jurisdiction.phone;
  return resolution;
}
