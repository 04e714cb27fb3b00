import { ENDED_CALLS_KEPT, MAX_LIVE_CALLS_PER_TAB, MAX_NEW_CALLS_PER_MINUTE, MAX_TAB_STATE_REVISION } from '../calls/tab-calls';
import { END_REASONS, type CallRecord, type CallSignal, type CallVerdict, type LiveCall, type TabCallState } from '../calls/types';
import type { GuardVerdict } from '../compliance/pre-dial';
import { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';
import { CTI_VENDOR_IDS } from '../detection/vendors/ids';
import { accept, isBoundedJson, isBoundedString, isFiniteNumber, isIntegerIn, isRecord, isStringList, refuse, unexpectedKey, type Checked } from './checks';
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
  /**
   * content → background: what the open page shows about the debtor of a call (its DOM rule's fields:
   * `location.region`, `location.postalCode`, `location.country`, script variables), when it changes.
   */
  'call/page-fields': { request: { callKey: string; fields: Record<string, string> }; response: { accepted: boolean } };
  /** extension or content → background: a no-op round trip, for latency baselines. */
  'ping': { request: { sentAt: number }; response: { sentAt: number } };
  /**
   * background → one dialer frame (`tabs.sendMessage` with its `frameId`), after a worker restart: which of the
   * calls the background holds live does this frame's page still report? No answer means the frame is gone.
   */
  'call/probe-frame': { request: Record<string, never>; response: FrameCallReport };
}

/**
 * A dialer frame's answer to `call/probe-frame`: the call keys its page has reported, by whether they ended, and
 * when the page started (its navigation, epoch ms). A page that does not know a call is a newer page: the one
 * that reported the call was gone by then.
 */
export interface FrameCallReport {
  live: string[];
  ended: string[];
  startedAt: number;
}

/** Most call keys a frame may name per kind in a {@link FrameCallReport}. */
export const MAX_FRAME_REPORT_KEYS = 64;

/** Checks a frame's answer to `call/probe-frame` (it comes from a page's renderer: untrusted like any page data). */
export function validateFrameCallReport(value: unknown): Checked<FrameCallReport> {
  if (!isRecord(value)) return refuse('report is not an object');
  if (unexpectedKey(value, new Set(['live', 'ended', 'startedAt'])) !== undefined) return refuse('unexpected field');
  const keys = (list: unknown): string[] | undefined =>
    Array.isArray(list) &&
    list.length <= MAX_FRAME_REPORT_KEYS &&
    list.every((key) => isBoundedString(key, MAX_CALL_KEY_CHARS) && key !== '')
      ? [...(list as string[])]
      : undefined;
  const live = keys(value['live']);
  const ended = keys(value['ended']);
  if (!live || !ended) return refuse('bad call keys');
  const startedAt = value['startedAt'];
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt) || startedAt <= 0) return refuse('bad startedAt');
  return accept({ live, ended, startedAt });
}

/** Most fields a page may report for a call, and their longest value (the DOM rules' own limits). */
export const MAX_PAGE_FIELDS = 16;
export const MAX_PAGE_FIELD_CHARS = 200;
const PAGE_FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,31}(?:\.[a-z][a-zA-Z0-9]{0,31}){0,3}$/;
const FORBIDDEN_FIELD_PARTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks a page's fields for a call: known-shaped keys, short single-line strings; rebuilt as plain data. */
export function validatePageFields(value: unknown): Checked<{ callKey: string; fields: Record<string, string> }> {
  if (!isRecord(value)) return refuse('payload is not an object');
  if (unexpectedKey(value, new Set(['callKey', 'fields'])) !== undefined) return refuse('unexpected field');
  const { callKey, fields } = value;
  if (!isBoundedString(callKey, MAX_CALL_KEY_CHARS) || callKey === '') return refuse('bad callKey');
  if (!isRecord(fields)) return refuse('fields is not an object');
  const entries = Object.entries(fields);
  if (entries.length > MAX_PAGE_FIELDS) return refuse('too many fields');
  const out: Record<string, string> = {};
  for (const [key, text] of entries) {
    if (!PAGE_FIELD_KEY.test(key) || key.split('.').some((part) => FORBIDDEN_FIELD_PARTS.has(part))) return refuse('bad field key');
    if (!isBoundedString(text, MAX_PAGE_FIELD_CHARS) || /[\u0000-\u001f\u007f]/.test(text)) return refuse(`bad value for ${key}`);
    out[key] = text;
  }
  return accept({ callKey, fields: out });
}

