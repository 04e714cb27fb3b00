/**
 * What leaves the browser for the Team Hub, field by field: a call record as the hub takes it (the export's fields,
 * never the per-call form, the page's fields, the script's progress or the masking log) and a finished call as a
 * contact attempt with its outcome. Everything is fitted to the hub's limits (hub/api/schemas.ts) here, so a record
 * the agent wrote never makes the hub refuse the whole item: an over-long note is cut, a value the hub cannot take
 * is left out. Pure.
 */
import type { HubCallRecord, HubComplianceEvent } from '../../hub/api/types';
import { callsToAttempts, type LoggedCall } from '../compliance/assessment';
import type { ExportableCall } from '../export/types';
import type { AttemptOutboxRow } from './outbox';

const E164 = /^\+[1-9][0-9]{1,14}$/;
const EPOCH_MIN = 946_684_800_000;
const EPOCH_MAX = 7_258_118_400_000;
const AMOUNT = /^[0-9]{1,30}(\.[0-9]{1,12})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The hub's limits on a call record's text fields (hub/api/schemas.ts). */
export const HUB_CALL_LIMITS = {
  id: 200,
  remoteNumber: 64,
  debtorRef: 128,
  agentName: 100,
  disposition: 64,
  packId: 128,
  packVersion: 64,
  notes: 20_000,
  events: 100,
  eventCode: 64,
  eventText: 1000,
} as const;

const isInstant = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= EPOCH_MIN && value <= EPOCH_MAX;

/**
 * The call record as the hub takes it (`PushCall.call`): the same fields as the agent's export. Returns why not
 * when the record cannot be sent at all (no id, no start time).
 */
export function toHubCall(record: ExportableCall): HubCallRecord | { error: string } {
  if (typeof record.id !== 'string' || record.id === '' || record.id.length > HUB_CALL_LIMITS.id) return { error: 'the call record has no usable id' };
  if (!isInstant(record.startedAt)) return { error: 'the call record has no valid start time' };
  const call: HubCallRecord = {
    id: record.id,
    direction: record.direction === 'inbound' ? 'inbound' : 'outbound',
    remoteNumber: String(record.remoteNumber ?? '').slice(0, HUB_CALL_LIMITS.remoteNumber),
    startedAt: record.startedAt,
  };
  if (record.numberE164 !== undefined && E164.test(record.numberE164)) call.numberE164 = record.numberE164;
  if (isInstant(record.connectedAt)) call.connectedAt = record.connectedAt;
  if (isInstant(record.endedAt)) call.endedAt = record.endedAt;
  const debtorRef = record.debtorRef?.trim();
  if (debtorRef) call.debtorRef = debtorRef.slice(0, HUB_CALL_LIMITS.debtorRef);
  if (record.agentName) call.agentName = record.agentName.slice(0, HUB_CALL_LIMITS.agentName);
  if (record.disposition) call.disposition = record.disposition.slice(0, HUB_CALL_LIMITS.disposition);
  const promise = record.promiseToPay;
  if (promise && AMOUNT.test(promise.amount) && CURRENCY.test(promise.currency) && DATE.test(promise.date)) {
    call.promiseToPay = { amount: promise.amount, currency: promise.currency, date: promise.date };
  }
  if (isInstant(record.callbackAt)) call.callbackAt = record.callbackAt;
  if (record.packId) call.packId = record.packId.slice(0, HUB_CALL_LIMITS.packId);
  if (typeof record.packVersion === 'number' && Number.isFinite(record.packVersion)) call.packVersion = record.packVersion;
  else if (typeof record.packVersion === 'string' && record.packVersion !== '') call.packVersion = record.packVersion.slice(0, HUB_CALL_LIMITS.packVersion);
  if (record.notes) call.notes = record.notes.slice(0, HUB_CALL_LIMITS.notes);
  const events = (record.complianceEvents ?? []).filter((event) => isInstant(event.at) && event.code !== '');
  if (events.length > 0) {
    // The latest events when there are more than the hub keeps: the newest overrides matter most to a lead.
    call.complianceEvents = events.slice(-HUB_CALL_LIMITS.events).map((event) => {
      const out: HubComplianceEvent = {
        at: event.at,
        kind: event.kind,
        code: event.code.slice(0, HUB_CALL_LIMITS.eventCode),
        detail: event.detail.slice(0, HUB_CALL_LIMITS.eventText),
      };
      if (event.reason) out.reason = event.reason.slice(0, HUB_CALL_LIMITS.eventText);
      return out;
    });
  }
  return call;
}

/**
 * The attempt a finished call counts as on the hub, from the same derivation the caps use on this browser's log
 * (lib/compliance's `callsToAttempts`), so the team ledger and the local count agree; undefined for a call that is
 * not an attempt (inbound, or not finished).
 */
export function attemptOfCall(call: LoggedCall, defaultCountry: string | undefined): AttemptOutboxRow['attempt'] | undefined {
  const [attempt] = callsToAttempts([call], defaultCountry);
  if (!attempt) return undefined;
  const out: AttemptOutboxRow['attempt'] = { at: attempt.at, numberE164: attempt.phoneE164, outcome: attempt.outcome };
  const debtorRef = attempt.debtorRef?.trim();
  if (debtorRef) out.debtorRef = debtorRef.slice(0, HUB_CALL_LIMITS.debtorRef);
  return out;
}
