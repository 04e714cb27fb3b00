import type { CallRecord, CallSignal, TabCallState } from '../calls/types';
import type { GuardVerdict } from '../compliance/pre-dial';
import { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';
import { CTI_VENDOR_IDS } from '../detection/vendors/ids';
import { accept, isBoundedString, isRecord, refuse, unexpectedKey, type Checked } from './checks';
import { defineMessages } from './sender-rules';

/**
 * The background's answer to a call signal: whether it changed anything, and for an outbound call being set up
 * the call's compliance verdict, which the frame's pre-dial guard acts on (computed once, in the same pass).
 */
export interface CallSignalReply {
  accepted: boolean;
  verdict?: GuardVerdict;
}

/** Messages about detected calls and their records. */
export interface CallMessages {
  /** content → background: a detector saw a call change phase. */
  'call/signal': { request: CallSignal; response: CallSignalReply };
  /** extension → background: the calls the background tracks for a tab. */
  'tab/get-state': { request: { tabId: number }; response: TabCallState };
  /** extension → background: the most recent call records, newest first. */
  'calls/list-recent': { request: { limit: number }; response: CallRecord[] };
  /** background → extension pages: a tab's calls changed. */
  'tab/state-changed': { request: TabCallState; response: void };
  /** extension or content → background: a no-op round trip, for latency baselines. */
  'ping': { request: { sentAt: number }; response: { sentAt: number } };
}

// One limit for the detectors that make signals and the background that checks them (lib/calls/limits.ts).
export { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';

const PHASES = new Set(['dialing', 'ringing', 'connected', 'held', 'ended']);
const DIRECTIONS = new Set(['outbound', 'inbound']);
const HANGUP_PARTIES = new Set(['local', 'remote', 'unknown']);
const END_REASONS = new Set(['hangup', 'cancelled', 'rejected', 'failed']);
// The CTI vendor ids come from the leaf beside the vendor registry, not the registry: the registry would bring
// every vendor's parser into the background, which only needs the names.
const SOURCES = new Set<string>([
  'sip-ws',
  'twilio-ws',
  ...CTI_VENDOR_IDS,
  'dom',
  'media',
] satisfies CallSignal['source'][]);
const SIGNAL_KEYS = new Set([
  'callKey',
  'source',
  'phase',
  'direction',
  'remote',
  'at',
  'endedBy',
  'endReason',
  'status',
  'confidence',
  'remoteE164',
  'vendorCode',
]);
/** E.164: a plus and 8 to 15 digits (short national numbers never get one). */
const E164 = /^\+[1-9]\d{6,14}$/;
/** Longest vendor error code accepted. */
export const MAX_VENDOR_CODE_CHARS = 32;

/** Checks a call signal that came from a page. Unknown keys, wrong types and oversized strings are refused. */
export function validateCallSignal(value: unknown): Checked<CallSignal> {
  if (!isRecord(value)) return refuse('signal is not an object');
  const extra = unexpectedKey(value, SIGNAL_KEYS);
  if (extra !== undefined) return refuse(`unexpected field ${JSON.stringify(extra.slice(0, 40))}`);
  const { callKey, source, phase, direction, remote, at, endedBy, endReason, status, confidence, remoteE164, vendorCode } =
    value;
  if (!isBoundedString(callKey, MAX_CALL_KEY_CHARS) || callKey.length === 0) return refuse('bad callKey');
  if (typeof source !== 'string' || !SOURCES.has(source)) return refuse('bad source');
  if (typeof phase !== 'string' || !PHASES.has(phase)) return refuse('bad phase');
  if (typeof direction !== 'string' || !DIRECTIONS.has(direction)) return refuse('bad direction');
  if (!isBoundedString(remote, MAX_REMOTE_CHARS)) return refuse('bad remote');
  if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return refuse('bad at');
  if (endedBy !== undefined && (typeof endedBy !== 'string' || !HANGUP_PARTIES.has(endedBy))) return refuse('bad endedBy');
  if (endReason !== undefined && (typeof endReason !== 'string' || !END_REASONS.has(endReason))) {
    return refuse('bad endReason');
  }
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 699)) {
    return refuse('bad status');
  }
  if (confidence !== undefined && (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))) {
    return refuse('bad confidence');
  }
  if (remoteE164 !== undefined && (typeof remoteE164 !== 'string' || !E164.test(remoteE164))) return refuse('bad remoteE164');
  if (vendorCode !== undefined && (!isBoundedString(vendorCode, MAX_VENDOR_CODE_CHARS) || !/^[\w.-]+$/.test(vendorCode))) {
    return refuse('bad vendorCode');
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
  if (confidence !== undefined) signal.confidence = confidence;
  if (remoteE164 !== undefined) signal.remoteE164 = remoteE164;
  if (vendorCode !== undefined) signal.vendorCode = vendorCode;
  return accept(signal);
}

/** Each call message: who may send it and how its payload is checked. */
export const CALL_MESSAGES = defineMessages<CallMessages>({
  'call/signal': { senders: ['content'], validate: validateCallSignal },
  'tab/get-state': { senders: ['extension'], validate: (payload) =>
    isRecord(payload) && Number.isInteger(payload['tabId'])
      ? accept({ tabId: payload['tabId'] as number })
      : refuse('tabId must be an integer') },
  'calls/list-recent': { senders: ['extension'], validate: (payload) => {
    const limit = isRecord(payload) ? payload['limit'] : undefined;
    return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit <= 1000
      ? accept({ limit })
      : refuse('limit must be an integer from 1 to 1000');
  } },
  'tab/state-changed': { senders: ['background'], validate: () => refuse('only the background broadcasts tab state') },
  'ping': { senders: ['content', 'extension'], validate: (payload) =>
    isRecord(payload) && typeof payload['sentAt'] === 'number' ? accept({ sentAt: payload['sentAt'] }) : refuse('sentAt must be a number') },
});

