/**
 * Contact-frequency caps counted from a call log: Reg F 7-in-7 and its post-conversation pause, Massachusetts,
 * New York City, Washington, Ireland's calendar month, China's daily limits. Days are calendar days in the
 * debtor's zone.
 *
 * Only calls the collector placed count towards a limit; a call the debtor placed that reached a conversation
 * starts a cool-down all the same (Reg F: "regardless of which party initiated"). Caps that name a number kind
 * (work, personal) count only calls to numbers of that kind and apply only when one is dialled.
 *
 * The log is whatever this browser recorded plus anything a lead imported; calls made from other machines are not
 * in it, and every verdict says so.
 */
import { englishReasons, englishTemplate, isReasonKey, reason, textReason, type Reason } from './reasons';
import { addDays, daysBetween, formatIsoDate } from '../time/calendar';
import { dayStart, formatLocal, wallTimeAt } from '../time/wall-clock';
import { getProfile } from './profiles';
import type { AttemptOutcome, ComplianceProfile, ContactCap, CountingCap, NumberKind } from './profiles';
import { resolveTimeZones } from './jurisdiction';
import { countryTimeZones, normalizePhone } from './time-zones';

/** One call in the log. */
export interface ContactAttempt {
  /** When the call was placed, epoch ms. */
  at: number;
  /** The debtor/account reference from the call form, when known. */
  debtorRef?: string;
  phoneE164: string;
  outcome: AttemptOutcome;
  /** Who placed the call; absent means the collector did (`outbound`). Inbound calls only start cool-downs. */
  direction?: 'outbound' | 'inbound';
  /** What the number is to the debtor, when someone marked it; unmarked numbers count as personal. */
  numberKind?: NumberKind;
}

/** Input to {@link evaluateContactCaps}. */
export interface ContactCapsInput {
  profile: string | ComplianceProfile;
  /** The instant of the intended call, epoch ms. */
  at: number;
  /** Debtor/account reference; without it, per-debtor caps fall back to this number only (and say so). */
  debtorRef?: string;
  /** The number about to be dialled (any format the profile's country can read). */
  phone: string;
  /** What the dialled number is to the debtor; unmarked numbers count as personal. */
  numberKind?: NumberKind;
  log: readonly ContactAttempt[];
  /** Zone whose calendar days are counted; default the number's zone (first candidate), else the country's. */
  timeZone?: string;
}

/** Verdict of one cap. */
export interface CapVerdict {
  capId: string;
  label: string;
  allowed: boolean;
  /** Counted entries in the cap's current period (counting caps) or conversations in the pause (cool-down). */
  count: number;
  /** The cap's limit (counting caps); a cool-down's limit is 0 calls during the pause. */
  limit: number;
  nextAllowedAt?: number;
}

/** Verdict of {@link evaluateContactCaps}. */
export interface ContactCapsResult {
  allowed: boolean;
  /** Separate counters for the debtor over the last 7 local days (today included), across all their numbers. */
  counts: {
    /** Calls the collector placed that connected to the dialled number (unanswered, voicemail, conversation). */
    attempts: number;
    /** Conversations, whoever placed the call. */
    conversations: number;
    /** Dials to this number today that did not reach the debtor (unanswered, voicemail, no-connect). */
    unansweredToNumberToday: number;
  };
  /** What the dialled number was counted as: marked `work`, else `personal`. */
  numberKind: NumberKind;
  /** Limit of the tightest counting cap (least headroom), if the profile has one. */
  limit?: number;
  /** When every failing cap has cleared, epoch ms (absent when allowed, or when a failing cap never clears). */
  nextAllowedAt?: number;
  caps: CapVerdict[];
  /** Why, in English: the evidence records keep. */
  reasons: string[];
  /** The same reasons as data, for the agent's language. */
  why: Reason[];
  /** The zone whose calendar days were counted. */
  timeZone: string;
}

/** Plain statement that the counts are local to this browser. */
export const LOCAL_LOG_NOTICE =
  "counts cover only this browser's call log (plus imported attempts); calls made from other machines are not included";

/** The same statement as a reason (a team ledger replaces it with its own). */
export const LOCAL_LOG_REASON = 'reason.caps.localLog';

/** A cap's label in the agent's language when it is a shipped cap as shipped; a lead's own or tightened label as written. */
function capLabel(capId: string, label: string): Reason {
  const key = `reason.cap.${capId}`;
  return isReasonKey(key) && englishTemplate(key) === label ? reason(key) : textReason(label);
}

function numberKindReason(kind: NumberKind): Reason {
  return reason(kind === 'work' ? 'reason.numberKind.work' : 'reason.numberKind.personal');
}

/** Days a calendar-month cap looks back at most (the longest month), for sizing the log read. */
const LONGEST_MONTH_DAYS = 31;

/**
 * How far back the log must reach for every cap of `profile`, in ms: the longest period plus two days of margin
 * for zones west and east of the reader's.
 */
