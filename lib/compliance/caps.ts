/**
 * Contact-frequency caps counted from a call log: Reg F 7-in-7 and its post-conversation pause, Massachusetts,
 * New York City, Washington, China's daily unanswered-dial limit. Days are calendar days in the debtor's zone.
 *
 * The log is whatever this browser recorded plus anything a lead imported; calls made from other machines are not
 * in it, and every verdict says so.
 */
import { addDays, daysBetween } from '../time/calendar';
import { dayStart, formatLocal, wallTimeAt } from '../time/wall-clock';
import { getProfile } from './profiles';
import type { AttemptOutcome, ComplianceProfile, ContactCap } from './profiles';
import { resolveTimeZones } from './jurisdiction';
import { countryTimeZones, normalizePhone } from './time-zones';

/** One call attempt in the log. */
export interface ContactAttempt {
  /** When the call was placed, epoch ms. */
  at: number;
  /** The debtor/account reference from the call form, when known. */
  debtorRef?: string;
  phoneE164: string;
  outcome: AttemptOutcome;
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
  log: readonly ContactAttempt[];
  /** Zone whose calendar days are counted; default the number's zone (first candidate), else the country's. */
  timeZone?: string;
}

/** Verdict of one cap. */
export interface CapVerdict {
  capId: string;
  label: string;
  allowed: boolean;
  /** Counted entries in the cap's current period (rolling caps) or conversations in the pause (cool-down). */
  count: number;
  /** The cap's limit (rolling caps); a cool-down's limit is 0 calls during the pause. */
  limit: number;
  nextAllowedAt?: number;
}

/** Verdict of {@link evaluateContactCaps}. */
export interface ContactCapsResult {
  allowed: boolean;
  /** Separate counters for the debtor over the last 7 local days (today included), across all their numbers. */
  counts: {
    /** Attempts that connected to the dialled number (unanswered, voicemail, conversation). */
    attempts: number;
    conversations: number;
    /** Dials to this number today that did not reach the debtor (unanswered, voicemail, no-connect). */
    unansweredToNumberToday: number;
  };
  /** Limit of the tightest rolling cap (least headroom), if the profile has one. */
  limit?: number;
  /** When every failing cap has cleared, epoch ms (absent when allowed). */
  nextAllowedAt?: number;
  caps: CapVerdict[];
  reasons: string[];
  /** The zone whose calendar days were counted. */
  timeZone: string;
}

/** Plain statement that the counts are local to this browser. */
export const LOCAL_LOG_NOTICE =
  "counts cover only this browser's call log (plus imported attempts); calls made from other machines are not included";

function resolveProfile(profile: string | ComplianceProfile): ComplianceProfile {
  if (typeof profile !== 'string') return profile;
  const found = getProfile(profile);
  if (!found) throw new Error(`unknown compliance profile "${profile}"`);
  return found;
}

function pickTimeZone(input: ContactCapsInput, profile: ComplianceProfile, reasons: string[]): string {
  if (input.timeZone) return input.timeZone;
  const resolution = resolveTimeZones({ phone: input.phone, defaultCountry: profile.country });
  const zone = resolution.timeZones[0] ?? countryTimeZones(resolution.country ?? profile.country)[0] ?? 'UTC';
  if (resolution.timeZones.length !== 1) reasons.push(`days counted in ${zone}`);
  return zone;
}

/**
 * Checks every cap of the profile against the log for a call to `phone` at `at`. Attempts are matched per debtor
 * across all their numbers (entries without a debtor reference match by number); per-number caps match the number.
 */
export function evaluateContactCaps(input: ContactCapsInput): ContactCapsResult {
  const profile = resolveProfile(input.profile);
  const reasons: string[] = [];
  const timeZone = pickTimeZone(input, profile, reasons);
  const phoneE164 = normalizePhone(input.phone, profile.country)?.e164 ?? input.phone;
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
    reasons.push('no debtor reference: per-debtor caps count calls to this number only');
  }

  const startOfDay = (date: string): number => dayStart(date, timeZone);
  const caps = profile.caps.map((cap) =>
    evaluateCap(cap, cap.kind === 'rolling-attempts' && cap.per === 'number' ? forNumber : forDebtor, today, dateOf, startOfDay),
  );

  const inLastWeek = (attempt: ContactAttempt): boolean => daysBetween(dateOf(attempt), today) < 7;
  const counts = {
    attempts: forDebtor.filter((attempt) => attempt.outcome !== 'no-connect' && inLastWeek(attempt)).length,
    conversations: forDebtor.filter((attempt) => attempt.outcome === 'conversation' && inLastWeek(attempt)).length,
    unansweredToNumberToday: forNumber.filter(
      (attempt) => attempt.outcome !== 'conversation' && dateOf(attempt) === today,
    ).length,
  };

  const failing = caps.filter((cap) => !cap.allowed);
  const allowed = failing.length === 0;
  for (const cap of caps) {
    const definition = profile.caps.find((candidate) => candidate.id === cap.capId);
    const cite = definition ? ` [${definition.source.citation}; ${definition.source.marker}]` : '';
    const isCooldown = definition?.kind === 'cooldown-after-conversation';
    if (cap.allowed) {
      reasons.push(
        isCooldown ? `${cap.label}: no conversation in the period${cite}` : `${cap.label}: ${cap.count} of ${cap.limit}${cite}`,
      );
    } else {
      const until = cap.nextAllowedAt !== undefined ? `; next call allowed ${formatLocal(cap.nextAllowedAt, timeZone)} ${timeZone}` : '';
      const tally = isCooldown ? 'a conversation took place in the period' : `${cap.count} of ${cap.limit}`;
      reasons.push(`cap reached: ${cap.label}: ${tally}${until}${cite}`);
    }
  }
  if (profile.caps.length === 0) reasons.push(`${profile.id} has no frequency caps`);
  reasons.push(`attempts and conversations are counted separately: ${counts.attempts} attempts, ${counts.conversations} conversations in the last 7 days`);
  reasons.push(LOCAL_LOG_NOTICE);

  const rolling = caps.filter((cap) => profile.caps.find((c) => c.id === cap.capId)?.kind === 'rolling-attempts');
  const tightest = rolling.sort((a, b) => a.limit - a.count - (b.limit - b.count))[0];
  const result: ContactCapsResult = { allowed, counts, caps, reasons, timeZone };
  if (tightest) result.limit = tightest.limit;
  if (!allowed) {
    const clears = failing.map((cap) => cap.nextAllowedAt);
    if (clears.every((clear): clear is number => clear !== undefined)) result.nextAllowedAt = Math.max(...clears);
  }
  return result;
}

