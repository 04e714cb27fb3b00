/**
 * Compliance profiles as data: calling hours, days, holiday rules, frequency caps and the unknown-zone policy of a
 * jurisdiction, each with its source and how sure we are of it (markers from the facts file:
 * V rule text seen, S secondary source, R recalled/unverified, X sources disagree).
 *
 * Not legal advice. A pack or a team lead picks a profile and may tighten it with {@link tightenProfile}; nothing
 * here lets an agent loosen one.
 */
import { WEEKDAYS, parseClockTime, type Weekday } from '../time/calendar';

/** How sure the facts behind a rule are. V: rule text seen; S: secondary source; R: recalled; X: sources disagree. */
export type SourceMarker = 'V' | 'S' | 'R' | 'X';

/** Where a rule comes from. */
export interface RuleSource {
  citation: string;
  marker: SourceMarker;
  note?: string;
}

/** Outcome of one call attempt as the call log records it. */
export type AttemptOutcome = 'unanswered' | 'voicemail' | 'conversation' | 'no-connect';

/**
 * What a number is to the debtor. Caps that name a kind count only calls to numbers of that kind and apply only
 * when such a number is dialled; a number nobody marked counts as `personal` (home or mobile).
 */
export type NumberKind = 'work' | 'personal';

/** `date-holidays` holiday types; `public` is the statutory day off. */
export type HolidayType = 'public' | 'bank' | 'school' | 'optional' | 'observance';

/** A calendar rule that closes whole local days. */
export type HolidayRule =
  | {
      /**
       * Holidays from the `date-holidays` package for a country, as tables generated at build time
       * (holiday-tables.ts; national holidays only: no rule needs a state's, and per-state tables would multiply
       * the data). A year outside the generated range closes the day unless a delivered calendar covers it.
       */
      source: 'date-holidays';
      country: string;
      /** Holiday types that close the day; default `['public']`. */
      types?: readonly HolidayType[];
    }
  | {
      /**
       * Mainland China's State Council calendar from the `chinese-days` package, including adjusted working days
       * (调休). `statutory-holidays` closes only the announced holidays; `rest-days` closes every day that is not an
       * official working day (weekends, unless made working days, and holidays).
       */
      source: 'chinese-days';
      block: 'statutory-holidays' | 'rest-days';
      /**
       * A date whose year neither the package nor a delivered calendar (calendar-data.ts) covers: `block` (the
       * default) closes the day and says why; `allow` closes only fixed-date holidays (and weekends under
       * `rest-days`) and notes the gap.
       */
      uncoveredYear?: 'allow' | 'block';
    };

/**
 * A frequency cap counted from the call log over calendar days in the debtor's zone. Only calls the collector
 * placed count towards a limit; a call the debtor placed counts only as a conversation for a cool-down.
 * `rolling-attempts`: at most `limit` counted attempts in any `days` consecutive days (the current day included).
 * `calendar-month`: at most `limit` counted attempts in the current calendar month.
 * `cooldown-after-conversation`: no call for `days` days after a conversation, whoever placed the call, its day
 * counted as day 1.
 */
export type ContactCap =
  | {
      kind: 'rolling-attempts';
      id: string;
      label: string;
      limit: number;
      days: number;
      /** Count across all of the debtor's numbers, or per dialled number. */
      per: 'debtor' | 'number';
      /** Which outcomes count towards the limit. */
      counts: readonly AttemptOutcome[];
      /** Only calls to numbers of this kind count, and the cap applies only when one is dialled. */
      numberKind?: NumberKind;
      source: RuleSource;
    }
  | {
      kind: 'calendar-month';
      id: string;
      label: string;
      limit: number;
      per: 'debtor' | 'number';
      counts: readonly AttemptOutcome[];
      numberKind?: NumberKind;
      source: RuleSource;
    }
  | {
      kind: 'cooldown-after-conversation';
      id: string;
      label: string;
      days: number;
      source: RuleSource;
    };

/** A cap that counts entries up to a limit (rolling days or a calendar month). */
export type CountingCap = Extract<ContactCap, { kind: 'rolling-attempts' | 'calendar-month' }>;

