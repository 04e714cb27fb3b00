/**
 * Which rules govern a call: the profiles of every place the debtor may be (their country, and in the US the
 * federal rules plus each candidate state's or city's), then the layers that may only make them stricter, in order
 * of strength: the lead's managed policy, the active signed pack's compliance section, the agent's own tightening.
 * Profiles are combined by taking the strictest of each rule, never by letting one replace another.
 */
import type { CandidatePlace, Jurisdiction } from './jurisdiction';
import { englishReason, reason, type Reason } from './reasons';
import { defineCustomProfile, getProfile, tightenProfile, type ComplianceProfile, type ContactCap, type CustomProfileInput, type HolidayRule, type ProfileOverrides } from './profiles';
import { parseClockTime, type Weekday } from '../time/calendar';

/**
 * The profiles each jurisdiction is judged by, unless the lead's policy maps it otherwise. Keys: a country
 * (`CN`), a US state (`US-WA`) or New York City (`US-NYC`). A US debtor gets `US` (federal) plus every state and
 * city key among their candidate places. US territories are under the federal rules.
 */
export const DEFAULT_JURISDICTION_PROFILES: Readonly<Record<string, readonly string[]>> = {
  US: ['US-FDCPA'],
  PR: ['US-FDCPA'],
  VI: ['US-FDCPA'],
  GU: ['US-FDCPA'],
  MP: ['US-FDCPA'],
  AS: ['US-FDCPA'],
  'US-FL': ['US-FL'],
  'US-WA': ['US-WA'],
  'US-MA': ['US-MA'],
  'US-NYC': ['US-NYC'],
  CN: ['CN-CBA-2026'],
  IN: ['IN-RBI'],
  PH: ['PH-SEC'],
  ID: ['ID-OJK'],
  IE: ['IE-CCA'],
  GB: ['UK-FCA'],
};

/** What a team lead fixes (managed policy, or written on their behalf); the agent sees it read-only. */
export interface CompliancePolicy {
  /** A profile applied to every call on top of the jurisdiction's rules (the strictest of both holds). */
  profileId?: string;
  /** Jurisdiction key → profile ids, replacing the default mapping for those keys. */
  jurisdictionProfiles?: Record<string, readonly string[]>;
  /** For a country no mapping covers: a profile id, or `block` (the default). */
  fallbackProfile?: string;
  /** Profiles the lead defines (ids the mapping may name). */
  customProfiles?: readonly CustomProfileInput[];
  /** Tightening applied on top (later start, earlier end, fewer days, stricter caps, block). */
  overrides?: ProfileOverrides;
  /** Who set the policy, shown next to the locked fields. */
  setBy?: string;
}

/** A signed pack's compliance section (see lib/packs/types.ts), in the engine's terms. */
export interface PackRules {
  packId: string;
  profileId?: string;
  overrides?: ProfileOverrides;
}

/** The layers above the jurisdiction, strongest first. */
export interface RuleLayers {
  policy?: CompliancePolicy | null;
  pack?: PackRules | null;
  /** The agent's own tightening (Options): can only make the rules stricter. */
  agent?: ProfileOverrides | null;
  /** A profile the agent adds (Options): combined strictly, so it too can only tighten. */
  agentProfileId?: string | null;
  /**
   * Why the team's pack, which carries rules of its own, cannot be used (it no longer verifies): the rules it would
   * add are unknown, so no call may go ahead until a verified pack is back.
   */
  packWithheld?: string | null;
}

/** One profile that applies, and why. */
export interface AppliedProfile {
  /** The jurisdiction key (`US`, `US-WA`), `policy` or `pack`. */
  key: string;
  profileId: string;
  /** What put it there: `area code 509 (US-WA)`, `the lead's policy` (English). */
  why: string;
  /** The same, as a reason the panel renders in the agent's language. */
  whyReason: Reason;
}

/** A layer's tightening: what it changed, and what it asked for that would have loosened the rules. */
export interface TighteningLayer {
  source: 'policy' | 'pack' | 'agent';
  applied: string[];
  ignored: string[];
}

/** The rules a call is judged by. */
export interface EffectiveRules {
  /** The combined, tightened profile the engine evaluates. */
  profile: ComplianceProfile;
  profiles: AppliedProfile[];
  tightening: TighteningLayer[];
  /**
   * Set when some candidate place has no rules and the policy says block, or the team's pack is withheld: no call
   * may go ahead (English).
   */
  blocked?: string;
  /** The same, as a reason. */
  blockedReason?: Reason;
}