function evaluateCap(
  cap: ContactCap,
  attempts: readonly ContactAttempt[],
  today: string,
  dateOf: (attempt: ContactAttempt) => string,
  startOfDay: (date: string) => number,
): CapVerdict {
  if (cap.kind === 'cooldown-after-conversation') {
    // The conversation's day is day 1, so the pause covers that day and the next `days - 1`.
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
  const counted = attempts
    .filter((attempt) => cap.counts.includes(attempt.outcome))
    .map((attempt) => daysBetween(dateOf(attempt), today))
    .filter((age) => age >= 0 && age < cap.days);
  const verdict: CapVerdict = {
    capId: cap.id,
    label: cap.label,
    allowed: counted.length < cap.limit,
    count: counted.length,
    limit: cap.limit,
  };
  if (!verdict.allowed) {
    // Entries only age out; find the first later day whose period holds fewer than `limit` of them.
    for (let ahead = 1; ahead <= cap.days; ahead += 1) {
      const stillInside = counted.filter((age) => age + ahead < cap.days).length;
      if (stillInside < cap.limit) {
        verdict.nextAllowedAt = startOfDay(addDays(today, ahead));
        break;
      }
    }
  }
  return verdict;
}

/** One rejected CSV line. */
export interface CsvLineError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/** Result of {@link parseAttemptsCsv}: the good rows and an error per bad line. */
export interface AttemptsCsvResult {
  attempts: ContactAttempt[];
  errors: CsvLineError[];
}

const CSV_COLUMNS = ['at', 'debtor_ref', 'number', 'outcome'] as const;
const OUTCOMES: readonly AttemptOutcome[] = ['unanswered', 'voicemail', 'conversation', 'no-connect'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Splits one CSV line, honouring double quotes (`""` inside quotes is a quote). Undefined if quotes don't close. */
function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields.map((value) => value.trim());
}

/**
 * Imports earlier attempts from a lead's CSV: header `at,debtor_ref,number,outcome` (any column order), `at` in
 * ISO 8601 with a zone designator, `outcome` one of unanswered / voicemail / conversation / no-connect. Numbers in
 * national format are read with `defaultCountry`. Bad lines are reported one by one and skipped.
 */
export function parseAttemptsCsv(text: string, options: { defaultCountry?: string } = {}): AttemptsCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const attempts: ContactAttempt[] = [];
  const errors: CsvLineError[] = [];
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) return { attempts, errors: [{ line: 1, message: 'the file is empty' }] };
  const header = splitCsvLine(lines[headerIndex] ?? '')?.map((name) => name.toLowerCase()) ?? [];
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      attempts,
      errors: [{ line: headerIndex + 1, message: `header must name ${CSV_COLUMNS.join(',')}; missing ${missing.join(', ')}` }],
    };
  }
  const column = (fields: string[], name: (typeof CSV_COLUMNS)[number]): string => fields[header.indexOf(name)] ?? '';

  for (let index = headerIndex + 1; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    if (raw.trim() === '') continue;
    const lineNumber = index + 1;
    const fields = splitCsvLine(raw);
    if (!fields) {
      errors.push({ line: lineNumber, message: 'unclosed double quote' });
      continue;
    }
    if (fields.length !== header.length) {
      errors.push({ line: lineNumber, message: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const problems: string[] = [];
    const atText = column(fields, 'at');
    const at = ISO_8601.test(atText) ? Date.parse(atText) : Number.NaN;
    if (Number.isNaN(at)) problems.push(`"at" must be ISO 8601 with a zone, e.g. 2026-03-09T14:05:00Z; got "${atText}"`);
    const numberText = column(fields, 'number');
    const phone = numberText === '' ? undefined : normalizePhone(numberText, options.defaultCountry);
    if (!phone) problems.push(`"number" is not a phone number: "${numberText}"`);
    const outcomeText = column(fields, 'outcome').toLowerCase();
    const outcome = OUTCOMES.find((candidate) => candidate === outcomeText);
    if (!outcome) problems.push(`"outcome" must be one of ${OUTCOMES.join(', ')}; got "${outcomeText}"`);
    if (problems.length > 0 || !phone || !outcome) {
      errors.push({ line: lineNumber, message: problems.join('; ') });
      continue;
    }
    const attempt: ContactAttempt = { at, phoneE164: phone.e164, outcome };
    const debtorRef = column(fields, 'debtor_ref');
    if (debtorRef !== '') attempt.debtorRef = debtorRef;
    attempts.push(attempt);
  }
  return { attempts, errors };
}