/** A calling-hours and contact-frequency profile. */
export interface ComplianceProfile {
  id: string;
  name: string;
  /** ISO country the profile is written for: region hint for national numbers and the unknown-zone fallback. */
  country: string;
  source: RuleSource;
  /** Permitted local hours, minutes since midnight, `[startMinute, endMinute)`. */
  hours: { startMinute: number; endMinute: number };
  /** Days of the week calls are allowed on (local to the debtor). */
  days: readonly Weekday[];
  holidays: readonly HolidayRule[];
  caps: readonly ContactCap[];
  /** Unknown zone: block every call, or allow only where the window is open in every zone of the country. */
  unknownZone: 'block' | 'most-restrictive';
  /** What the pre-dial guard does on a violation. */
  onViolation: 'warn' | 'block';
  /** Id of the profile this one was tightened from, if any. */
  derivedFrom?: string;
}

const ALL_DAYS: readonly Weekday[] = WEEKDAYS;
const MON_TO_SAT: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const REG_F_7_IN_7: ContactCap = {
  kind: 'rolling-attempts',
  id: 'reg-f-7-in-7',
  label: 'Reg F: at most 7 call attempts in 7 consecutive days',
  limit: 7,
  days: 7,
  per: 'debtor',
  // Calls that do not connect to the dialled number are not counted; unanswered calls and voicemails are.
  counts: ['unanswered', 'voicemail', 'conversation'],
  source: { citation: '12 CFR 1006.14(b)(2)(i)(A), (b)(3)', marker: 'V' },
};

const REG_F_COOLDOWN: ContactCap = {
  kind: 'cooldown-after-conversation',
  id: 'reg-f-post-conversation',
  label: 'Reg F: no calls within 7 days after a conversation (its day is day 1)',
  days: 7,
  source: { citation: '12 CFR 1006.14(b)(2)(i)(B)', marker: 'V' },
};

const FDCPA_SOURCE: RuleSource = {
  citation: 'FDCPA 15 U.S.C. 1692c(a)(1); Reg F 12 CFR 1006.6(b)(1)(i)',
  marker: 'V',
};

function usProfile(
  id: string,
  name: string,
  source: RuleSource,
  hours: { startMinute: number; endMinute: number },
  extraCaps: readonly ContactCap[],
): ComplianceProfile {
  return {
    id,
    name,
    country: 'US',
    source,
    hours,
    days: ALL_DAYS,
    holidays: [],
    caps: [REG_F_7_IN_7, REG_F_COOLDOWN, ...extraCaps],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  };
}

