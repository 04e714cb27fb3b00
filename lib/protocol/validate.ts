import type { CallSignal } from '../calls/types';
import { MESSAGE_SENDERS, PROTOCOL_ID, type Envelope, type MessageType, type ProtocolMap } from './messages';

/** The outcome of checking untrusted input. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest remote party string accepted from a page. */
export const MAX_REMOTE_CHARS = 64;
/** Longest call key (Call-ID) accepted from a page. */
export const MAX_CALL_KEY_CHARS = 256;

const PHASES = new Set(['dialing', 'ringing', 'connected', 'held', 'ended']);
const DIRECTIONS = new Set(['outbound', 'inbound']);
const HANGUP_PARTIES = new Set(['local', 'remote', 'unknown']);
const END_REASONS = new Set(['hangup', 'cancelled', 'rejected', 'failed']);
const SOURCES = new Set(['sip-ws']);
const SIGNAL_KEYS = new Set(['callKey', 'source', 'phase', 'direction', 'remote', 'at', 'endedBy', 'endReason', 'status']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Checks an envelope's frame: protocol tag, known type. The payload is checked by {@link validatePayload}. */
export function readEnvelope(message: unknown): Checked<Envelope> {
  if (!isRecord(message) || message['protocol'] !== PROTOCOL_ID) return { ok: false, error: 'not an OnScript message' };
  const type = message['type'];
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_SENDERS, type)) {
    return { ok: false, error: `unknown message type ${JSON.stringify(String(type).slice(0, 40))}` };
  }
  return { ok: true, value: { protocol: PROTOCOL_ID, type: type as MessageType, payload: message['payload'] as never } };
}

/** Whether a sender of the given kind may send the type. */
export function senderMayPost(type: MessageType, sender: 'content' | 'extension' | 'background'): boolean {
  return MESSAGE_SENDERS[type].includes(sender);
}

/** Checks a call signal that came from a page. Unknown keys, wrong types and oversized strings are refused. */
export function validateCallSignal(value: unknown): Checked<CallSignal> {
  if (!isRecord(value)) return { ok: false, error: 'signal is not an object' };
  for (const key of Object.keys(value)) {
    if (!SIGNAL_KEYS.has(key)) return { ok: false, error: `unexpected field ${JSON.stringify(key.slice(0, 40))}` };
  }
  const { callKey, source, phase, direction, remote, at, endedBy, endReason, status } = value;
  if (!isBoundedString(callKey, MAX_CALL_KEY_CHARS) || callKey.length === 0) return { ok: false, error: 'bad callKey' };
  if (typeof source !== 'string' || !SOURCES.has(source)) return { ok: false, error: 'bad source' };
  if (typeof phase !== 'string' || !PHASES.has(phase)) return { ok: false, error: 'bad phase' };
  if (typeof direction !== 'string' || !DIRECTIONS.has(direction)) return { ok: false, error: 'bad direction' };
  if (!isBoundedString(remote, MAX_REMOTE_CHARS)) return { ok: false, error: 'bad remote' };
  if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return { ok: false, error: 'bad at' };
  if (endedBy !== undefined && (typeof endedBy !== 'string' || !HANGUP_PARTIES.has(endedBy))) {
    return { ok: false, error: 'bad endedBy' };
  }
  if (endReason !== undefined && (typeof endReason !== 'string' || !END_REASONS.has(endReason))) {
    return { ok: false, error: 'bad endReason' };
  }
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 699)) {
    return { ok: false, error: 'bad status' };
  }
  // Rebuilt field by field so nothing the page attached (getters, prototypes) travels further.
  const signal: CallSignal = {
    callKey,
    source: source as CallSignal['source'],
    phase: phase as CallSignal['phase'],
    direction: direction as CallSignal['direction'],
    remote,
    at,
  };
  if (endedBy !== undefined) signal.endedBy = endedBy as NonNullable<CallSignal['endedBy']>;
  if (endReason !== undefined) signal.endReason = endReason as NonNullable<CallSignal['endReason']>;
  if (status !== undefined) signal.status = status;
  return { ok: true, value: signal };
}

/** Checks a payload for its type. Types that only extension pages send get light checks; pages never reach them. */
export function validatePayload<T extends MessageType>(type: T, payload: unknown): Checked<ProtocolMap[T]['request']> {
  switch (type) {
    case 'call/signal':
      return validateCallSignal(payload) as Checked<ProtocolMap[T]['request']>;
    case 'tab/get-state':
      return isRecord(payload) && Number.isInteger(payload['tabId'])
        ? { ok: true, value: { tabId: payload['tabId'] as number } as ProtocolMap[T]['request'] }
        : { ok: false, error: 'tabId must be an integer' };
    case 'calls/list-recent': {
      const limit = isRecord(payload) ? payload['limit'] : undefined;
      return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit <= 1000
        ? { ok: true, value: { limit } as ProtocolMap[T]['request'] }
        : { ok: false, error: 'limit must be an integer from 1 to 1000' };
    }
    case 'ping':
      return isRecord(payload) && typeof payload['sentAt'] === 'number'
        ? { ok: true, value: { sentAt: payload['sentAt'] } as ProtocolMap[T]['request'] }
        : { ok: false, error: 'sentAt must be a number' };
    case 'tab/state-changed':
      return { ok: false, error: 'only the background broadcasts tab state' };
    default:
      return { ok: false, error: 'unknown type' };
  }
}
