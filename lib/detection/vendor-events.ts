/**
 * Vendor CTI events that softphone iframes post to the host page (`window.parent.postMessage(…, '*')`),
 * read passively by the content script of the host page. Each event is accepted only from its vendor's
 * origin, bounded in size and shape, and turned into zero or more {@link DetectedCallSignal}s.
 *
 * The reader keeps a small call book per vendor so that duplicated events (vendors do send them) and
 * repeated snapshots (Amazon Connect re-sends the whole agent snapshot on every change) produce a
 * signal only when a call's phase actually changes.
 *
 * Field names marked "assumed" in lib/detection/README.md come from vendor examples rather than a
 * vendor contract; every parser treats fields as optional where it can and drops what it cannot place.
 */
import type { CallDirection, CallPhase, EndReason, HangupParty } from '../calls/types';
import {
  DEFAULT_SHAPE_LIMITS,
  checkShape,
  cleanText,
  isPlainRecord,
  ownField,
  ownRecord,
  ownString,
  parseBoundedJson,
  type RateLimiter,
  type ShapeLimits,
} from './guard';
import { compileMatchPattern, type MatchPattern } from './match-patterns';
import { LAYER_CONFIDENCE, type DetectedCallSignal, type DropNote, type VendorId } from './types';

/**
 * Origins each vendor's CTI iframe posts from (match patterns, see match-patterns.ts). Only events
 * whose `MessageEvent.origin` matches are read.
 */
export const VENDOR_ORIGINS: Readonly<Record<VendorId, readonly string[]>> = Object.freeze({
  ringcentral: ['https://apps.ringcentral.com'],
  aircall: ['https://workspace.aircall.io'],
  'amazon-connect': ['https://*.my.connect.aws', 'https://*.awsapps.com'],
  'zoom-phone': ['https://applications.zoom.us'],
  'genesys-cloud': [
    'https://apps.mypurecloud.com',
    'https://apps.mypurecloud.ie',
    'https://apps.mypurecloud.de',
    'https://apps.mypurecloud.jp',
    'https://apps.mypurecloud.com.au',
    'https://apps.*.pure.cloud',
  ],
});

/** Every vendor this module reads, in a stable order. */
export const VENDOR_IDS: readonly VendorId[] = Object.freeze([
  'ringcentral',
  'aircall',
  'amazon-connect',
  'zoom-phone',
  'genesys-cloud',
]);

/** One `message` event as the content script saw it. */
export interface VendorEventInput {
  /** `MessageEvent.origin`. */
  origin: string;
  /** `MessageEvent.data`: untrusted. */
  data: unknown;
  /** Epoch ms at which the event arrived. */
  at: number;
}

/** What one event produced: the vendor it was attributed to, signals, or why it was dropped. */
export interface VendorEventResult {
  vendor?: VendorId;
  signals: DetectedCallSignal[];
  dropped?: DropNote;
}

/** Options of {@link createVendorEventReader}. */
export interface VendorEventReaderOptions {
  /** Vendors to read; default all of {@link VENDOR_IDS}. */
  vendors?: readonly VendorId[];
  /** Replaces the origin patterns of the named vendors (e.g. an enterprise's own Genesys region). */
  origins?: Partial<Record<VendorId, readonly string[]>>;
  /** Normalizes a remote number to E.164; injected so this module does not pull in phone metadata itself. */
  toE164?: (raw: string) => string | undefined;
  /** Size and shape bounds applied to every event before parsing. */
  limits?: ShapeLimits;
  /** Shared limiter; an event that finds no token is dropped as `rate-limited`. */
  rateLimiter?: RateLimiter;
  /** Most open calls per vendor; events about further calls are dropped. Default 16. */
  maxCallsPerVendor?: number;
}

/** A stateful reader for the vendor events of one page. */
export interface VendorEventReader {
  /** Reads one `message` event. */
  read(event: VendorEventInput): VendorEventResult;
  /** Keys of open calls per vendor (for diagnostics and tests). */
  openCallKeys(vendor: VendorId): string[];
}

