/**
 * Zoom Phone Smart Embed: `{type: 'zp-call-*-event', data: {...}}`. The event names are Zoom's; the payload fields
 * (`callId`, `direction`, `caller`/`callee.phoneNumber`) are assumed.
 */
import type { CallPhase } from '../../calls/types';
import { isPlainRecord, ownField, ownString } from '../guard';
import { defineVendor, type CallUpdate, type ParseOutcome, type VendorCallBook } from './define-vendor';
import { directionOf, dropped, lookUp, MAX_ID_CHARS, MAX_REMOTE_CHARS, MAX_TYPE_CHARS, partyNumber } from './shared';

const PHASES: Readonly<Record<string, CallPhase>> = {
  'zp-call-ringing-event': 'ringing',
  'zp-call-connected-event': 'connected',
  'zp-call-ended-event': 'ended',
};

function parse(data: unknown, book: VendorCallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined || !type.startsWith('zp-')) return dropped('bad-shape', 'type');
  const phase = lookUp(PHASES, type);
  if (!phase) return dropped('unknown-type');
  const rawPayload = ownField(data, 'data');
  if (rawPayload !== undefined && !isPlainRecord(rawPayload)) return dropped('bad-shape', 'data');
  const payload = rawPayload ?? {};
  const callId = ownString(payload, 'callId', MAX_ID_CHARS) ?? ownString(payload, 'call_id', MAX_ID_CHARS);
  let key = callId ?? book.latestKey;
  if (!key) {
    if (phase !== 'ringing') return dropped('unknown-call');
    key = book.syntheticKey();
  }
  const direction = directionOf(ownField(payload, 'direction'));
  const update: CallUpdate = { key, phase };
  if (direction) update.direction = direction;
  const remote =
    direction === 'outbound'
      ? partyNumber(ownField(payload, 'callee')) ?? ownString(payload, 'calleeNumber', MAX_REMOTE_CHARS)
      : partyNumber(ownField(payload, 'caller')) ?? ownString(payload, 'callerNumber', MAX_REMOTE_CHARS);
  if (remote) update.remote = remote;
  return { updates: [update] };
}

/** Zoom Phone Smart Embed, the phone iframe CRMs embed from applications.zoom.us. */
export default defineVendor({
  id: 'zoom-phone',
  name: 'Zoom Phone Smart Embed',
  layer: 'cti',
  origins: ['https://applications.zoom.us'],
  dialers: [{ id: 'zoom-phone', name: 'Zoom Phone Smart Embed', matches: ['https://applications.zoom.us/*'] }],
  parse,
});

/**
 * Test pages
 *
 * - Targets: a page embedding `https://applications.zoom.us/integration/phone/embeddablephone/home`.
 * - Fixture: `zp-call-ringing-event` → `zp-call-connected-event` → `zp-call-ended-event` with `data.callId`.
 *   Audio runs in the Zoom client, so there is no media confirmation.
 */