export function capsLookbackMs(profile: ComplianceProfile): number {
  const days = Math.max(7, ...profile.caps.map((cap) => (cap.kind === 'calendar-month' ? LONGEST_MONTH_DAYS : cap.days)));
  return (days + 2) * 86_400_000;
}

function resolveProfile(profile: string | ComplianceProfile): ComplianceProfile {
  if (typeof profile !== 'string') return profile;
  const found = getProfile(profile);
  if (!found) throw new Error(`unknown compliance profile "${profile}"`);
  return found;
}

function pickTimeZone(input: ContactCapsInput, profile: ComplianceProfile, reasons: Reason[]): string {
  if (input.timeZone) return input.timeZone;
  const resolution = resolveTimeZones({ phone: input.phone, defaultCountry: profile.country });
  const zone = resolution.timeZones[0] ?? countryTimeZones(resolution.country ?? profile.country)[0] ?? 'UTC';
  if (resolution.timeZones.length !== 1) reasons.push(reason('reason.caps.zone', { zone }));
  return zone;
}

const isOutbound = (attempt: ContactAttempt): boolean => attempt.direction !== 'inbound';
const kindOf = (attempt: { numberKind?: NumberKind }): NumberKind => attempt.numberKind ?? 'personal';

/** The day the next calendar month begins (`YYYY-MM-01`) after a `YYYY-MM-DD` date. */
function firstOfNextMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12 ? formatIsoDate(year + 1, 1, 1) : formatIsoDate(year, month + 1, 1);
}

/**
 * Checks every cap of the profile against the log for a call to `phone` at `at`. Attempts are matched per debtor
 * across all their numbers (entries without a debtor reference match by number); per-number caps match the number.
 */
export function evaluateContactCaps(input: ContactCapsInput): ContactCapsResult {
  const profile = resolveProfile(input.profile);
  const reasons: Reason[] = [];
  const timeZone = pickTimeZone(input, profile, reasons);
  const phoneE164 = normalizePhone(input.phone, profile.country)?.e164 ?? input.phone;
  const numberKind = input.numberKind ?? 'personal';
  const today = wallTimeAt(input.at, timeZone).date;
  const dateOf = (attempt: ContactAttempt): string => wallTimeAt(attempt.at, timeZone).date;
  const past = input.log.filter((attempt) => attempt.at <= input.at);

  const forDebtor = past.filter((attempt) =>
    input.debtorRef !== undefined && attempt.debtorRef !== undefined
      ? attempt.debtorRef === input.debtorRef
      : attempt.phoneE164 === phoneE164,
  );
  const forNumber = past.filter((attempt) => attempt.phoneE164 === phoneE164);
  if (input.debtorRef === undefined) {
    reasons.push(reason('reason.caps.noDebtor'));
  }

  // A cap for another kind of number says nothing about this call (Massachusetts counts work and personal
  // numbers separately); it is listed as not applying instead.
  const applying = profile.caps.filter((cap) => cap.kind === 'cooldown-after-conversation' || cap.numberKind === undefined || cap.numberKind === numberKind);
  const startOfDay = (date: string): number => dayStart(date, timeZone);
  const caps = applying.map((cap) => {
    if (cap.kind === 'cooldown-after-conversation') return evaluateCooldown(cap, forDebtor, today, dateOf, startOfDay);
    const scope = cap.per === 'number' ? forNumber : forDebtor;
    const counted = scope.filter(
      (attempt) => isOutbound(attempt) && cap.counts.includes(attempt.outcome) && (cap.numberKind === undefined || kindOf(attempt) === cap.numberKind),
    );
    return cap.kind === 'calendar-month'
      ? evaluateCalendarMonth(cap, counted, today, dateOf, startOfDay)
      : evaluateRolling(cap, counted, today, dateOf, startOfDay);
  });

  const inLastWeek = (attempt: ContactAttempt): boolean => daysBetween(dateOf(attempt), today) < 7;
  const counts = {
    attempts: forDebtor.filter((attempt) => isOutbound(attempt) && attempt.outcome !== 'no-connect' && inLastWeek(attempt)).length,
    conversations: forDebtor.filter((attempt) => attempt.outcome === 'conversation' && inLastWeek(attempt)).length,
    unansweredToNumberToday: forNumber.filter(
      (attempt) => isOutbound(attempt) && attempt.outcome !== 'conversation' && dateOf(attempt) === today,
    ).length,
  };

  const failing = caps.filter((cap) => !cap.allowed);
  const allowed = failing.length === 0;
  for (const cap of caps) {
    const definition = profile.caps.find((candidate) => candidate.id === cap.capId);
    const cite = definition ? reason('reason.caps.cite', { citation: definition.source.citation, marker: definition.source.marker }) : '';
    const isCooldown = definition?.kind === 'cooldown-after-conversation';
    const label = capLabel(cap.capId, cap.label);
    if (cap.allowed) {
      reasons.push(
        isCooldown ? reason('reason.caps.cooldownOk', { label, cite }) : reason('reason.caps.count', { label, count: cap.count, limit: cap.limit, cite }),
      );
    } else {
      const until = cap.nextAllowedAt !== undefined ? reason('reason.caps.until', { at: formatLocal(cap.nextAllowedAt, timeZone), zone: timeZone }) : '';
      const tally = isCooldown
        ? reason('reason.caps.tally.conversation')
        : cap.limit === 0
          ? reason('reason.caps.tally.none', { kind: numberKindReason(numberKind) })
          : reason('reason.caps.tally.count', { count: cap.count, limit: cap.limit });
      reasons.push(reason('reason.caps.reached', { label, tally, until, cite }));
    }
  }
  for (const cap of profile.caps) {
    if (cap.kind !== 'cooldown-after-conversation' && cap.numberKind !== undefined && cap.numberKind !== numberKind) {
      reasons.push(
        reason('reason.caps.notApplying', { label: capLabel(cap.id, cap.label), capKind: numberKindReason(cap.numberKind), kind: numberKindReason(numberKind) }),
      );
    }
  }
  if (input.numberKind === undefined && applying.length !== profile.caps.length) {
    reasons.push(reason('reason.caps.unmarked'));
  }
  if (profile.caps.length === 0) reasons.push(reason('reason.caps.none', { profile: profile.id }));
  reasons.push(reason('reason.caps.counted', { attempts: counts.attempts, conversations: counts.conversations }));
  reasons.push(reason(LOCAL_LOG_REASON));

  const counting = caps.filter((cap) => profile.caps.find((c) => c.id === cap.capId)?.kind !== 'cooldown-after-conversation');
  const tightest = counting.sort((a, b) => a.limit - a.count - (b.limit - b.count))[0];
  const result: ContactCapsResult = { allowed, counts, numberKind, caps, reasons: englishReasons(reasons), why: reasons, timeZone };
  if (tightest) result.limit = tightest.limit;
  if (!allowed) {
    const clears = failing.map((cap) => cap.nextAllowedAt);
    if (clears.every((clear): clear is number => clear !== undefined)) result.nextAllowedAt = Math.max(...clears);
  }
  return result;
}