/** Which vendor an origin belongs to under the default patterns, if any. */
export function vendorForOrigin(origin: string, origins: Readonly<Record<VendorId, readonly string[]>> = VENDOR_ORIGINS): VendorId | undefined {
  for (const vendor of VENDOR_IDS) {
    for (const pattern of origins[vendor]) {
      const compiled = compileMatchPattern(pattern);
      if (typeof compiled !== 'string' && compiled.matches(origin)) return vendor;
    }
  }
  return undefined;
}

const MAX_ID_CHARS = 128;
const MAX_REMOTE_CHARS = 128;
const MAX_TYPE_CHARS = 64;
const MAX_STRING_EVENT_CHARS = 65536;
const ENDED_MEMORY = 32;
const MAX_SNAPSHOT_CONTACTS = 20;

/** What a parser wants to say about one call; the call book decides whether it is news. */
interface CallUpdate {
  key: string;
  phase: CallPhase;
  direction?: CallDirection;
  remote?: string;
  endedBy?: HangupParty;
  endReason?: EndReason;
}

interface BookEntry {
  key: string;
  direction: CallDirection;
  remote: string;
  phase: CallPhase;
  connected: boolean;
}

/** Per-vendor memory of open calls: turns repeated or out-of-order updates into phase changes only. */
class CallBook {
  private readonly open = new Map<string, BookEntry>();
  private readonly ended: string[] = [];
  /** The call most recently started, for vendor events that omit the call id. */
  latestKey: string | undefined;
  private sequence = 0;

  constructor(
    private readonly vendor: VendorId,
    private readonly maxCalls: number,
    private readonly toE164: ((raw: string) => string | undefined) | undefined,
  ) {}

  keys(): string[] {
    return [...this.open.keys()];
  }

  has(key: string): boolean {
    return this.open.has(key);
  }

  /** A key for a vendor event that names no call, unique within this book. */
  syntheticKey(): string {
    this.sequence += 1;
    return `${this.vendor}-${this.sequence}`;
  }

  /** Applies an update and returns the signal it amounts to, if any. */
  apply(update: CallUpdate, at: number): DetectedCallSignal[] {
    if (this.ended.includes(update.key)) return [];
    let entry = this.open.get(update.key);
    const remote = update.remote ? cleanText(update.remote, MAX_REMOTE_CHARS) : '';
    if (!entry) {
      // A call first heard of as ended happened before we were listening: nothing to report.
      if (update.phase === 'ended' || this.open.size >= this.maxCalls) return [];
      entry = {
        key: update.key,
        direction: update.direction ?? (update.phase === 'ringing' ? 'inbound' : 'outbound'),
        remote,
        phase: update.phase,
        connected: update.phase === 'connected' || update.phase === 'held',
      };
      this.open.set(update.key, entry);
      this.latestKey = update.key;
      return [this.signal(entry, at)];
    }

    const remoteChanged = remote !== '' && remote !== entry.remote;
    if (remoteChanged) entry.remote = remote;
    if (update.phase === entry.phase && !remoteChanged) return [];
    // Late pre-answer events after the call connected are stale, not a new ring.
    if (entry.connected && (update.phase === 'dialing' || update.phase === 'ringing')) return [];
    // Vendors sometimes report an outbound call as ringing before dialing; never step back.
    if (entry.phase === 'ringing' && update.phase === 'dialing') return [];

    if (update.phase === 'ended') {
      entry.phase = 'ended';
      this.open.delete(entry.key);
      this.ended.push(entry.key);
      while (this.ended.length > ENDED_MEMORY) this.ended.shift();
      if (this.latestKey === entry.key) this.latestKey = undefined;
      return [
        this.signal(entry, at, {
          endedBy: update.endedBy ?? 'unknown',
          endReason: update.endReason ?? defaultEndReason(entry),
        }),
      ];
    }

    entry.phase = update.phase;
    if (update.phase === 'connected' || update.phase === 'held') entry.connected = true;
    return [this.signal(entry, at)];
  }

