/**
 * One verdict for one number at one instant: the calling window, the frequency caps and the do-not-call flags
 * together, and what the pre-dial guard should do about it. Pure: the caller passes the log, the flags and `at`.
 */
import type { Reason } from './reasons';
import { evaluateContactCaps } from './caps';
import type { ContactAttempt, ContactCapsResult } from './caps';
import type { DeliveredCalendars } from './calendar-data';
import { evaluateCallingWindow } from './calling-window';
import type { CallingWindowResult } from './calling-window';
import { evaluateDoNotCall } from './dnc';
import type { DoNotCallFlag, DoNotCallResult } from './dnc';
import type { AttemptOutcome, ComplianceProfile, NumberKind } from './profiles';
import type { InconvenientTime } from './restrictions';
import { zonesOf, type Jurisdiction } from './jurisdiction';
import type { AppliedProfile, EffectiveRules, TighteningLayer } from './routing';
import { normalizePhone } from './time-zones';
import type { AgentLocation } from './time-zones';

/** Input to {@link assessNumber}. */
export interface AssessmentInput {
  phone: string;
  at: number;
  profile: ComplianceProfile;
  debtorRef?: string;
  log: readonly ContactAttempt[];
  flags: readonly DoNotCallFlag[];
  restrictions?: readonly InconvenientTime[];
  location?: AgentLocation;
  /** Where the debtor may be, from every source (number, entry, CRM page): its zones replace `phone`/`location`. */
  jurisdiction?: Jurisdiction;
  /** The rules `profile` was resolved from, to explain the verdict (and to block when no rules apply). */
  rules?: EffectiveRules;
  /** What the number is to the debtor, when marked (work numbers have caps of their own). */
  numberKind?: NumberKind;
  /** Holiday tables delivered by a signed pack or the managed policy (calendar-data.ts). */
  calendars?: DeliveredCalendars;
}

/**
 * Which rule a violation breaks: stable codes kept with the call as evidence. `team-unavailable`: a team hub is
 * configured but could not be asked, so other agents' latest calls and flags may be missing (lib/team/merge.ts).
 */
export type ViolationCode = 'outside-window' | 'over-cap' | 'do-not-call' | 'no-rules' | 'team-unavailable';

/**
 * Whose calls the caps counted when a team hub is configured (absent: this browser's call log only): the team's,
 * fresh from the hub; the team's as last kept, the hub being unreachable; or this browser's only, the hub being
 * unreachable with nothing kept for this number. Set by the background (lib/team/merge.ts).
 */
export interface LedgerScope {
  source: 'team' | 'team-cached' | 'local';
  /** The hub's clock when the counts used were taken. */
  asOf?: number;
  /** Why the hub could not be asked, in plain English. */
  problem?: string;
}

/** Which rules applied and why, for the panel and the record. */
export interface RulesExplanation {
  /** Each profile that applies and what put it there (`US-WA`: `area code 509 (US-WA)`). */
  profiles: AppliedProfile[];
  tightening: TighteningLayer[];
  /** Where the debtor may be, one line per source (`area code 212 (US-NY)`, `CRM ZIP 94105 (US-CA)`). */
  places: string[];
  /** Sources that disagree: `area code: US-TX; CRM: US-CA`. */
  conflicts: string[];
  /** The same conflicts, as reasons for the agent's language. */
  conflictReasons?: Reason[];
  /** Why no call may go ahead at all, when no rules apply to some place. */
  blocked?: string;
  /** The same, as a reason. */
  blockedReason?: Reason;
}

/** One broken rule and why. */
export interface Violation {
  code: ViolationCode;
  reasons: string[];
}

/** The combined verdict. */
export interface ComplianceAssessment {
  at: number;
  phone: string;
  profileId: string;
  profileName: string;
  /** What the profile does on a violation. */
  onViolation: 'warn' | 'block';
  window: CallingWindowResult;
  caps: ContactCapsResult;
  doNotCall: DoNotCallResult;
  violations: Violation[];
  /** `none` when nothing is broken, else the profile's choice (`block` when no rules apply). */
  action: 'none' | 'warn' | 'block';
  /** Which rules applied and why, when the caller resolved them from the debtor's jurisdiction. */
  rules?: RulesExplanation;
  /** Whose calls the caps counted, when a team hub is configured (see {@link LedgerScope}). */
  ledger?: LedgerScope;
}

