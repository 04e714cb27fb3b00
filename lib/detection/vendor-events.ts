/**
 * Vendor CTI events that softphone iframes post to the host page (`window.parent.postMessage(…, '*')`),
 * read passively by the content script of the host page. Each event is accepted only from its vendor's
 * origin, bounded in size and shape, and handed to that vendor's parser (one module per vendor in
 * vendors/, listed in vendors/index.ts), which turns it into call updates.
 *
 * The reader keeps a small call book per vendor so that duplicated events (vendors do send them) and
 * repeated snapshots (Amazon Connect re-sends the whole agent snapshot on every change) produce a
 * signal only when a call's phase actually changes.
 */
import type { CallDirection, CallPhase, EndReason } from '../calls/types';
import {
  DEFAULT_SHAPE_LIMITS,
  checkShape,
  cleanText,
  parseBoundedJson,
  type RateLimiter,
  type ShapeLimits,
} from './guard';
import { compileMatchPattern, type MatchPattern } from './match-patterns';
import { LAYER_CONFIDENCE, type DetectedCallSignal, type DropNote } from './types';
import type { CallUpdate, VendorCallBook } from './vendors/define-vendor';
import { CTI_VENDORS, VENDOR_IDS, VENDOR_ORIGINS, type CtiVendor, type VendorId } from './vendors';
import { MAX_REMOTE_CHARS } from '../calls/limits';

// The registry's tables, still importable from here as before the registry existed.
export { VENDOR_IDS, VENDOR_ORIGINS, type VendorId };

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

/** Longest string event read; only vendors that post JSON text get strings parsed. */
const MAX_STRING_EVENT_CHARS = 65536;
const ENDED_MEMORY = 32;

interface BookEntry {
  key: string;
  direction: CallDirection;
  remote: string;
  phase: CallPhase;
  connected: boolean;
}

/** Per-vendor memory of open calls: turns repeated or out-of-order updates into phase changes only. */
class CallBook implements VendorCallBook {
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
    // Clipped to the signal's one limit here, where the signal is made.
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

/**
 * Creates a reader. Typical use in the host page's content script:
 * `addEventListener('message', (e) => report(reader.read({ origin: e.origin, data: e.data, at: Date.now() })))`,
 * after checking that `e.source` is a child frame rather than the page itself.
 */
export function createVendorEventReader(options: VendorEventReaderOptions = {}): VendorEventReader {
  const vendors = options.vendors ?? VENDOR_IDS;
  const limits = options.limits ?? DEFAULT_SHAPE_LIMITS;
  const maxCalls = options.maxCallsPerVendor ?? 16;
  const readers: Array<{ vendor: CtiVendor; patterns: MatchPattern[]; book: CallBook }> = [];
  for (const id of vendors) {
    const vendor = CTI_VENDORS.find((v) => v.id === id);
    if (!vendor) continue;
    const patterns = (options.origins?.[id] ?? vendor.origins)
      .map((p) => compileMatchPattern(p))
      .filter((p): p is MatchPattern => typeof p !== 'string');
    readers.push({ vendor, patterns, book: new CallBook(id, maxCalls, options.toE164) });
  }

  return {
    read(event) {
      const origin = typeof event.origin === 'string' ? event.origin : '';
      const reader = readers.find((r) => r.patterns.some((p) => p.matches(origin)));
      if (!reader) return { signals: [], dropped: { reason: 'origin-not-allowed' } };
      const vendor = reader.vendor.id;
      const drop = (note: DropNote): VendorEventResult => ({ vendor, signals: [], dropped: note });
      if (options.rateLimiter && !options.rateLimiter.tryTake()) return drop({ reason: 'rate-limited' });
      let data = event.data;
      if (typeof data === 'string') {
        if (data.length > MAX_STRING_EVENT_CHARS) return drop({ reason: 'too-large' });
        // Strings are only ever JSON text, from a vendor that says it posts it; to the others a string is no event.
        if (!reader.vendor.postsJsonText) return drop({ reason: 'bad-shape', detail: '$' });
        data = parseBoundedJson(data, MAX_STRING_EVENT_CHARS);
        if (data === undefined) return drop({ reason: 'malformed' });
      }
      const shape = checkShape(data, limits);
      if (!shape.ok) return drop({ reason: shape.reason, detail: shape.path });
      const outcome = reader.vendor.parse(data, reader.book);
      if ('dropped' in outcome) return drop(outcome.dropped);
      const signals: DetectedCallSignal[] = [];
      for (const update of outcome.updates) signals.push(...reader.book.apply(update, event.at));
      return { vendor, signals };
    },
    openCallKeys(vendor) {
      return readers.find((r) => r.vendor.id === vendor)?.book.keys() ?? [];
    },
  };
}