  private signal(entry: BookEntry, at: number, extra: Partial<DetectedCallSignal> = {}): DetectedCallSignal {
    const out: DetectedCallSignal = {
      callKey: entry.key,
      source: this.vendor,
      layer: 'cti',
      confidence: LAYER_CONFIDENCE.cti,
      phase: entry.phase,
      direction: entry.direction,
      remote: entry.remote,
      at,
      ...extra,
    };
    if (entry.remote && this.toE164) {
      try {
        const e164 = this.toE164(entry.remote);
        if (typeof e164 === 'string' && /^\+\d{4,16}$/.test(e164)) out.remoteE164 = e164;
      } catch {
        // A failing normalizer must not lose the signal; the raw number is still there.
      }
    }
    return out;
  }
}

/**
 * The end reason when a vendor does not say: a connected call was hung up; an inbound call that never
 * connected was missed (the caller gave up or it timed out); an outbound one failed to connect.
 */
function defaultEndReason(entry: BookEntry): EndReason {
  if (entry.connected) return 'hangup';
  return entry.direction === 'inbound' ? 'cancelled' : 'failed';
}

type ParseOutcome = { updates: CallUpdate[] } | { dropped: DropNote };
type VendorParser = (data: unknown, book: CallBook, limits: ShapeLimits) => ParseOutcome;

/**
 * Creates a reader. Typical use in the host page's content script:
 * `addEventListener('message', (e) => report(reader.read({ origin: e.origin, data: e.data, at: Date.now() })))`,
 * after checking that `e.source` is a child frame rather than the page itself.
 */
export function createVendorEventReader(options: VendorEventReaderOptions = {}): VendorEventReader {
  const vendors = options.vendors ?? VENDOR_IDS;
  const limits = options.limits ?? DEFAULT_SHAPE_LIMITS;
  const maxCalls = options.maxCallsPerVendor ?? 16;
  const matchers: Array<{ vendor: VendorId; patterns: MatchPattern[] }> = [];
  const books = new Map<VendorId, CallBook>();
  for (const vendor of vendors) {
    const patterns = (options.origins?.[vendor] ?? VENDOR_ORIGINS[vendor])
      .map((p) => compileMatchPattern(p))
      .filter((p): p is MatchPattern => typeof p !== 'string');
    matchers.push({ vendor, patterns });
    books.set(vendor, new CallBook(vendor, maxCalls, options.toE164));
  }

  return {
    read(event) {
      const origin = typeof event.origin === 'string' ? event.origin : '';
      const vendor = matchers.find((m) => m.patterns.some((p) => p.matches(origin)))?.vendor;
      if (!vendor) return { signals: [], dropped: { reason: 'origin-not-allowed' } };
      if (options.rateLimiter && !options.rateLimiter.tryTake()) {
        return { vendor, signals: [], dropped: { reason: 'rate-limited' } };
      }
      // Strings are only ever JSON text (Genesys); their parser bounds and parses them itself.
      if (typeof event.data === 'string') {
        if (event.data.length > MAX_STRING_EVENT_CHARS) return { vendor, signals: [], dropped: { reason: 'too-large' } };
      } else {
        const shape = checkShape(event.data, limits);
        if (!shape.ok) return { vendor, signals: [], dropped: { reason: shape.reason, detail: shape.path } };
      }
      const book = books.get(vendor)!;
      const outcome = PARSERS[vendor](event.data, book, limits);
      if ('dropped' in outcome) return { vendor, signals: [], dropped: outcome.dropped };
      const signals: DetectedCallSignal[] = [];
      for (const update of outcome.updates) signals.push(...book.apply(update, event.at));
      return { vendor, signals };
    },
    openCallKeys(vendor) {
      return books.get(vendor)?.keys() ?? [];
    },
  };
}

function dropped(reason: DropNote['reason'], detail?: string): ParseOutcome {
  return { dropped: detail === undefined ? { reason } : { reason, detail } };
}

function directionOf(value: unknown): CallDirection | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'inbound' || v === 'incoming') return 'inbound';
  if (v === 'outbound' || v === 'outgoing') return 'outbound';
  return undefined;
}

