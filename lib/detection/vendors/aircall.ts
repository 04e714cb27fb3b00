/**
 * Aircall Everywhere: `{name: 'apm_phone_*', value: {...}}`, as the aircall-everywhere library relays the
 * Workspace iframe's events.
 */
import { isPlainRecord, ownField, ownString } from '../guard';
import { defineVendor, type CallUpdate, type ParseOutcome, type VendorCallBook } from './define-vendor';
import { dropped, MAX_ID_CHARS, MAX_TYPE_CHARS, partyNumber } from './shared';

function parse(data: unknown, book: VendorCallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const name = ownString(data, 'name', MAX_TYPE_CHARS);
  if (name === undefined || !name.startsWith('apm_phone_')) return dropped('bad-shape', 'name');
  const rawValue = ownField(data, 'value');
  if (rawValue !== undefined && !isPlainRecord(rawValue)) return dropped('bad-shape', 'value');
  const value = rawValue ?? {};
  const callId = ownString(value, 'call_id', MAX_ID_CHARS);
  // Some Aircall versions omit call_id on follow-up events; they concern the latest call.
  const keyOrLatest = callId ?? book.latestKey;

  switch (name) {
    case 'apm_phone_incoming_call':
    case 'apm_phone_outgoing_call': {
      if (!callId) return dropped('bad-shape', 'value.call_id');
      const inbound = name === 'apm_phone_incoming_call';
      const update: CallUpdate = {
        key: callId,
        phase: inbound ? 'ringing' : 'dialing',
        direction: inbound ? 'inbound' : 'outbound',
      };
      const remote = partyNumber(ownField(value, inbound ? 'from' : 'to'));
      if (remote) update.remote = remote;
      return { updates: [update] };
    }
    case 'apm_phone_call_end_ringtone': {
      if (!keyOrLatest || !book.has(keyOrLatest)) return dropped('unknown-call');
      const status = ownString(value, 'answer_status', 32);
      if (status === 'answered') return { updates: [{ key: keyOrLatest, phase: 'connected' }] };
      if (status === 'refused') {
        return { updates: [{ key: keyOrLatest, phase: 'ended', endedBy: 'local', endReason: 'rejected' }] };
      }
      if (status === 'disconnected') {
        return { updates: [{ key: keyOrLatest, phase: 'ended', endedBy: 'remote', endReason: 'cancelled' }] };
      }
      return dropped('bad-shape', 'value.answer_status');
    }
    case 'apm_phone_outgoing_answered':
      if (!keyOrLatest || !book.has(keyOrLatest)) return dropped('unknown-call');
      return { updates: [{ key: keyOrLatest, phase: 'connected' }] };
    case 'apm_phone_call_ended':
      if (!keyOrLatest) return dropped('unknown-call');
      return { updates: [{ key: keyOrLatest, phase: 'ended' }] };
    default:
      return dropped('unknown-type');
  }
}

/** Aircall Everywhere, the Aircall Workspace phone embedded in a CRM. */
export default defineVendor({
  id: 'aircall',
  name: 'Aircall Everywhere',
  layer: 'cti',
  origins: ['https://workspace.aircall.io'],
  dialers: [{ id: 'aircall', name: 'Aircall Workspace', matches: ['https://workspace.aircall.io/*'] }],
  parse,
});

/**
 * Test pages
 *
 * - Targets: a CRM page embedding `https://workspace.aircall.io` through the `aircall-everywhere` library.
 * - Fixture: `apm_phone_incoming_call` → `apm_phone_call_end_ringtone {answer_status:'answered'}` →
 *   `apm_phone_call_ended`; outbound `apm_phone_outgoing_call` → `apm_phone_outgoing_answered` →
 *   `apm_phone_call_ended`.
 */
