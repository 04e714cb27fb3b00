import type { ComplianceAssessment } from '../compliance/assessment';
import type { AttemptsCsvResult, DateOrder } from '../compliance/attempts-rows';
import type { CsvRows } from '../compliance/csv-rows';
import type { DoNotCallReason } from '../compliance/dnc';
import type { DebtorLocation } from '../calls/types';
import type { NumberKind } from '../compliance/profiles';
import type { StoredDoNotCallFlag, StoredNumberKind } from '../db/schema';

export type { StoredDoNotCallFlag } from '../db/schema';
import { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from './call-messages';
import { accept, isBoundedString, isIntegerIn, isRecord, refuse, unexpectedKey, type Checked, type Validator } from './checks';
import { defineMessages } from './sender-rules';

export type { GuardVerdict } from '../compliance/pre-dial';

/** An attempts CSV as the options page sends it. */
export interface AttemptsImportRequest {
  csv: string;
  /** The file name, kept with each imported row. */
  source: string;
  /** IANA zone times without an offset are read in (the agent's own). */
  timeZone?: string;
  dateOrder?: DateOrder;
}

/**
 * The same import as it travels to the background: the file's rows, read in the page (lib/compliance/csv-rows.ts),
 * so papaparse stays out of the worker's script.
 */
export interface AttemptsImportMessage extends Omit<AttemptsImportRequest, 'csv'>, CsvRows {}

/** What an import did: rows stored, lines refused, and how the file was read. */
export interface AttemptsImportResult extends Omit<AttemptsCsvResult, 'attempts'> {
  imported: number;
}

const DATE_ORDERS: readonly DateOrder[] = ['auto', 'month-first', 'day-first'];

/** A new do-not-call flag as the options page sends it. */
export interface NewDoNotCallFlag {
  reason: DoNotCallReason;
  scope: 'number' | 'debtor';
  /** The number in any format the default region can read (scope `number`). */
  phone?: string;
  debtorRef?: string;
  note?: string;
}

/** Messages of the compliance feature. Type names are prefixed `compliance/`. */
export interface ComplianceMessages {
  /** extension → background: window, caps and do-not-call for a number now, under the profile in force. */
  'compliance/evaluate': { request: { phone: string; debtorRef?: string; location?: DebtorLocation }; response: ComplianceAssessment };
  /**
   * extension → background: where the agent says a live call's debtor is (or nothing, to clear it); the call's
   * verdict is computed again with it, and the panel told.
   */
  'compliance/set-location': {
    request: { tabId: number; callId: string; location: DebtorLocation | null };
    response: { updated: boolean; assessment?: ComplianceAssessment };
  };
  /** content → background: the agent overrode the guard for this call, with a reason; a redial of the number within a few minutes is not blocked again. */
  'compliance/override': { request: { callKey: string; reason: string }; response: { recorded: boolean } };
  /** extension → background: every do-not-call flag, active and cleared. */
  'compliance/list-flags': { request: Record<string, never>; response: StoredDoNotCallFlag[] };
  'compliance/add-flag': { request: NewDoNotCallFlag; response: StoredDoNotCallFlag };
  /** extension → background: lifts a flag (history kept: it gets `clearedAt`). */
  'compliance/clear-flag': { request: { id: string }; response: { cleared: boolean } };
  /** extension → background: imports earlier attempts from a lead's CSV; bad lines come back one by one. */
  'compliance/import-attempts': {
    /** `timeZone`: the page's zone, for times written without an offset; `dateOrder`: how 3/9/2026 is read. */
    request: AttemptsImportMessage;
    response: AttemptsImportResult;
  };
  /**
   * extension → background: marks a number as a work number, or as personal again ("This is a work number" in the
   * panel); caps that count calls to work numbers read it.
   */
  'compliance/set-number-kind': { request: { phone: string; kind: NumberKind }; response: StoredNumberKind };
  /** extension → background: how many imported attempts are stored. */
  'compliance/count-imports': { request: Record<string, never>; response: { count: number } };
  'compliance/clear-imports': { request: Record<string, never>; response: { removed: number } };
}

/** Longest debtor reference accepted. */
export const MAX_DEBTOR_REF_CHARS = 128;
/** Longest override reason or flag note accepted. */
export const MAX_REASON_CHARS = 500;
/** Largest CSV accepted in one import (characters, counted over its fields once read into rows). */
export const MAX_CSV_CHARS = 5_000_000;
/** Most rows accepted in one import. */
export const MAX_CSV_ROWS = 500_000;
/** Most fields accepted in one row (OnScript's own export has fewer than 40). */
export const MAX_CSV_FIELDS = 256;

/** The last line number a row may start on (a 5,000,000-character file has at most that many lines). */
const MAX_CSV_LINE = MAX_CSV_CHARS + 1;

/** A file's rows as the page read them: bounded in count, width and total characters, lines numbered from 1. */
function isCsvRows(value: unknown): value is CsvRows['rows'] {
  if (!Array.isArray(value) || value.length > MAX_CSV_ROWS) return false;
  let chars = 0;
  for (const row of value as unknown[]) {
    if (!isRecord(row) || Object.keys(row).some((key) => key !== 'line' && key !== 'fields')) return false;
    const { line, fields } = row as { line: unknown; fields: unknown };
    if (!isIntegerIn(line, 1, MAX_CSV_LINE) || !Array.isArray(fields) || fields.length > MAX_CSV_FIELDS) return false;
    for (const field of fields as unknown[]) {
      if (typeof field !== 'string') return false;
      chars += field.length;
    }
    if (chars > MAX_CSV_CHARS) return false;
  }
  return true;
}

const DNC_REASONS = new Set(['cease-request', 'wrong-number', 'dispute-pending']);

/** Longest location field accepted (a state's name, a postal code, an IANA zone). */
const MAX_LOCATION_FIELD_CHARS = 64;

/** Checks a debtor location: short strings only, trimmed; empty fields dropped; nothing at all is no location. */
export function validateLocation(value: unknown): Checked<DebtorLocation | undefined> {
  const checked = shape(value, ['country', 'region', 'postalCode', 'timeZone']);
  if (!checked.ok) return refuse(checked.error);
  const location: DebtorLocation = {};
  for (const key of ['country', 'region', 'postalCode', 'timeZone'] as const) {
    const field = checked.value[key];
    if (field === undefined) continue;
    if (!isBoundedString(field, MAX_LOCATION_FIELD_CHARS) || /[\u0000-\u001f\u007f]/.test(field)) return refuse(`bad location ${key}`);
    if (field.trim() !== '') location[key] = field.trim();
  }
  return accept(Object.keys(location).length > 0 ? location : undefined);
}

function isKnownTimeZone(value: unknown): value is string {
  if (!isBoundedString(value, 64) || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function shape(value: unknown, keys: readonly string[]): Checked<Record<string, unknown>> {
  if (!isRecord(value)) return refuse('payload is not an object');
  const extra = unexpectedKey(value, new Set(keys));
  return extra === undefined ? accept(value) : refuse(`unexpected field ${JSON.stringify(extra.slice(0, 40))}`);
}

const empty: Validator<Record<string, never>> = (payload) => {
  const checked = shape(payload ?? {}, []);
  return checked.ok ? accept({}) : refuse(checked.error);
};

/** Each compliance message: who may send it and how its payload is checked. */
export const COMPLIANCE_MESSAGES = defineMessages<ComplianceMessages>({
  'compliance/evaluate': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['phone', 'debtorRef', 'location']);
    if (!checked.ok) return refuse(checked.error);
    const { phone, debtorRef, location } = checked.value;
    if (!isBoundedString(phone, MAX_REMOTE_CHARS) || phone.trim() === '') return refuse('bad phone');
    if (debtorRef !== undefined && !isBoundedString(debtorRef, MAX_DEBTOR_REF_CHARS)) return refuse('bad debtorRef');
    const place = location === undefined ? accept(undefined) : validateLocation(location);
    if (!place.ok) return place;
    return accept({ phone, ...(debtorRef ? { debtorRef } : {}), ...(place.value ? { location: place.value } : {}) });
  } },
  'compliance/set-location': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['tabId', 'callId', 'location']);
    if (!checked.ok) return refuse(checked.error);
    const { tabId, callId, location } = checked.value;
    if (!Number.isInteger(tabId)) return refuse('tabId must be an integer');
    if (!isBoundedString(callId, 128) || callId === '') return refuse('bad callId');
    if (location === null) return accept({ tabId: tabId as number, callId, location: null });
    const place = validateLocation(location);
    return place.ok ? accept({ tabId: tabId as number, callId, location: place.value ?? null }) : place;
  } },
  'compliance/override': { senders: ['content'], validate: (payload) => {
    const checked = shape(payload, ['callKey', 'reason']);
    if (!checked.ok) return refuse(checked.error);
    const { callKey, reason } = checked.value;
    if (!isBoundedString(callKey, MAX_CALL_KEY_CHARS) || callKey === '') return refuse('bad callKey');
    if (!isBoundedString(reason, MAX_REASON_CHARS) || reason.trim() === '') return refuse('an override needs a reason');
    return accept({ callKey, reason: reason.trim() });
  } },
  'compliance/list-flags': { senders: ['extension'], validate: empty },
  'compliance/add-flag': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['reason', 'scope', 'phone', 'debtorRef', 'note']);
    if (!checked.ok) return refuse(checked.error);
    const { reason, scope, phone, debtorRef, note } = checked.value;
    if (typeof reason !== 'string' || !DNC_REASONS.has(reason)) return refuse('bad reason');
    if (scope !== 'number' && scope !== 'debtor') return refuse('bad scope');
    if (note !== undefined && !isBoundedString(note, MAX_REASON_CHARS)) return refuse('bad note');
    const flag: NewDoNotCallFlag = { reason: reason as DoNotCallReason, scope };
    if (scope === 'number') {
      if (!isBoundedString(phone, MAX_REMOTE_CHARS) || phone.trim() === '') return refuse('a number flag needs a phone');
      flag.phone = phone.trim();
    } else {
      if (!isBoundedString(debtorRef, MAX_DEBTOR_REF_CHARS) || debtorRef.trim() === '') return refuse('a debtor flag needs a debtorRef');
      flag.debtorRef = debtorRef.trim();
    }
    if (typeof note === 'string' && note.trim() !== '') flag.note = note.trim();
    return accept(flag);
  } },
  'compliance/clear-flag': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['id']);
    if (!checked.ok) return refuse(checked.error);
    const { id } = checked.value;
    return isBoundedString(id, 128) && id !== '' ? accept({ id }) : refuse('bad id');
  } },
  'compliance/import-attempts': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['rows', 'unclosedQuoteLines', 'source', 'timeZone', 'dateOrder']);
    if (!checked.ok) return refuse(checked.error);
    const { rows, unclosedQuoteLines, source, timeZone, dateOrder } = checked.value;
    if (!isCsvRows(rows)) return refuse('bad rows');
    if (!Array.isArray(unclosedQuoteLines) || unclosedQuoteLines.length > MAX_CSV_ROWS || !unclosedQuoteLines.every((line) => isIntegerIn(line, 1, MAX_CSV_LINE))) {
      return refuse('bad unclosedQuoteLines');
    }
    if (!isBoundedString(source, 256)) return refuse('bad source');
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) return refuse('bad timeZone');
    const order = DATE_ORDERS.find((candidate) => candidate === dateOrder);
    if (dateOrder !== undefined && !order) return refuse('bad dateOrder');
    return accept({ rows, unclosedQuoteLines, source, ...(timeZone !== undefined ? { timeZone } : {}), ...(order ? { dateOrder: order } : {}) });
  } },
  'compliance/set-number-kind': { senders: ['extension'], validate: (payload) => {
    const checked = shape(payload, ['phone', 'kind']);
    if (!checked.ok) return refuse(checked.error);
    const { phone, kind } = checked.value;
    if (!isBoundedString(phone, MAX_REMOTE_CHARS) || phone.trim() === '') return refuse('bad phone');
    if (kind !== 'work' && kind !== 'personal') return refuse('kind must be "work" or "personal"');
    return accept({ phone: phone.trim(), kind });
  } },
  'compliance/count-imports': { senders: ['extension'], validate: empty },
  'compliance/clear-imports': { senders: ['extension'], validate: empty },
});

