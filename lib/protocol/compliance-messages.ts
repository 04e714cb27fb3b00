import type { ComplianceAssessment } from '../compliance/assessment';
import type { CsvLineError } from '../compliance/caps';
import type { DoNotCallReason } from '../compliance/dnc';
import type { StoredDoNotCallFlag } from '../db/schema';

export type { StoredDoNotCallFlag } from '../db/schema';
import { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from './call-messages';
import { accept, isBoundedString, isRecord, refuse, unexpectedKey, type Checked, type Validator } from './checks';
import { defineMessages } from './sender-rules';

export type { GuardVerdict } from '../compliance/pre-dial';

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
  'compliance/evaluate': { request: { phone: string; debtorRef?: string }; response: ComplianceAssessment };
  /** content → background: the agent overrode the guard for this call, with a reason; a redial of the number within a few minutes is not blocked again. */
  'compliance/override': { request: { callKey: string; reason: string }; response: { recorded: boolean } };
  /** extension → background: every do-not-call flag, active and cleared. */
  'compliance/list-flags': { request: Record<string, never>; response: StoredDoNotCallFlag[] };
  'compliance/add-flag': { request: NewDoNotCallFlag; response: StoredDoNotCallFlag };
  /** extension → background: lifts a flag (history kept: it gets `clearedAt`). */
  'compliance/clear-flag': { request: { id: string }; response: { cleared: boolean } };
  /** extension → background: imports earlier attempts from a lead's CSV; bad lines come back one by one. */
  'compliance/import-attempts': {
    request: { csv: string; source: string };
    response: { imported: number; errors: CsvLineError[] };
  };
  /** extension → background: how many imported attempts are stored. */
  'compliance/count-imports': { request: Record<string, never>; response: { count: number } };
  'compliance/clear-imports': { request: Record<string, never>; response: { removed: number } };
}

/** Longest debtor reference accepted. */
export const MAX_DEBTOR_REF_CHARS = 128;
/** Longest override reason or flag note accepted. */
export const MAX_REASON_CHARS = 500;
/** Largest CSV accepted in one import (characters). */
export const MAX_CSV_CHARS = 5_000_000;

const DNC_REASONS = new Set(['cease-request', 'wrong-number', 'dispute-pending']);

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
    const checked = shape(payload, ['phone', 'debtorRef']);
    if (!checked.ok) return refuse(checked.error);
    const { phone, debtorRef } = checked.value;
    if (!isBoundedString(phone, MAX_REMOTE_CHARS) || phone.trim() === '') return refuse('bad phone');
    if (debtorRef !== undefined && !isBoundedString(debtorRef, MAX_DEBTOR_REF_CHARS)) return refuse('bad debtorRef');
    return accept(debtorRef ? { phone, debtorRef } : { phone });
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
    const checked = shape(payload, ['csv', 'source']);
    if (!checked.ok) return refuse(checked.error);
    const { csv, source } = checked.value;
    if (!isBoundedString(csv, MAX_CSV_CHARS)) return refuse('bad csv');
    if (!isBoundedString(source, 256)) return refuse('bad source');
    return accept({ csv, source });
  } },
  'compliance/count-imports': { senders: ['extension'], validate: empty },
  'compliance/clear-imports': { senders: ['extension'], validate: empty },
});