/** A party given as a string or as an object with a number field. */
function partyNumber(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= MAX_REMOTE_CHARS ? value : undefined;
  if (!isPlainRecord(value)) return undefined;
  return (
    ownString(value, 'phoneNumber', MAX_REMOTE_CHARS) ??
    ownString(value, 'number', MAX_REMOTE_CHARS) ??
    ownString(value, 'extensionNumber', MAX_REMOTE_CHARS)
  );
}

// ---------------------------------------------------------------------------------------------
// RingCentral Embeddable: {type: 'rc-call-*-notify', call: {id, direction, from, to, ...}}

const RINGCENTRAL_PHASES: Readonly<Record<string, CallPhase | 'mute' | 'start'>> = {
  'rc-call-ring-notify': 'ringing',
  'rc-call-init-notify': 'dialing',
  'rc-call-start-notify': 'start',
  'rc-call-hold-notify': 'held',
  'rc-call-resume-notify': 'connected',
  'rc-call-end-notify': 'ended',
  'rc-call-mute-notify': 'mute',
};

function parseRingCentral(data: unknown): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined) return dropped('bad-shape', 'type');
  const mapped = Object.prototype.hasOwnProperty.call(RINGCENTRAL_PHASES, type) ? RINGCENTRAL_PHASES[type] : undefined;
  if (!mapped) return dropped('unknown-type');
  if (mapped === 'mute') return { updates: [] };
  const call = ownRecord(data, 'call');
  if (!call) return dropped('bad-shape', 'call');
  const key =
    ownString(call, 'id', MAX_ID_CHARS) ??
    ownString(call, 'telephonySessionId', MAX_ID_CHARS) ??
    ownString(call, 'sessionId', MAX_ID_CHARS);
  if (!key) return dropped('bad-shape', 'call.id');
  const direction = directionOf(ownField(call, 'direction'));
  if (!direction) return dropped('bad-shape', 'call.direction');
  const remote = partyNumber(ownField(call, direction === 'inbound' ? 'from' : 'to'));
  let phase: CallPhase;
  if (mapped === 'start') {
    // For an outbound VoIP call RingCentral fires "start" while the far end is still ringing; only
    // an explicit telephony status says it was answered.
    const status = ownString(call, 'telephonyStatus', 32);
    phase = direction === 'inbound' || status === 'CallConnected' ? 'connected' : 'ringing';
  } else {
    phase = mapped;
  }
  const update: CallUpdate = { key, phase, direction };
  if (remote) update.remote = remote;
  return { updates: [update] };
}

// ---------------------------------------------------------------------------------------------
// Aircall Everywhere: {name: 'apm_phone_*', value: {...}}