/** Every shipped profile, by id. */
export const PROFILES: Readonly<Record<ProfileId, ComplianceProfile>> = Object.freeze({
  'US-FDCPA': usProfile('US-FDCPA', 'United States (FDCPA / Reg F)', FDCPA_SOURCE, { startMinute: 480, endMinute: 1260 }, []),
  'US-FL': usProfile(
    'US-FL',
    'Florida (FCCPA 559.72(17))',
    {
      citation: 'Fla. Stat. 559.72(17)',
      marker: 'V',
      note: "21:00-08:00 barred in the debtor's zone, presumed from the area code; covers original creditors too",
    },
    { startMinute: 480, endMinute: 1260 },
    [],
  ),
  'US-WA': usProfile(
    'US-WA',
    'Washington (RCW 19.16.250)',
    { citation: 'RCW 19.16.250', marker: 'R', note: 'not 21:00-07:30 at the residence; over 3 calls a week presumed harassment' },
    { startMinute: 450, endMinute: 1260 },
    [
      {
        kind: 'rolling-attempts',
        id: 'wa-3-per-week',
        label: 'Washington: at most 3 calls a week',
        limit: 3,
        days: 7,
        per: 'debtor',
        counts: ['unanswered', 'voicemail', 'conversation'],
        source: { citation: 'RCW 19.16.250', marker: 'R' },
      },
      {
        kind: 'rolling-attempts',
        id: 'wa-1-per-week-at-work',
        label: 'Washington: at most 1 call a week at the place of employment',
        limit: 1,
        days: 7,
        per: 'debtor',
        counts: ['unanswered', 'voicemail', 'conversation'],
        numberKind: 'work',
        source: { citation: 'RCW 19.16.250', marker: 'R', note: 'more than one call a week at work presumed harassment' },
      },
    ],
  ),
  'US-MA': usProfile(
    'US-MA',
    'Massachusetts (940 CMR 7.04)',
    { citation: '940 CMR 7.04(1)(f); FDCPA hours', marker: 'S' },
    { startMinute: 480, endMinute: 1260 },
    [
      {
        kind: 'rolling-attempts',
        id: 'ma-2-per-7-days',
        label: 'Massachusetts: at most 2 calls per 7 days per debt to personal numbers',
        limit: 2,
        days: 7,
        per: 'debtor',
        // A call where a voicemail could have been left counts, so unanswered calls count too.
        counts: ['unanswered', 'voicemail', 'conversation'],
        numberKind: 'personal',
        source: { citation: '940 CMR 7.04(1)(f)', marker: 'S', note: 'residence, mobile or other personal number' },
      },
      {
        kind: 'rolling-attempts',
        id: 'ma-2-per-30-days-work',
        label: 'Massachusetts: at most 2 calls per 30 days per debt to other (work) numbers',
        limit: 2,
        days: 30,
        per: 'debtor',
        counts: ['unanswered', 'voicemail', 'conversation'],
        numberKind: 'work',
        source: { citation: '940 CMR 7.04(1)(f)', marker: 'R', note: 'numbers other than the residence, mobile or personal number' },
      },
    ],
  ),
  'US-NYC': usProfile(
    'US-NYC',
    'New York City (6 RCNY 5-77)',
    { citation: '6 RCNY 5-77; FDCPA hours', marker: 'S' },
    { startMinute: 480, endMinute: 1260 },
    [
      {
        kind: 'rolling-attempts',
        id: 'nyc-3-per-7-days',
        label: 'New York City: at most 3 contacts or attempts per 7 days',
        limit: 3,
        days: 7,
        per: 'debtor',
        // "Attempts" has no connection test: a dial that failed to connect was still an attempt.
        counts: ['unanswered', 'voicemail', 'conversation', 'no-connect'],
        source: { citation: '6 RCNY 5-77', marker: 'S' },
      },
    ],
  ),
  'CN-CBA-2026': {
    id: 'CN-CBA-2026',
    name: 'China (CBA consumer-loan collection guideline 2026)',
    country: 'CN',
    source: {
      citation: '中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》(2026-01-30)',
      marker: 'S',
      note: 'industry self-regulation; no verified rule bans weekend/holiday calls, so add a chinese-days rule to close them',
    },
    hours: { startMinute: 480, endMinute: 1320 },
    days: ALL_DAYS,
    holidays: [],
    caps: [
      {
        kind: 'rolling-attempts',
        id: 'cn-6-unanswered-per-day',
        label: 'China: at most 6 unanswered dials a day to one number',
        limit: 6,
        days: 1,
        per: 'number',
        // Every dial that did not reach the debtor counts, including ones that failed to connect (conservative).
        counts: ['unanswered', 'voicemail', 'no-connect'],
        source: { citation: '中国银行业协会催收工作指引（试行）2026', marker: 'S' },
      },
      {
        kind: 'rolling-attempts',
        id: 'cn-gbt-45251-3-connected-per-day',
        label: 'China: at most 3 connected calls a day per debtor (GB/T 45251-2025)',
        limit: 3,
        days: 1,
        per: 'debtor',
        // 拨通 is a call that got through: a conversation, and (the strict reading) a call a voicemail answered.
        counts: ['conversation', 'voicemail'],
        source: {
          citation: 'GB/T 45251-2025《互联网金融 个人网络消费信贷 贷后催收风控指引》',
          marker: 'S',
          note: '同一金融机构和其合作的第三方催收机构对单一债务人拨通电话频次每日合计不应超过3次, as quoted by two secondary sources; the standard exists (V) but its text was not seen',
        },
      },
    ],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  },
  'IN-RBI': {
    id: 'IN-RBI',
    name: 'India (RBI recovery-agent directions)',
    country: 'IN',
    source: { citation: 'RBI circular on recovery agents (2022; 2026 draft)', marker: 'S' },
    hours: { startMinute: 480, endMinute: 1140 },
    days: ALL_DAYS,
    holidays: [],
    caps: [],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  },
  'PH-SEC': {
    id: 'PH-SEC',
    name: 'Philippines (SEC MC 18 s.2019)',
    country: 'PH',
    source: {
      citation: 'SEC Memorandum Circular No. 18, series of 2019',
      marker: 'S',
      note: '06:00-22:00 unless more than 15 days past due or the borrower consented',
    },
    hours: { startMinute: 360, endMinute: 1320 },
    days: ALL_DAYS,
    holidays: [],
    caps: [],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  },
  'ID-OJK': {
    id: 'ID-OJK',
    name: 'Indonesia (POJK 22/2023)',
    country: 'ID',
    source: { citation: 'POJK 22/2023 Art. 62', marker: 'S' },
    hours: { startMinute: 480, endMinute: 1200 },
    days: MON_TO_SAT,
    holidays: [{ source: 'date-holidays', country: 'ID', types: ['public'] }],
    caps: [],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  },
  'IE-CCA': {
    id: 'IE-CCA',
    name: 'Ireland (Consumer Credit Act 1995 s.46)',
    country: 'IE',
    source: { citation: 'Consumer Credit Act 1995 s.46', marker: 'V', note: 'not 21:00-09:00, not on Sundays or public holidays' },
    hours: { startMinute: 540, endMinute: 1260 },
    days: MON_TO_SAT,
    holidays: [{ source: 'date-holidays', country: 'IE', types: ['public'] }],
    caps: [
      {
        kind: 'calendar-month',
        id: 'ie-3-contacts-per-month',
        label: 'Ireland: at most 3 successful unsolicited contacts in a calendar month',
        limit: 3,
        per: 'debtor',
        // Successful: the consumer was reached; a message left on their voicemail reached them too (strict reading).
        counts: ['conversation', 'voicemail'],
        source: { citation: 'Central Bank of Ireland Consumer Protection Code 2012, arrears handling (chapter 8)', marker: 'S' },
      },
      {
        kind: 'rolling-attempts',
        id: 'ie-no-calls-at-work',
        label: 'Ireland: no calls at the place of employment without consent',
        limit: 0,
        days: 1,
        per: 'number',
        counts: ['unanswered', 'voicemail', 'conversation', 'no-connect'],
        numberKind: 'work',
        source: { citation: 'Consumer Credit Act 1995 s.46(a)(i)', marker: 'V', note: 'unless the consumer lives there and all other contact failed' },
      },
    ],
    unknownZone: 'most-restrictive',
    onViolation: 'block',
  },
  'UK-FCA': {
    id: 'UK-FCA',
    name: 'United Kingdom (FCA CONC 7.9.4R, industry hours)',
    country: 'GB',
    source: {
      citation: 'FCA CONC 7.9.4R',
      marker: 'R',
      note: '"not at unreasonable times" (V); the 08:00-21:00 figures are industry practice (R)',
    },
    hours: { startMinute: 480, endMinute: 1260 },
    days: ALL_DAYS,
    holidays: [],
    caps: [],
    unknownZone: 'most-restrictive',
    onViolation: 'warn',
  },
});