function evaluateCooldown(
  cap: Extract<ContactCap, { kind: 'cooldown-after-conversation' }>,
  attempts: readonly ContactAttempt[],
  today: string,
  dateOf: (attempt: ContactAttempt) => string,
  startOfDay: (date: string) => number,
): CapVerdict {
  // The conversation's day is day 1, so the pause covers that day and the next `days - 1`. Whoever placed the
  // call, a conversation is a conversation.
  const pauses = attempts
    .filter((attempt) => attempt.outcome === 'conversation')
    .map((attempt) => dateOf(attempt))
    .filter((date) => daysBetween(date, today) < cap.days);
  const verdict: CapVerdict = { capId: cap.id, label: cap.label, allowed: pauses.length === 0, count: pauses.length, limit: 0 };
  if (pauses.length > 0) {
    const latest = pauses.sort().at(-1) ?? today;
    verdict.nextAllowedAt = startOfDay(addDays(latest, cap.days));
  }
  return verdict;
}

function evaluateRolling(
  cap: Extract<CountingCap, { kind: 'rolling-attempts' }>,
  counted: readonly ContactAttempt[],
  today: string,
  dateOf: (attempt: ContactAttempt) => string,
  startOfDay: (date: string) => number,
): CapVerdict {
  const ages = counted.map((attempt) => daysBetween(dateOf(attempt), today)).filter((age) => age >= 0 && age < cap.days);
  const verdict: CapVerdict = { capId: cap.id, label: cap.label, allowed: ages.length < cap.limit, count: ages.length, limit: cap.limit };
  if (!verdict.allowed) {
    // Entries only age out; find the first later day whose period holds fewer than `limit` of them (a limit of 0
    // never clears).
    for (let ahead = 1; ahead <= cap.days; ahead += 1) {
      const stillInside = ages.filter((age) => age + ahead < cap.days).length;
      if (stillInside < cap.limit) {
        verdict.nextAllowedAt = startOfDay(addDays(today, ahead));
        break;
      }
    }
  }
  return verdict;
}

function evaluateCalendarMonth(
  cap: Extract<CountingCap, { kind: 'calendar-month' }>,
  counted: readonly ContactAttempt[],
  today: string,
  dateOf: (attempt: ContactAttempt) => string,
  startOfDay: (date: string) => number,
): CapVerdict {
  const month = today.slice(0, 7);
  const count = counted.filter((attempt) => dateOf(attempt).slice(0, 7) === month).length;
  const verdict: CapVerdict = { capId: cap.id, label: cap.label, allowed: count < cap.limit, count, limit: cap.limit };
  // The whole month's count leaves at once, when the next month begins in the debtor's zone.
  if (!verdict.allowed && cap.limit > 0) verdict.nextAllowedAt = startOfDay(firstOfNextMonth(today));
  return verdict;
}