function parseAircall(data: unknown, book: CallBook): ParseOutcome {
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

// ---------------------------------------------------------------------------------------------
// Amazon Connect Streams conduit: {event: 'agent::update', data: {snapshot: {contacts: [...]}}}

const CONNECT_VOICE_TYPES = new Set(['voice', 'queue_callback']);

function stateType(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= 32 ? value.toLowerCase() : undefined;
  if (!isPlainRecord(value)) return undefined;
  return ownString(value, 'type', 32)?.toLowerCase();
}

function parseAmazonConnect(data: unknown, book: CallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const event = ownString(data, 'event', MAX_TYPE_CHARS);
  if (event === undefined) return dropped('bad-shape', 'event');
  if (event !== 'agent::update') return dropped('unknown-type');
  const snapshot = ownRecord(ownRecord(data, 'data') ?? {}, 'snapshot');
  if (!snapshot) return dropped('bad-shape', 'data.snapshot');
  const contacts = ownField(snapshot, 'contacts');
  if (!Array.isArray(contacts)) return dropped('bad-shape', 'data.snapshot.contacts');
  if (contacts.length > MAX_SNAPSHOT_CONTACTS) return dropped('too-large', 'data.snapshot.contacts');

  const updates: CallUpdate[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < contacts.length; i += 1) {
    const contact: unknown = contacts[i];
    const path = `data.snapshot.contacts[${i}]`;
    if (!isPlainRecord(contact)) return dropped('bad-shape', path);
    const key = ownString(contact, 'contactId', MAX_ID_CHARS);
    if (!key) return dropped('bad-shape', `${path}.contactId`);
    const type = ownString(contact, 'type', 32);
    if (type !== undefined && !CONNECT_VOICE_TYPES.has(type)) continue;
    const connections = ownField(contact, 'connections');
    if (connections !== undefined && !Array.isArray(connections)) return dropped('bad-shape', `${path}.connections`);
    const update = connectContactUpdate(key, type, stateType(ownField(contact, 'state')), connections ?? []);
    if (!update) return dropped('bad-shape', path);
    seen.add(key);
    updates.push(update);
  }
  // A contact that vanished from the snapshot is over, even if we missed its last state.
  for (const key of book.keys()) {
    if (!seen.has(key)) updates.push({ key, phase: 'ended' });
  }
  return { updates };
}

function connectContactUpdate(
  key: string,
  type: string | undefined,
  contactState: string | undefined,
  connections: unknown[],
): CallUpdate | undefined {
  let agent: Record<string, unknown> | undefined;
  const parties: Array<Record<string, unknown>> = [];
  for (const c of connections) {
    if (!isPlainRecord(c)) return undefined;
    const ctype = ownString(c, 'type', 32);
    if (ctype === 'agent') agent ??= c;
    else if (ctype === 'inbound' || ctype === 'outbound') parties.push(c);
  }
  const customer = parties.find((c) => ownField(c, 'initial') === true) ?? parties[0];
  const direction: CallDirection =
    type === 'queue_callback' || (customer && ownString(customer, 'type', 32) === 'outbound') ? 'outbound' : 'inbound';
  const customerState = customer ? stateType(ownField(customer, 'state')) : undefined;
  const agentState = agent ? stateType(ownField(agent, 'state')) : undefined;
  const endpoint = customer ? ownRecord(customer, 'endpoint') : undefined;
  const remote = endpoint ? ownString(endpoint, 'phoneNumber', MAX_REMOTE_CHARS) : undefined;

  const update: CallUpdate = { key, direction, phase: 'ringing' };
  if (remote) update.remote = remote;

  if (contactState === 'missed') return { ...update, phase: 'ended', endReason: 'cancelled' };
  if (contactState === 'rejected') return { ...update, phase: 'ended', endedBy: 'local', endReason: 'rejected' };
  if (contactState === 'error') return { ...update, phase: 'ended', endReason: 'failed' };
  const customerGone = customerState === 'disconnected';
  const agentGone = agentState === 'disconnected';
  if (contactState === 'ended' || customerGone || agentGone) {
    const endedBy: HangupParty = customerGone && !agentGone ? 'remote' : agentGone && !customerGone ? 'local' : 'unknown';
    return { ...update, phase: 'ended', endedBy };
  }
  if (contactState === 'incoming' || contactState === 'pending') return { ...update, phase: 'ringing' };
  if (customerState === 'hold' || agentState === 'hold') return { ...update, phase: 'held' };
  // Inbound: the customer leg is connected to Connect from the IVR on; the call is the agent's only
  // once the agent leg is connected too.
  if (customerState === 'connected' && (agentState === undefined || agentState === 'connected')) {
    return { ...update, phase: 'connected' };
  }
  if (customerState === 'connecting') return update;
  if (customerState === 'init' || contactState === 'init' || contactState === 'connecting') {
    return { ...update, phase: direction === 'outbound' ? 'dialing' : 'ringing' };
  }
  if (contactState === 'connected') return { ...update, phase: 'connected' };
  return direction === 'outbound' ? { ...update, phase: 'dialing' } : update;
}

// ---------------------------------------------------------------------------------------------
// Zoom Phone Smart Embed: {type: 'zp-call-*-event', data: {...}} (payload fields assumed)

const ZOOM_PHASES: Readonly<Record<string, CallPhase>> = {
  'zp-call-ringing-event': 'ringing',
  'zp-call-connected-event': 'connected',
  'zp-call-ended-event': 'ended',
};

function parseZoom(data: unknown, book: CallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined || !type.startsWith('zp-')) return dropped('bad-shape', 'type');
  const phase = Object.prototype.hasOwnProperty.call(ZOOM_PHASES, type) ? ZOOM_PHASES[type] : undefined;
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

// ---------------------------------------------------------------------------------------------
// Genesys Cloud Embeddable Framework, when the customer's framework.js forwards its subscription:
// JSON.stringify({type: 'interactionSubscription', data: {category, interaction}}) (field names assumed)

const GENESYS_PHASES: Readonly<Record<string, CallPhase>> = {
  ALERTING: 'ringing',
  DIALING: 'dialing',
  CONTACTING: 'dialing',
  CONNECTED: 'connected',
  HELD: 'held',
  DISCONNECTED: 'ended',
  TERMINATED: 'ended',
};

function parseGenesys(data: unknown, book: CallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined) return dropped('bad-shape', 'type');
  if (type !== 'interactionSubscription') return dropped('unknown-type');
  const body = ownRecord(data, 'data');
  if (!body) return dropped('bad-shape', 'data');
  const category = ownString(body, 'category', 32);
  if (category === undefined) return dropped('bad-shape', 'data.category');
  let interaction = ownRecord(body, 'interaction');
  // A "change" carries {old, new}; the new state is what counts.
  if (interaction && category === 'change') interaction = ownRecord(interaction, 'new');
  if (!interaction) return dropped('bad-shape', 'data.interaction');
  const key = ownString(interaction, 'id', MAX_ID_CHARS);
  if (!key) return dropped('bad-shape', 'data.interaction.id');
  for (const flag of ['isChat', 'isEmail', 'isMessage', 'isVoicemail']) {
    if (ownField(interaction, flag) === true) return dropped('not-voice');
  }

  const direction = directionOf(ownField(interaction, 'direction'));
  const state = ownString(interaction, 'state', 32)?.toUpperCase();
  let phase: CallPhase | undefined = state && Object.prototype.hasOwnProperty.call(GENESYS_PHASES, state) ? GENESYS_PHASES[state] : undefined;
  if (ownField(interaction, 'isDisconnected') === true || category === 'disconnect' || category === 'acw' || category === 'deallocate') {
    phase = 'ended';
  } else if (ownField(interaction, 'isHeld') === true) {
    phase = 'held';
  } else if (!phase && ownField(interaction, 'isConnected') === true) {
    phase = 'connected';
  }
  if (!phase) {
    // An "add" without a state we know is a new interaction being offered.
    if (category !== 'add') return dropped('bad-shape', 'data.interaction.state');
    phase = direction === 'outbound' ? 'dialing' : 'ringing';
  }
  if (phase === 'ended' && !book.has(key)) return { updates: [] };

  const update: CallUpdate = { key, phase };
  if (direction) update.direction = direction;
  const remote =
    ownString(interaction, 'phone', MAX_REMOTE_CHARS) ??
    ownString(interaction, direction === 'outbound' ? 'calledNumber' : 'ani', MAX_REMOTE_CHARS) ??
    ownString(interaction, 'displayAddress', MAX_REMOTE_CHARS);
  if (remote) update.remote = remote;
  return { updates: [update] };
}

/** Genesys forwards are often JSON strings; the other vendors post objects. */
function parseGenesysEvent(data: unknown, book: CallBook, limits: ShapeLimits): ParseOutcome {
  if (typeof data === 'string') {
    const parsed = parseBoundedJson(data, MAX_STRING_EVENT_CHARS);
    if (parsed === undefined) return dropped(data.length > MAX_STRING_EVENT_CHARS ? 'too-large' : 'malformed');
    const shape = checkShape(parsed, limits);
    if (!shape.ok) return dropped(shape.reason, shape.path);
    return parseGenesys(parsed, book);
  }
  return parseGenesys(data, book);
}

const PARSERS: Readonly<Record<VendorId, VendorParser>> = {
  ringcentral: parseRingCentral,
  aircall: parseAircall,
  'amazon-connect': parseAmazonConnect,
  'zoom-phone': parseZoom,
  'genesys-cloud': parseGenesysEvent,
};