/** Ids of the shipped profiles. */
export type ProfileId =
  | 'US-FDCPA'
  | 'US-FL'
  | 'US-WA'
  | 'US-MA'
  | 'US-NYC'
  | 'CN-CBA-2026'
  | 'IN-RBI'
  | 'PH-SEC'
  | 'ID-OJK'
  | 'IE-CCA'
  | 'UK-FCA';

/** The shipped profile with this id, or undefined. */
export function getProfile(id: string): ComplianceProfile | undefined {
  return Object.hasOwn(PROFILES, id) ? PROFILES[id as ProfileId] : undefined;
}

/** Input to {@link defineCustomProfile}: hours as `HH:MM`; everything else optional with strict defaults. */
export interface CustomProfileInput {
  id: string;
  name: string;
  country: string;
  hours: { start: string; end: string };
  days?: readonly Weekday[];
  holidays?: readonly HolidayRule[];
  caps?: readonly ContactCap[];
  unknownZone?: 'block' | 'most-restrictive';
  onViolation?: 'warn' | 'block';
  source?: RuleSource;
}

/**
 * Builds a custom profile for a jurisdiction or policy that is not shipped. Defaults are the strict choices:
 * unknown zone blocks, violations block.
 */
export function defineCustomProfile(input: CustomProfileInput): ComplianceProfile {
  const startMinute = parseClockTime(input.hours.start);
  const endMinute = parseClockTime(input.hours.end);
  if (endMinute <= startMinute) {
    throw new Error(`custom profile ${input.id}: end ${input.hours.end} must be after start ${input.hours.start}`);
  }
  for (const cap of input.caps ?? []) validateCap(cap);
  return {
    id: input.id,
    name: input.name,
    country: input.country.toUpperCase(),
    source: input.source ?? { citation: 'custom policy', marker: 'R', note: 'set by the team lead' },
    hours: { startMinute, endMinute },
    days: input.days ?? ALL_DAYS,
    holidays: input.holidays ?? [],
    caps: input.caps ?? [],
    unknownZone: input.unknownZone ?? 'block',
    onViolation: input.onViolation ?? 'block',
  };
}

