/**
 * The wrap-up side of a call: what the agent records during and after it. The detected call itself is
 * {@link CallRecord} in lib/calls/types.ts; the store keeps both under the same call id.
 */
import type { CallRecord } from '../calls/types.ts';

/** A JSON value, for data this module carries without interpreting (script progress). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The outcome code the agent picks at wrap-up. Script packs define their own codes, so any non-empty
 * string is accepted; {@link COMMON_DISPOSITIONS} lists the ones the built-in packs use.
 */
export type DispositionCode = string;

/** Disposition codes the built-in script packs use; packs may add more. */
export const COMMON_DISPOSITIONS = [
  'promise-to-pay',
  'paid',
  'dispute',
  'refused',
  'callback',
  'wrong-party',
  'no-answer',
  'voicemail',
  'busy',
  'cease-contact',
] as const;

/** A debtor's promise to pay, as agreed on the call. */
export interface PromiseToPay {
  /** Decimal string such as `"1250.50"`: never a float, so cents survive every sum and export. */
  amount: string;
  /** ISO 4217 code, upper case (`CNY`, `USD`). */
  currency: string;
  /** The agreed payment date, `YYYY-MM-DD`, in the team's calendar. */
  date: string;
}

/** How serious a compliance event was. */
export type ComplianceEventKind = 'warning' | 'override' | 'block';

/** Something the compliance layer said or did during the call, kept as evidence. */
export interface ComplianceEvent {
  /** Epoch ms. */
  at: number;
  kind: ComplianceEventKind;
  /** Stable machine code of the rule, e.g. `quiet-hours`. */
  code: string;
  /** Human-readable explanation shown to the agent at the time. */
  detail: string;
  /** Why the agent overrode a warning; required by policy for `override`. */
  reason?: string;
}

/** Kinds of sensitive number {@link redactSensitive} masks. */
export type RedactionKind = 'card' | 'cn-id' | 'us-ssn';

/** One masking that was applied to the notes text before it was stored. */
export interface RedactionApplied {
  kind: RedactionKind;
  /** The masked form now in the text, e.g. `••••••••••••1111`; never the original number. */
  masked: string;
  /** Epoch ms at which it was applied, when the caller tracks it. */
  at?: number;
}

/** The wrap-up fields of one call. */
export interface CallWrapUp {
  /** The debtor or account reference the agent is working (from the CRM, never a card number). */
  debtorRef?: string;
  agentName: string;
  /** Script pack that was on screen. */
  packId?: string;
  packVersion?: string | number;
  /** Where the agent was in the script; owned by the script runner and stored as is. */
  scriptProgress?: JsonValue;
  disposition?: DispositionCode;
  promiseToPay?: PromiseToPay;
  /** Epoch ms of an agreed callback. */
  callbackAt?: number;
  /** Free text, already passed through {@link redactSensitive}. */
  notes: string;
  complianceEvents: ComplianceEvent[];
  redactions: RedactionApplied[];
}

/** A stored call with whatever wrap-up it has so far: the shape summaries and follow-ups read. */
export type CallWithWrapUp = CallRecord & Partial<CallWrapUp>;

/** True for a decimal amount string: digits, optionally `.` and digits; no sign, exponent or grouping. */
export function isDecimalAmount(value: string): boolean {
  return /^\d{1,30}(?:\.\d{1,12})?$/.test(value);
}

/** True for a syntactically valid ISO 4217 code (three upper-case letters). */
export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

/** True when `promise` has a decimal amount, a currency code and a real `YYYY-MM-DD` date. */
export function isValidPromiseToPay(promise: PromiseToPay): boolean {
  return isDecimalAmount(promise.amount) && isCurrencyCode(promise.currency) && isCalendarDate(promise.date);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(2000, 0, 1));
  probe.setUTCFullYear(Number(match[1]), month - 1, day);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
