/**
 * One verdict for one number at one instant: the calling window, the frequency caps and the do-not-call flags
 * together, and what the pre-dial guard should do about it. Pure: the caller passes the log, the flags and `at`.
 */
import { evaluateContactCaps } from './caps';
import type { ContactAttempt, ContactCapsResult } from './caps';
import { evaluateCallingWindow } from './calling-window';
import type { CallingWindowResult } from './calling-window';
import { evaluateDoNotCall } from './dnc';
import type { DoNotCallFlag, DoNotCallResult } from './dnc';
import type { AttemptOutcome, ComplianceProfile } from './profiles';
import type { InconvenientTime } from './restrictions';
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
}

/** Which rule a violation breaks: stable codes kept with the call as evidence. */
export type ViolationCode = 'outside-window' | 'over-cap' | 'do-not-call';

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
  /** `none` when nothing is broken, else the profile's choice. */
  action: 'none' | 'warn' | 'block';
}

/** Evaluates window, caps and do-not-call for a call to `phone` at `at`. */
export function assessNumber(input: AssessmentInput): ComplianceAssessment {
  const { profile, at, phone } = input;
  const window = evaluateCallingWindow({
    phone,
    at,
    profile,
    ...(input.location ? { location: input.location } : {}),
    ...(input.restrictions ? { restrictions: input.restrictions } : {}),
  });
  const caps = evaluateContactCaps({
    profile,
    at,
    phone,
    log: input.log,
    ...(input.debtorRef !== undefined ? { debtorRef: input.debtorRef } : {}),
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
    action: violations.length === 0 ? 'none' : profile.onViolation,
  };
}

/** What a stored call needs to count as an attempt in the log. */
export interface LoggedCall {
  direction: 'outbound' | 'inbound';
  phase: string;
  remoteNumber: string;
  startedAt: number;
  connectedAt?: number;
  endReason?: string;
  numberE164?: string;
  debtorRef?: string;
  disposition?: string;
}

/**
 * The outcome a finished outbound call counts as. A voicemail or wrong-party disposition wins over the
 * signaling; otherwise a connected call was a conversation, a call that failed before ringing did not connect,
 * and a call nobody answered (cancelled or declined) was an unanswered attempt.
 */
export function outcomeOfCall(call: LoggedCall): AttemptOutcome {
  if (call.disposition === 'voicemail') return 'voicemail';
  if (call.disposition === 'no-answer' || call.disposition === 'busy') return 'unanswered';
  if (call.connectedAt !== undefined) return 'conversation';
  if (call.endReason === 'failed') return 'no-connect';
  return 'unanswered';
}

/**
 * Turns this browser's call records into the caps' log: finished outbound calls only (a live call is the one
 * being judged, not a past attempt; inbound calls were not placed by the collector).
 */
export function callsToAttempts(calls: readonly LoggedCall[], defaultCountry?: string): ContactAttempt[] {
  const attempts: ContactAttempt[] = [];
  for (const call of calls) {
    if (call.direction !== 'outbound' || call.phase !== 'ended') continue;
    const phoneE164 = call.numberE164 ?? normalizePhone(call.remoteNumber, defaultCountry)?.e164 ?? call.remoteNumber;
    const attempt: ContactAttempt = { at: call.startedAt, phoneE164, outcome: outcomeOfCall(call) };
    if (call.debtorRef) attempt.debtorRef = call.debtorRef;
    attempts.push(attempt);
  }
  return attempts;
}