function validateCap(cap: ContactCap): void {
  if (cap.kind !== 'calendar-month' && (!Number.isInteger(cap.days) || cap.days < 1)) {
    throw new Error(`cap ${cap.id}: days must be a positive integer`);
  }
  if (cap.kind !== 'cooldown-after-conversation' && (!Number.isInteger(cap.limit) || cap.limit < 0)) {
    throw new Error(`cap ${cap.id}: limit must be a non-negative integer`);
  }
}

/** Changes a pack or lead may ask of a profile. Each one is applied only if it tightens. */
export interface ProfileOverrides {
  id?: string;
  name?: string;
  hours?: { startMinute?: number; endMinute?: number };
  days?: readonly Weekday[];
  /** Added to the profile's holiday rules (adding can only close more days). */
  holidays?: readonly HolidayRule[];
  /** A cap with a known id replaces it only where stricter (lower limit, longer period); new ids are added. */
  caps?: readonly ContactCap[];
  unknownZone?: 'block' | 'most-restrictive';
  onViolation?: 'warn' | 'block';
}

/** The tightened profile with what was applied and what was refused. */
export interface TightenResult {
  profile: ComplianceProfile;
  applied: string[];
  /** Loosening attempts, ignored, in plain English. */
  ignored: string[];
}

/**
 * Merges overrides into `base` but never loosens it: later start, earlier end, fewer days, more holiday rules,
 * lower limits / longer periods on caps, block over most-restrictive, block over warn. Anything else is ignored and
 * listed in `ignored`.
 */
export function tightenProfile(base: ComplianceProfile | string, overrides: ProfileOverrides): TightenResult {
  const baseProfile = typeof base === 'string' ? getProfile(base) : base;
  if (!baseProfile) throw new Error(`unknown compliance profile "${String(base)}"`);
  const applied: string[] = [];
  const ignored: string[] = [];
  let { startMinute, endMinute } = baseProfile.hours;

  const startOverride = overrides.hours?.startMinute;
  if (startOverride !== undefined) {
    if (startOverride > startMinute) {
      applied.push(`start moved to ${clock(startOverride)}`);
      startMinute = startOverride;
    } else if (startOverride < startMinute) {
      ignored.push(`start ${clock(startOverride)} is earlier than ${baseProfile.id}'s ${clock(startMinute)}`);
    }
  }
  const endOverride = overrides.hours?.endMinute;
  if (endOverride !== undefined) {
    if (endOverride < endMinute) {
      applied.push(`end moved to ${clock(endOverride)}`);
      endMinute = endOverride;
    } else if (endOverride > endMinute) {
      ignored.push(`end ${clock(endOverride)} is later than ${baseProfile.id}'s ${clock(endMinute)}`);
    }
  }

  let days = baseProfile.days;
  if (overrides.days) {
    const wanted = new Set(overrides.days);
    const extra = overrides.days.filter((day) => !baseProfile.days.includes(day));
    if (extra.length > 0) ignored.push(`days ${extra.join(', ')} are not allowed by ${baseProfile.id}`);
    const kept = baseProfile.days.filter((day) => wanted.has(day));
    if (kept.length < baseProfile.days.length) {
      applied.push(`days limited to ${kept.length > 0 ? kept.join(', ') : 'none'}`);
    }
    days = kept;
  }

  const holidays = [...baseProfile.holidays];
  for (const rule of overrides.holidays ?? []) {
    holidays.push(rule);
    applied.push(`holiday rule added: ${describeHolidayRule(rule)}`);
  }

  const caps = [...baseProfile.caps];
  for (const cap of overrides.caps ?? []) {
    validateCap(cap);
    const index = caps.findIndex((existing) => existing.id === cap.id);
    const existing = caps[index];
    if (!existing) {
      caps.push(cap);
      applied.push(`cap added: ${cap.label}`);
      continue;
    }
    const merged = mergeCap(existing, cap, ignored);
    if (merged !== existing) {
      caps[index] = merged;
      applied.push(`cap tightened: ${merged.label}`);
    }
  }

  let unknownZone = baseProfile.unknownZone;
  if (overrides.unknownZone === 'block' && unknownZone !== 'block') {
    unknownZone = 'block';
    applied.push('unknown zone now blocks');
  } else if (overrides.unknownZone === 'most-restrictive' && unknownZone === 'block') {
    ignored.push(`unknown zone: ${baseProfile.id} blocks; "most-restrictive" would allow calls`);
  }

  let onViolation = baseProfile.onViolation;
  if (overrides.onViolation === 'block' && onViolation !== 'block') {
    onViolation = 'block';
    applied.push('violations now block the call');
  } else if (overrides.onViolation === 'warn' && onViolation === 'block') {
    ignored.push(`on violation: ${baseProfile.id} blocks; "warn" would let calls through`);
  }

  const profile: ComplianceProfile = {
    ...baseProfile,
    id: overrides.id ?? baseProfile.id,
    name: overrides.name ?? baseProfile.name,
    hours: { startMinute, endMinute },
    days,
    holidays,
    caps,
    unknownZone,
    onViolation,
  };
  if (applied.length > 0 || overrides.id !== undefined) profile.derivedFrom = baseProfile.derivedFrom ?? baseProfile.id;
  return { profile, applied, ignored };
}

