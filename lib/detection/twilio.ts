/**
 * Call tracking from the Twilio Voice JS SDK (and Flex, which embeds it) signaling socket:
 * `wss://voice-js.<edge>.twilio.com/signal`, JSON text frames `{type, version, payload}`.
 *
 * What the SDK sends: `invite` (`payload.callsid` is a temporary `TJS…` id, `payload.twilio.params` the
 * URL-encoded app parameters such as `To=`; an invite with `payload.reconnect` resumes an existing
 * call), `answer` (accepting an incoming call), `hangup`, `reject`.
 * What it receives: `invite` for an incoming call (`payload.parameters` with CallSid, From, To),
 * `ringing`, `answer` (= connected), `hangup` (optionally with `payload.error`), `cancel`. `ringing`
 * and `answer` may carry the real `CA…` CallSid of an outbound call for the first time; later frames
 * may use either id, so the tracker keeps both as aliases of one call. Transport frames such as
 * `connected`, `ready`, `listen`, `register` are not calls.
 *
 * The tracker is pure: frames and their time come in as parameters, signals come out.
 */
import { MAX_READ_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';
import type { CallDirection, CallPhase, EndReason, HangupParty } from '../calls/types';
import { cleanText, isPlainRecord, ownField, ownRecord, ownString } from './guard';
import { LAYER_CONFIDENCE, type DetectedCallSignal, type DropNote } from './types';

/** Whether the frame left the page (`send`) or arrived from Twilio (`message`). */
export type FrameDirection = 'sent' | 'received';

/** Options of {@link createTwilioTracker}. */
export interface TwilioTrackerOptions {
  /** Frames longer than this are dropped unparsed. Default 131072 (an invite with SDP is ~5–15 KB). */
  maxFrameChars?: number;
  /** Most calls tracked at once; invites beyond it are dropped. Default 16. */
  maxCalls?: number;
  /** Normalizes a remote number to E.164, e.g. `raw => normalizeNumber(raw, region).e164`. Injected so the tracker stays small. */
  toE164?: (raw: string) => string | undefined;
}

/** What one frame produced: signals, or why it was dropped. */
export interface TwilioFrameResult {
  signals: DetectedCallSignal[];
  dropped?: DropNote;
}

/** A stateful tracker for one Twilio signaling socket (or several; CallSids are global). */
export interface TwilioTracker {
  /** Feeds one WebSocket frame. Non-string (binary) frames are dropped as malformed. */
  handleFrame(frame: unknown, direction: FrameDirection, at: number): TwilioFrameResult;
  /** Keys of the calls not yet ended (the first id each call was seen with). */
  activeCallKeys(): string[];
}

export { isTwilioSignalingUrl } from '../hooks/frame-predicates';

interface TrackedCall {
  key: string;
  ids: string[];
  direction: CallDirection;
  remote: string;
  phase: CallPhase;
  connected: boolean;
  /** Whether a server-assigned CallSid has been linked to an outbound call's temporary id yet. */
  hasServerSid: boolean;
}

const CALLSID = /^[A-Za-z0-9_-]{1,64}$/;
/** Longest `To`/`From` read from a frame; clipped to the signal's limit (lib/calls/limits.ts) when used. */
const MAX_REMOTE_READ_CHARS = MAX_READ_CHARS;
const MAX_TYPE_CHARS = 32;
/** Recently ended ids remembered so a duplicate `hangup` is recognized instead of reported as unknown. */
const ENDED_MEMORY = 32;

/** Creates a tracker; see the module comment for the frames it understands. */
export function createTwilioTracker(options: TwilioTrackerOptions = {}): TwilioTracker {
  const maxFrameChars = options.maxFrameChars ?? 131072;
  const maxCalls = options.maxCalls ?? 16;
  const toE164 = options.toE164;
  const calls = new Map<string, TrackedCall>();
  const recentlyEnded: string[] = [];

  function signal(call: TrackedCall, at: number, extra: Partial<DetectedCallSignal> = {}): DetectedCallSignal {
    const out: DetectedCallSignal = {
      callKey: call.key,
      source: 'twilio-ws',
      layer: 'signaling',
      confidence: LAYER_CONFIDENCE.signaling,
      phase: call.phase,
      direction: call.direction,
      remote: call.remote,
      at,
      ...extra,
    };
    const e164 = call.remote && toE164 ? safeE164(toE164, call.remote) : undefined;
    if (e164) out.remoteE164 = e164;
    return out;
  }

  function activeCount(): number {
    return new Set(calls.values()).size;
  }

  function forget(call: TrackedCall): void {
    for (const id of call.ids) {
      calls.delete(id);
      recentlyEnded.push(id);
    }
    while (recentlyEnded.length > ENDED_MEMORY) recentlyEnded.shift();
  }

  /** Finds a call by id; links an unknown server CallSid to the one outbound call still waiting for it. */
  function lookup(callsid: string | undefined, linkOutbound: boolean): TrackedCall | undefined {
    if (callsid === undefined) return undefined;
    const known = calls.get(callsid);
    if (known || !linkOutbound || recentlyEnded.includes(callsid)) return known;
    const waiting = [...new Set(calls.values())].filter((c) => c.direction === 'outbound' && !c.hasServerSid);
    if (waiting.length !== 1) return undefined;
    const call = waiting[0]!;
    call.ids.push(callsid);
    call.hasServerSid = true;
    calls.set(callsid, call);
    return call;
  }

  function end(
    call: TrackedCall,
    at: number,
    endedBy: HangupParty,
    endReason: EndReason,
    vendorCode?: string,
  ): DetectedCallSignal[] {
    call.phase = 'ended';
    forget(call);
    const extra: Partial<DetectedCallSignal> = { endedBy, endReason };
    if (vendorCode !== undefined) extra.vendorCode = vendorCode;
    return [signal(call, at, extra)];
  }

  function handle(type: string, payload: Record<string, unknown>, dir: FrameDirection, at: number): TwilioFrameResult {
    const rawSid = ownField(payload, 'callsid');
    const callsid = typeof rawSid === 'string' && CALLSID.test(rawSid) ? rawSid : undefined;
    if (rawSid !== undefined && callsid === undefined) return drop('bad-shape', 'payload.callsid');
    const none: TwilioFrameResult = { signals: [] };

    if (type === 'invite' && dir === 'sent') {
      // A reconnect invite resumes a call the tracker already has; it is not a new call.
      if (ownField(payload, 'reconnect') !== undefined) return none;
      if (!callsid) return drop('bad-shape', 'payload.callsid');
      if (calls.has(callsid) || recentlyEnded.includes(callsid)) return none;
      if (activeCount() >= maxCalls) return drop('too-large', 'too many calls');
      const twilio = ownRecord(payload, 'twilio');
      const remote = twilio ? cleanText(remoteFromParams(ownField(twilio, 'params')), MAX_REMOTE_CHARS) : '';
      const call: TrackedCall = {
        key: callsid,
        ids: [callsid],
        direction: 'outbound',
        remote,
        phase: 'dialing',
        connected: false,
        hasServerSid: false,
      };
      calls.set(callsid, call);
      return { signals: [signal(call, at)] };
    }

    if (type === 'invite' && dir === 'received') {
      const params = ownRecord(payload, 'parameters') ?? {};
      const sid = ownString(params, 'CallSid', 64) ?? callsid;
      if (!sid || !CALLSID.test(sid)) return drop('bad-shape', 'payload.parameters.CallSid');
      if (calls.has(sid) || recentlyEnded.includes(sid)) return none;
      if (activeCount() >= maxCalls) return drop('too-large', 'too many calls');
      const call: TrackedCall = {
        key: sid,
        ids: callsid && callsid !== sid ? [sid, callsid] : [sid],
        direction: 'inbound',
        remote: cleanText(ownString(params, 'From', MAX_REMOTE_READ_CHARS) ?? '', MAX_REMOTE_CHARS),
        phase: 'ringing',
        connected: false,
        hasServerSid: true,
      };
      for (const id of call.ids) calls.set(id, call);
      return { signals: [signal(call, at)] };
    }

    if (type === 'ringing' && dir === 'received') {
      const call = lookup(callsid, true);
      if (!call) return drop('unknown-call');
      if (call.phase !== 'dialing') return none;
      call.phase = 'ringing';
      return { signals: [signal(call, at)] };
    }

    if (type === 'answer') {
      // Received: the far end answered our outbound call. Sent: the agent accepted an incoming one.
      const call = lookup(callsid, dir === 'received');
      if (!call) return drop('unknown-call');
      if (call.connected) return none;
      if ((dir === 'received') !== (call.direction === 'outbound')) return none;
      call.connected = true;
      call.phase = 'connected';
      return { signals: [signal(call, at)] };
    }

    if (type === 'reject' && dir === 'sent') {
      const call = lookup(callsid, false);
      if (!call) return callsid && recentlyEnded.includes(callsid) ? none : drop('unknown-call');
      return { signals: end(call, at, 'local', call.connected ? 'hangup' : 'rejected') };
    }

    if (type === 'cancel' && dir === 'received') {
      const call = lookup(callsid, false);
      if (!call) return callsid && recentlyEnded.includes(callsid) ? none : drop('unknown-call');
      if (call.connected) return none;
      return { signals: end(call, at, 'remote', 'cancelled') };
    }

    if (type === 'hangup') {
      let call = lookup(callsid, false);
      // The SDK ends its only call on a hangup without a callsid; do the same, but only when unambiguous.
      if (!call && callsid === undefined) {
        const open = [...new Set(calls.values())];
        if (open.length === 1) call = open[0];
      }
      if (!call) return callsid && recentlyEnded.includes(callsid) ? none : drop('unknown-call');
      if (dir === 'sent') {
        const reason: EndReason = call.connected ? 'hangup' : call.direction === 'outbound' ? 'cancelled' : 'rejected';
        return { signals: end(call, at, 'local', reason) };
      }
      const error = ownRecord(payload, 'error');
      const code = error ? ownString(error, 'code', 16) : undefined;
      let reason: EndReason;
      if (call.connected) reason = 'hangup';
      else if (call.direction === 'inbound') reason = 'cancelled';
      else reason = error ? 'failed' : 'rejected';
      return { signals: end(call, at, 'remote', reason, code) };
    }

    return none;
  }

  return {
    handleFrame(frame, direction, at) {
      if (typeof frame !== 'string') return drop('malformed', 'not a text frame');
      if (frame.length > maxFrameChars) return drop('too-large');
      // Cheap rejection before JSON.parse: every signaling frame is a JSON object.
      if (!/^\s*\{/.test(frame.slice(0, 64))) return drop('malformed', 'not JSON');
      let parsed: unknown;
      try {
        parsed = JSON.parse(frame);
      } catch {
        return drop('malformed', 'not JSON');
      }
      if (!isPlainRecord(parsed)) return drop('bad-shape', '$');
      const type = ownField(parsed, 'type');
      if (typeof type !== 'string' || type.length > MAX_TYPE_CHARS) return drop('bad-shape', 'type');
      const payloadValue = ownField(parsed, 'payload');
      if (payloadValue !== undefined && !isPlainRecord(payloadValue)) return drop('bad-shape', 'payload');
      return handle(type, payloadValue ?? {}, direction, at);
    },
    activeCallKeys() {
      return [...new Set(calls.values())].map((c) => c.key);
    },
  };
}

function drop(reason: DropNote['reason'], detail?: string): TwilioFrameResult {
  return { signals: [], dropped: detail === undefined ? { reason } : { reason, detail } };
}

function safeE164(toE164: (raw: string) => string | undefined, raw: string): string | undefined {
  try {
    const value = toE164(raw);
    return typeof value === 'string' && /^\+\d{4,16}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `To` parameter of an outbound invite. The SDK encodes each key and value with
 * `encodeURIComponent`, so a literal `+` is a plus sign, not a space (unlike form encoding).
 */
export function remoteFromParams(params: unknown): string {
  if (isPlainRecord(params)) return ownString(params, 'To', MAX_REMOTE_READ_CHARS) ?? '';
  if (typeof params !== 'string' || params.length > 8192) return '';
  for (const pair of params.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (safeDecode(key) !== 'To') continue;
    const value = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
    return value.length <= MAX_REMOTE_READ_CHARS ? value : '';
  }
  return '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