/** The profile with this id: the lead's custom ones first, then the shipped ones. */
function findProfile(id: string, custom: readonly CustomProfileInput[] | undefined): ComplianceProfile | undefined {
  const own = custom?.find((profile) => profile.id === id);
  if (own) {
    try {
      return defineCustomProfile(own);
    } catch {
      return undefined;
    }
  }
  return getProfile(id);
}

/** The jurisdiction keys of the candidate places: their countries, and US states and New York City. */
export function jurisdictionKeys(jurisdiction: Jurisdiction): { key: string; why: string; whyReason: Reason }[] {
  const keys = new Map<string, CandidatePlace>();
  for (const place of jurisdiction.places) {
    if (place.country && !keys.has(place.country)) keys.set(place.country, place);
    for (const subdivision of place.subdivisions) if (!keys.has(subdivision)) keys.set(subdivision, place);
    if (place.nyc && !keys.has('US-NYC')) keys.set('US-NYC', place);
  }
  return [...keys].map(([key, place]) => ({ key, why: place.label, whyReason: place.labelReason }));
}

/**
 * The effective rules for a debtor: every profile the jurisdiction calls for (a country without a mapping takes the
 * policy's fallback, else blocks), the policy's and the pack's profiles on top, all combined strictly, then the
 * policy's, the pack's and the agent's tightening in that order. Nothing a layer asks can loosen a rule.
 */
export function resolveEffectiveRules(jurisdiction: Jurisdiction, layers: RuleLayers = {}): EffectiveRules {
  const policy = layers.policy ?? undefined;
  const mapping: Record<string, readonly string[]> = { ...DEFAULT_JURISDICTION_PROFILES, ...(policy?.jurisdictionProfiles ?? {}) };
  const applied: AppliedProfile[] = [];
  const profiles: ComplianceProfile[] = [];
  const add = (key: string, profileId: string, whyReason: Reason) => {
    if (applied.some((entry) => entry.profileId === profileId)) return;
    const profile = findProfile(profileId, policy?.customProfiles);
    if (!profile) return;
    applied.push({ key, profileId, why: englishReason(whyReason), whyReason });
    profiles.push(profile);
  };
  let blockedReason: Reason | undefined = layers.packWithheld ? reason('reason.rules.packWithheld', { problem: layers.packWithheld }) : undefined;
  for (const { key, whyReason: why } of jurisdictionKeys(jurisdiction)) {
    const ids = mapping[key];
    if (ids) {
      for (const id of ids) add(key, id, why);
      continue;
    }
    // Sub-national keys without a mapping add nothing: the country's rules hold there.
    if (key.includes('-')) continue;
    if (policy?.fallbackProfile && policy.fallbackProfile !== 'block' && findProfile(policy.fallbackProfile, policy.customProfiles)) {
      add(key, policy.fallbackProfile, reason('reason.rules.fallback', { why, key }));
    } else {
      blockedReason ??= reason('reason.rules.noRulesFor', { key, why });
    }
  }
  if (policy?.profileId) add('policy', policy.profileId, reason('reason.rules.policy'));
  if (layers.pack?.profileId) add('pack', layers.pack.profileId, reason('reason.rules.pack', { pack: layers.pack.packId }));
  if (layers.agentProfileId) add('agent', layers.agentProfileId, reason('reason.rules.agent'));
  if (profiles.length === 0) {
    blockedReason ??= reason(jurisdiction.countries.length === 0 ? 'reason.rules.noPlace' : 'reason.rules.none');
  }
  let profile = combineProfiles(profiles.length > 0 ? profiles : [blockingProfile()], jurisdiction.countries[0]);
  const tightening: TighteningLayer[] = [];
  const layerList: [TighteningLayer['source'], ProfileOverrides | null | undefined][] = [
    ['policy', policy?.overrides],
    ['pack', layers.pack?.overrides],
    ['agent', layers.agent],
  ];
  for (const [source, overrides] of layerList) {
    if (!overrides) continue;
    const result = tightenProfile(profile, { ...overrides, id: profile.id, name: profile.name });
    profile = result.profile;
    tightening.push({ source, applied: result.applied, ignored: result.ignored });
  }
  return { profile, profiles: applied, tightening, ...(blockedReason ? { blocked: englishReason(blockedReason), blockedReason } : {}) };
}