function mergeCap(existing: ContactCap, wanted: ContactCap, ignored: string[]): ContactCap {
  if (existing.kind !== wanted.kind) {
    ignored.push(`cap ${existing.id}: cannot change its kind`);
    return existing;
  }
  if (existing.kind === 'calendar-month' && wanted.kind === 'calendar-month') {
    const limit = Math.min(existing.limit, wanted.limit);
    if (wanted.limit > existing.limit) ignored.push(`cap ${existing.id}: limit ${wanted.limit} is above ${existing.limit}`);
    const counts = [...new Set([...existing.counts, ...wanted.counts])];
    if (limit === existing.limit && counts.length === existing.counts.length) return existing;
    return { ...existing, limit, counts, label: `${existing.label} (tightened: ${limit} a month)` };
  }
  if (existing.kind === 'calendar-month' || wanted.kind === 'calendar-month') return existing;
  let days = existing.days;
  if (wanted.days > existing.days) days = wanted.days;
  else if (wanted.days < existing.days) ignored.push(`cap ${existing.id}: ${wanted.days} days is shorter than ${existing.days}`);
  if (existing.kind === 'rolling-attempts' && wanted.kind === 'rolling-attempts') {
    let limit = existing.limit;
    if (wanted.limit < existing.limit) limit = wanted.limit;
    else if (wanted.limit > existing.limit) ignored.push(`cap ${existing.id}: limit ${wanted.limit} is above ${existing.limit}`);
    // Counting more outcomes is stricter; the per-scope stays as shipped.
    const counts = [...new Set([...existing.counts, ...wanted.counts])];
    if (limit === existing.limit && days === existing.days && counts.length === existing.counts.length) return existing;
    return { ...existing, limit, days, counts, label: `${existing.label} (tightened: ${limit} in ${days} days)` };
  }
  if (days === existing.days) return existing;
  return { ...existing, days, label: `${existing.label} (tightened: ${days} days)` };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One-line English description of a holiday rule, for reasons and the README. */
export function describeHolidayRule(rule: HolidayRule): string {
  if (rule.source === 'date-holidays') {
    return `no calls on ${rule.country} ${(rule.types ?? ['public']).join('/')} holidays (date-holidays)`;
  }
  return rule.block === 'rest-days'
    ? 'only on official Chinese working days, 调休 included (chinese-days)'
    : 'no calls on Chinese statutory holidays (chinese-days)';
}