// One limit for the detectors that make signals and the background that checks them (lib/calls/limits.ts).
export { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';

const PHASES = new Set(['dialing', 'ringing', 'connected', 'held', 'ended']);
const DIRECTIONS = new Set(['outbound', 'inbound']);
const HANGUP_PARTIES = new Set(['local', 'remote', 'unknown']);
const KNOWN_END_REASONS = new Set<string>(END_REASONS);
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
  if (endReason !== undefined && (typeof endReason !== 'string' || !KNOWN_END_REASONS.has(endReason))) {
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

const LIVE_CALL_KEYS = new Set([
  'id', 'tabId', 'frameId', 'callKey', 'origin', 'source', 'direction', 'remoteNumber', 'confidence', 'phase', 'startedAt',
  'connectedAt', 'endedAt', 'endedBy', 'endReason', 'updatedAt', 'remoteE164', 'aliases', 'verdict', 'pageFields',
  'enteredLocation',
]);
const LOCATION_KEYS = new Set(['country', 'region', 'postalCode', 'timeZone']);

/** A call's page fields or entered location as the background keeps them: a few short strings. */
function isSmallStringRecord(value: unknown, keys?: ReadonlySet<string>): boolean {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_PAGE_FIELDS &&
    entries.every(([key, text]) => (keys ? keys.has(key) : key.length <= 64) && isBoundedString(text, MAX_PAGE_FIELD_CHARS))
  );
}
const TAB_STATE_KEYS = new Set(['tabId', 'calls', 'revision', 'recentStarts']);
const ACTIONS = new Set(['none', 'warn', 'block']);
/** The most calls a tab's state holds: the live ones it may have, and the ended ones it keeps for wrap-up. */
const MAX_CALLS_IN_STATE = MAX_LIVE_CALLS_PER_TAB + ENDED_CALLS_KEPT;
/** The largest compliance verdict told with a call (reasons included); real ones are a few kilobytes. */
const MAX_VERDICT_CHARS = 64 * 1024;

/**
 * Checks the compliance verdict told with a call: the fields the panel and the guard act on, and otherwise plain
 * data of bounded size (the compliance feature owns the assessment's details).
 */
function isCallVerdict(value: unknown): value is CallVerdict {
  if (!isRecord(value) || unexpectedKey(value, new Set(['assessment', 'override'])) !== undefined) return false;
  const { assessment, override } = value;
  if (!isRecord(assessment) || !isBoundedJson(value, MAX_VERDICT_CHARS)) return false;
  if (!ACTIONS.has(assessment['action'] as string) || (assessment['onViolation'] !== 'warn' && assessment['onViolation'] !== 'block')) return false;
  if (!isFiniteNumber(assessment['at']) || !isBoundedString(assessment['profileId'], 64) || !isBoundedString(assessment['profileName'], 200)) return false;
  const violations = assessment['violations'];
  if (!Array.isArray(violations) || !violations.every((v) => isRecord(v) && isBoundedString(v['code'], 32) && isStringList(v['reasons'], 100, 2_000))) {
    return false;
  }
  if (!isRecord(assessment['window']) || !isRecord(assessment['caps']) || !isRecord(assessment['doNotCall'])) return false;
  if (override === undefined) return true;
  return (
    isRecord(override) &&
    unexpectedKey(override, new Set(['reason', 'until', 'callId'])) === undefined &&
    isBoundedString(override['reason'], 500) &&
    isFiniteNumber(override['until']) &&
    isBoundedString(override['callId'], 128)
  );
}

/** Checks one call of a tab's state, for tab `tabId`, filed under `id`; rebuilt field by field. */
function readLiveCall(value: unknown, tabId: number, id: string): LiveCall | undefined {
  if (!isRecord(value) || unexpectedKey(value, LIVE_CALL_KEYS) !== undefined) return undefined;
  const v = value;
  if (v['id'] !== id || v['tabId'] !== tabId || !isIntegerIn(v['frameId'], 0, Number.MAX_SAFE_INTEGER)) return undefined;
  if (!isBoundedString(v['callKey'], MAX_CALL_KEY_CHARS) || v['callKey'] === '' || !isBoundedString(v['origin'], 512)) return undefined;
  if (typeof v['source'] !== 'string' || !SOURCES.has(v['source'])) return undefined;
  if (typeof v['direction'] !== 'string' || !DIRECTIONS.has(v['direction'])) return undefined;
  if (typeof v['phase'] !== 'string' || !PHASES.has(v['phase'])) return undefined;
  if (!isBoundedString(v['remoteNumber'], MAX_REMOTE_CHARS) || !isFiniteNumber(v['startedAt']) || !isFiniteNumber(v['updatedAt'])) return undefined;
  for (const key of ['connectedAt', 'endedAt'] as const) if (v[key] !== undefined && !isFiniteNumber(v[key])) return undefined;
  if (v['endedBy'] !== undefined && !HANGUP_PARTIES.has(v['endedBy'] as string)) return undefined;
  if (v['endReason'] !== undefined && !KNOWN_END_REASONS.has(v['endReason'] as string)) return undefined;
  if (v['confidence'] !== undefined && !(isFiniteNumber(v['confidence']) && v['confidence'] >= 0 && v['confidence'] <= 1)) return undefined;
  if (v['remoteE164'] !== undefined && !(typeof v['remoteE164'] === 'string' && E164.test(v['remoteE164']))) return undefined;
  if (v['aliases'] !== undefined && !isStringList(v['aliases'], 4, MAX_CALL_KEY_CHARS + 24)) return undefined;
  if (v['verdict'] !== undefined && !isCallVerdict(v['verdict'])) return undefined;
  if (v['pageFields'] !== undefined && !isSmallStringRecord(v['pageFields'])) return undefined;
  if (v['enteredLocation'] !== undefined && !isSmallStringRecord(v['enteredLocation'], LOCATION_KEYS)) return undefined;
  return { ...(v as unknown as LiveCall) };
}

/**
 * Checks a tab's state as the background tells it to extension pages: the calls as the background keeps them
 * (no more than a tab may have, each filed under its own id and of this tab) and a revision a worker can reach.
 * Only the background sends it; a page still checks, so a forged or corrupt state never reaches the panel.
 */
export function validateTabCallState(value: unknown): Checked<TabCallState> {
  if (!isRecord(value)) return refuse('tab state is not an object');
  const extra = unexpectedKey(value, TAB_STATE_KEYS);
  if (extra !== undefined) return refuse(`unexpected field ${JSON.stringify(extra.slice(0, 40))}`);
  const { tabId, calls, revision, recentStarts } = value;
  if (!isIntegerIn(tabId, 0, Number.MAX_SAFE_INTEGER)) return refuse('bad tabId');
  if (revision !== undefined && !isIntegerIn(revision, 0, MAX_TAB_STATE_REVISION)) return refuse('bad revision');
  if (recentStarts !== undefined && !(Array.isArray(recentStarts) && recentStarts.length <= MAX_NEW_CALLS_PER_MINUTE && recentStarts.every(isFiniteNumber))) {
    return refuse('bad recentStarts');
  }
  if (!isRecord(calls)) return refuse('bad calls');
  const entries = Object.entries(calls);
  if (entries.length > MAX_CALLS_IN_STATE) return refuse('more calls than a tab keeps');
  const checked: Record<string, LiveCall> = {};
  for (const [id, raw] of entries) {
    const call = readLiveCall(raw, tabId, id);
    if (!call) return refuse(`bad call ${JSON.stringify(id.slice(0, 40))}`);
    checked[id] = call;
  }
  const state: TabCallState = { tabId, calls: checked };
  if (revision !== undefined) state.revision = revision;
  if (recentStarts !== undefined) state.recentStarts = [...(recentStarts as number[])];
  return accept(state);
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
  // Told by the background only (the service never takes it); checked by the pages that hear it.
  'tab/state-changed': { senders: ['background'], validate: validateTabCallState },
  'call/page-fields': { senders: ['content'], validate: validatePageFields },
  'call/probe-frame': { senders: ['background'], validate: () => refuse('only the background asks frames about their calls') },
  'ping': { senders: ['content', 'extension'], validate: (payload) =>
    isRecord(payload) && typeof payload['sentAt'] === 'number' ? accept({ sentAt: payload['sentAt'] }) : refuse('sentAt must be a number') },
});