/** A profile that allows no call at all: what a debtor with no rules is judged by. */
function blockingProfile(): ComplianceProfile {
  return {
    ...defineCustomProfile({ id: 'NO-RULES', name: 'No rules apply', country: 'ZZ', hours: { start: '00:00', end: '00:01' }, days: [] }),
    hours: { startMinute: 0, endMinute: 0 },
  };
}

/**
 * One profile holding the strictest of each rule of several: the latest start and earliest end, the days all allow,
 * every holiday rule, every cap (the stricter where two share an id), block over warn and over most-restrictive.
 */
export function combineProfiles(profiles: readonly ComplianceProfile[], country?: string): ComplianceProfile {
  const [first, ...rest] = profiles;
  if (!first) throw new Error('combineProfiles needs at least one profile');
  if (rest.length === 0) return country && first.country !== country ? { ...first } : first;
  const days: Weekday[] = first.days.filter((day) => rest.every((profile) => profile.days.includes(day)));
  const holidays: HolidayRule[] = [];
  for (const rule of profiles.flatMap((profile) => profile.holidays)) {
    if (!holidays.some((existing) => JSON.stringify(existing) === JSON.stringify(rule))) holidays.push(rule);
  }
  let caps: ContactCap[] = [];
  for (const profile of profiles) caps = tightenProfile({ ...first, caps }, { caps: profile.caps }).profile.caps as ContactCap[];
  return {
    id: profiles.map((profile) => profile.id).join('+'),
    name: profiles.map((profile) => profile.name).join(' + '),
    country: country ?? first.country,
    source: {
      citation: profiles.map((profile) => profile.source.citation).join('; '),
      marker: first.source.marker,
      note: 'combined: the strictest of each rule holds',
    },
    hours: {
      startMinute: Math.max(...profiles.map((profile) => profile.hours.startMinute)),
      endMinute: Math.min(...profiles.map((profile) => profile.hours.endMinute)),
    },
    days,
    holidays,
    caps,
    unknownZone: profiles.some((profile) => profile.unknownZone === 'block') ? 'block' : 'most-restrictive',
    onViolation: profiles.some((profile) => profile.onViolation === 'block') ? 'block' : 'warn',
  };
}

/** A pack's compliance tightening (lib/packs/types.ts `ComplianceTightening`) as profile overrides. */
export function packTighteningOverrides(
  tighten: { earliestLocalTime?: string; latestLocalTime?: string; maxAttemptsPerDay?: number; maxAttemptsPerWeek?: number; avoidRestDays?: boolean },
  countries: readonly string[],
): ProfileOverrides {
  const overrides: { -readonly [K in keyof ProfileOverrides]: ProfileOverrides[K] } = {};
  const hours: { startMinute?: number; endMinute?: number } = {};
  if (tighten.earliestLocalTime) hours.startMinute = parseClockTime(tighten.earliestLocalTime);
  if (tighten.latestLocalTime) hours.endMinute = parseClockTime(tighten.latestLocalTime);
  if (hours.startMinute !== undefined || hours.endMinute !== undefined) overrides.hours = hours;
  const caps: ContactCap[] = [];
  const source = { citation: 'script pack', marker: 'R' as const, note: "the lead's pack" };
  if (tighten.maxAttemptsPerDay !== undefined) {
    caps.push({ kind: 'rolling-attempts', id: 'pack-attempts-per-day', label: `Pack: at most ${tighten.maxAttemptsPerDay} attempts a day`, limit: tighten.maxAttemptsPerDay, days: 1, per: 'debtor', counts: ['unanswered', 'voicemail', 'conversation', 'no-connect'], source });
  }
  if (tighten.maxAttemptsPerWeek !== undefined) {
    caps.push({ kind: 'rolling-attempts', id: 'pack-attempts-per-week', label: `Pack: at most ${tighten.maxAttemptsPerWeek} attempts in 7 days`, limit: tighten.maxAttemptsPerWeek, days: 7, per: 'debtor', counts: ['unanswered', 'voicemail', 'conversation', 'no-connect'], source });
  }
  if (caps.length > 0) overrides.caps = caps;
  if (tighten.avoidRestDays) {
    overrides.days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const holidays: HolidayRule[] = [];
    for (const country of countries) {
      if (country === 'CN') holidays.push({ source: 'chinese-days', block: 'rest-days' });
      else holidays.push({ source: 'date-holidays', country, types: ['public'] });
    }
    if (!countries.includes('CN')) overrides.days = ['mon', 'tue', 'wed', 'thu', 'fri'];
    overrides.holidays = holidays;
  }
  return overrides;
}