/** Evaluates window, caps and do-not-call for a call to `phone` at `at`. */
export function assessNumber(input: AssessmentInput): ComplianceAssessment {
  const { profile, at, phone } = input;
  const zones = input.jurisdiction ? zonesOf(input.jurisdiction) : undefined;
  const window = evaluateCallingWindow({
    phone,
    at,
    profile,
    ...(zones ? { zones: { timeZones: zones.timeZones, countries: zones.countries, why: zones.why } } : {}),
    ...(input.location ? { location: input.location } : {}),
    ...(input.restrictions ? { restrictions: input.restrictions } : {}),
    ...(input.calendars ? { calendars: input.calendars } : {}),
  });
  const caps = evaluateContactCaps({
    profile,
    at,
    phone,
    log: input.log,
    ...(input.debtorRef !== undefined ? { debtorRef: input.debtorRef } : {}),
    ...(input.numberKind !== undefined ? { numberKind: input.numberKind } : {}),
    ...(window.zoneKnown && window.timeZones[0] ? { timeZone: window.timeZones[0] } : {}),
  });
  const doNotCall = evaluateDoNotCall({
    phone,
    at,
    flags: input.flags,
    defaultCountry: profile.country,
    ...(input.debtorRef !== undefined ? { debtorRef: input.debtorRef } : {}),
  });
  const violations: Violation[] = [];
  if (input.rules?.blocked) violations.push({ code: 'no-rules', reasons: [input.rules.blocked] });
  if (!window.allowed) violations.push({ code: 'outside-window', reasons: window.reasons });
  if (!caps.allowed) violations.push({ code: 'over-cap', reasons: caps.reasons });
  if (doNotCall.blocked) violations.push({ code: 'do-not-call', reasons: doNotCall.reasons });
  return {
    at,
    phone,
    profileId: profile.id,
    profileName: profile.name,
    onViolation: profile.onViolation,
    window,
    caps,
    doNotCall,
    violations,
    action: violations.length === 0 ? 'none' : input.rules?.blocked ? 'block' : profile.onViolation,
    ...(input.rules && input.jurisdiction ? { rules: explain(input.rules, input.jurisdiction) } : {}),
  };
}

function explain(rules: EffectiveRules, jurisdiction: Jurisdiction): RulesExplanation {
  return {
    profiles: rules.profiles,
    tightening: rules.tightening,
    places: jurisdiction.places.map((place) => place.label),
    conflicts: jurisdiction.conflicts,
    conflictReasons: jurisdiction.conflictReasons,
    ...(rules.blocked ? { blocked: rules.blocked } : {}),
    ...(rules.blockedReason ? { blockedReason: rules.blockedReason } : {}),
  };
}

/** What a stored call needs to count in the log. */
export interface LoggedCall {
  direction: 'outbound' | 'inbound';
  phase: string;
  remoteNumber: string;
  startedAt: number;
  connectedAt?: number;
  endReason?: string;
  numberE164?: string;
  debtorRef?: string;
  /** The disposition code; what it means comes from its pack's flags, never from its spelling. */
  disposition?: string;
  numberKind?: NumberKind;
}

/**
 * The outcome a finished call counts as. The disposition's flags (from the pack that recorded it) say how the
 * call went on the line and win over the signaling, with one exception: `noConnect` on a call the signaling saw
 * connect counts as unanswered, because a call that reached the line is an attempt under every cap. A wrong party
 * reached a line but not the debtor. Without such a flag: a connected call was a conversation, a call that failed
 * before ringing did not connect, and a call nobody answered (cancelled or declined) was unanswered.
 */
export function outcomeOfCall(call: LoggedCall, dispositionFlags: readonly string[] = []): AttemptOutcome {
  const flags = new Set(dispositionFlags);
  if (flags.has('rightPartyContact')) return 'conversation';
  if (flags.has('voicemail')) return 'voicemail';
  if (flags.has('noAnswer')) return 'unanswered';
  if (flags.has('noConnect')) return call.connectedAt !== undefined ? 'unanswered' : 'no-connect';
  if (flags.has('wrongParty')) return 'unanswered';
  if (call.connectedAt !== undefined) return 'conversation';
  if (call.endReason === 'failed') return 'no-connect';
  return 'unanswered';
}

/**
 * Turns this browser's call records into the caps' log: finished calls only (a live call is the one being judged,
 * not a past attempt). Outbound calls count as attempts; an inbound call counts only when it was a conversation,
 * and then only towards cool-downs (Reg F's pause follows a conversation "regardless of which party initiated").
 * `dispositionFlags` gives the flags of a call's disposition, looked up in the pack that recorded it.
 */
export function callsToAttempts<Call extends LoggedCall = LoggedCall>(
  calls: readonly Call[],
  defaultCountry?: string,
  dispositionFlags: (call: Call) => readonly string[] | undefined = () => undefined,
): ContactAttempt[] {
  const attempts: ContactAttempt[] = [];
  for (const call of calls) {
    if (call.phase !== 'ended') continue;
    const outcome = outcomeOfCall(call, call.disposition !== undefined ? dispositionFlags(call) : undefined);
    if (call.direction === 'inbound' && outcome !== 'conversation') continue;
    const phoneE164 = call.numberE164 ?? normalizePhone(call.remoteNumber, defaultCountry)?.e164 ?? call.remoteNumber;
    const attempt: ContactAttempt = { at: call.startedAt, phoneE164, outcome };
    if (call.direction === 'inbound') attempt.direction = 'inbound';
    if (call.debtorRef) attempt.debtorRef = call.debtorRef;
    if (call.numberKind) attempt.numberKind = call.numberKind;
    attempts.push(attempt);
  }
  return attempts;
}
