import { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS } from '../calls/limits';
import type { CallSignal } from '../calls/types';
import { mergeCallSignals, type MergedCallView } from '../detection/confidence';
import { createRateLimiter } from '../detection/guard';
import { createTwilioTracker } from '../detection/twilio';
import { fromCallSignal, LAYER_CONFIDENCE, type DetectedCallSignal, type VendorId } from '../detection/types';
import { createVendorEventReader } from '../detection/vendor-events';
import { parseSipMessage } from '../sip/parse-sip-message';
import { createSipCallTracker } from '../sip/sip-call-tracker';
import { MAX_FRAME_REPORT_KEYS, type FrameCallReport } from '../protocol/call-messages';
import { decodePageFrame } from './page-channel';

/** At most this many hook frames per second are parsed from one page; a flood beyond it is dropped. */
export const MAX_FRAMES_PER_SECOND = 200;
/** Vendor `message` events read per second (sustained) and at once after a quiet spell. */
export const VENDOR_EVENTS_PER_SECOND = 20;
export const VENDOR_EVENT_BURST = 40;
/** Signals kept for the merge; the oldest go first (real pages keep a handful of calls at most). */
export const MAX_KEPT_SIGNALS = 200;
/** An ended call's signals are dropped this long after its end: the merge's grace period is long over. */
export const ENDED_KEPT_MS = 30_000;
/** Ended calls kept for the merge's grace period at most; older ones go at once, so memory does not grow per call. */
export const ENDED_CALLS_KEPT = 4;
/** Detector calls forgotten lately; a late signal about one is dropped rather than taken for a new call. */
const FORGOTTEN_KEPT = 64;

/** Options of {@link createDetectionBridge}. */
export interface DetectionBridgeOptions {
  /** Hands one merged call signal on (to the background). */
  emit(signal: CallSignal): void;
  now?: () => number;
  /** Replaces vendors' origin patterns (enterprise settings; e2e tests point one at a local origin). */
  vendorOrigins?: Partial<Record<VendorId, readonly string[]>>;
}

/** A `message` event as the ISOLATED bridge saw it. */
export interface PageMessage {
  origin: string;
  data: unknown;
  /** Whether `event.source` is one of this window's child frames (never the window itself). */
  fromChildFrame: boolean;
}

/**
 * The ISOLATED bridge of one frame: every layer's detector (SIP and Twilio frames from the MAIN-world hook, vendor
 * CTI events, DOM rule signals), merged into one view per call with confidence.ts, so that the same call seen
 * by two layers reaches the background as one call. Each emitted signal carries the view's stable key, its
 * phase, number and confidence, and the source of the layer that decided the phase.
 */
export function createDetectionBridge(options: DetectionBridgeOptions) {
  const now = options.now ?? Date.now;
  const sip = createSipCallTracker();
  const twilio = createTwilioTracker();
  const vendorLimiter = createRateLimiter({ perSecond: VENDOR_EVENTS_PER_SECOND, burst: VENDOR_EVENT_BURST, now });
  const makeVendorReader = (origins?: Partial<Record<VendorId, readonly string[]>>) =>
    createVendorEventReader(origins ? { rateLimiter: vendorLimiter, origins } : { rateLimiter: vendorLimiter });
  let vendors = makeVendorReader(options.vendorOrigins);
  const frameLimiter = createRateLimiter({ perSecond: MAX_FRAMES_PER_SECOND, burst: MAX_FRAMES_PER_SECOND, now });
  let signals: DetectedCallSignal[] = [];
  /** What was last emitted per reported key (its fingerprint and the signal), so unchanged views send nothing. */
  const lastEmitted = new Map<string, { fingerprint: string; signal: CallSignal }>();
  /**
   * The key each detector call was reported under. A view's own key is its earliest member's, which changes when
   * a layer that saw the call earlier is heard later (the hook's frames come a task late over their port, after
   * the DOM rule may have reported the call): the call keeps the key the background first heard.
   */
  const reportedKey = new Map<string, string>();

  const forgotten: string[] = [];

  function feed(incoming: readonly DetectedCallSignal[]): number {
    let emitted = 0;
    for (const signal of incoming) {
      if (forgotten.includes(`${signal.source}:${signal.callKey}`)) continue;
      signals.push(signal);
      if (signals.length > MAX_KEPT_SIGNALS) signals = signals.slice(-MAX_KEPT_SIGNALS);
      const views = mergeCallSignals(signals);
      const memberKey = `${signal.source}:${signal.callKey}`;
      const view = views.find((v) => v.members.some((m) => `${m.source}:${m.callKey}` === memberKey));
      if (view && emitView(view, signal)) emitted += 1;
      prune(views);
    }
    return emitted;
  }

  function emitView(view: MergedCallView, trigger: DetectedCallSignal): boolean {
    const decider = signals.filter((s) => s.layer === view.decidedBy && view.members.some((m) => m.source === s.source && m.callKey === s.callKey)).at(-1) ?? trigger;
    const memberKeys = view.members.map((m) => `${m.source}:${m.callKey}`);
    const key = memberKeys.map((member) => reportedKey.get(member)).find((known) => known !== undefined) ?? view.key;
    const out: CallSignal = {
      // The background refuses longer keys; a Call-ID that long is already an oddity.
      callKey: key.slice(0, MAX_CALL_KEY_CHARS),
      source: decider.source,
      phase: view.phase,
      direction: view.direction,
      // The one limit of the protocol, applied where the signal is made: a long number is clipped, not refused.
      remote: view.remote.slice(0, MAX_REMOTE_CHARS),
      at: trigger.at,
      confidence: view.confidence,
    };
    if (view.remoteE164) out.remoteE164 = view.remoteE164;
    if (view.phase === 'ended') {
      if (view.endedBy) out.endedBy = view.endedBy;
      if (view.endReason) out.endReason = view.endReason;
      if (decider.status !== undefined) out.status = decider.status;
      if (decider.vendorCode !== undefined) out.vendorCode = decider.vendorCode;
    }
    const fingerprint = `${out.phase}|${out.remote}|${out.confidence}`;
    const previous = lastEmitted.get(key)?.fingerprint;
    // A call first seen as ended is no news (and no call): e.g. a DOM panel closing after its call was forgotten.
    if (previous === undefined && out.phase === 'ended') return false;
    // An end is final: once reported, later agreement from another layer is not news.
    if (previous === fingerprint || previous?.startsWith('ended|')) return false;
    lastEmitted.set(key, { fingerprint, signal: out });
    for (const member of memberKeys) reportedKey.set(member, key);
    options.emit(out);
    return true;
  }

  /** Forgets calls that ended long ago, so memory does not grow with each call. */
  function prune(views: readonly MergedCallView[]): void {
    const cutoff = now() - ENDED_KEPT_MS;
    const ended = views.filter((v) => v.phase === 'ended').sort((a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt));
    const gone = ended.filter((v, rank) => rank >= ENDED_CALLS_KEPT || (v.endedAt ?? v.updatedAt) < cutoff);
    if (gone.length === 0) return;
    const goneMembers = new Set(gone.flatMap((v) => v.members.map((m) => `${m.source}:${m.callKey}`)));
    signals = signals.filter((s) => !goneMembers.has(`${s.source}:${s.callKey}`));
    for (const member of goneMembers) {
      const key = reportedKey.get(member);
      if (key !== undefined) lastEmitted.delete(key);
      reportedKey.delete(member);
    }
    for (const v of gone) lastEmitted.delete(v.key);
    forgotten.push(...goneMembers);
    if (forgotten.length > FORGOTTEN_KEPT) forgotten.splice(0, forgotten.length - FORGOTTEN_KEPT);
  }

  return {
    /** Feeds one message off the hook's channel (a SIP, Twilio or media frame). Returns how many signals it emitted. */
    acceptFrame(detail: unknown): number {
      if (!frameLimiter.tryTake()) return 0;
      const frame = decodePageFrame(detail);
      if (!frame) return 0;
      if (frame.kind === 'twilio') return feed(twilio.handleFrame(frame.data, frame.wire, frame.at).signals);
      if (frame.kind === 'media') return feed([mediaSignal(frame.data, frame.at)]);
      const message = parseSipMessage(frame.data);
      if (!message) return 0;
      const signal = sip.observe(message, frame.wire, frame.at);
      return signal ? feed([fromCallSignal(signal)]) : 0;
    },
    /**
     * Reads one window `message` event. Only events from a child frame are read: a page can post to itself with
     * its own origin, and a vendor's CTI iframe is always a child of the page that embeds it.
     */
    acceptMessage(message: PageMessage): number {
      if (!message.fromChildFrame) return 0;
      return feed(vendors.read({ origin: message.origin, data: message.data, at: now() }).signals);
    },
    /** Replaces vendors' origin patterns once settings have loaded (open vendor calls start over). */
    useVendorOrigins(origins: Partial<Record<VendorId, readonly string[]>>): void {
      vendors = makeVendorReader(origins);
    },
    /** Feeds signals from the DOM rule tracker. */
    acceptDom(domSignals: readonly DetectedCallSignal[]): number {
      return feed(domSignals);
    },
    /**
     * The page is going away (`pagehide`: reload, navigation, tab closed, or the back/forward cache): a last
     * signal per live call, ended with `ended-unknown`, since nobody saw how the call ended. The calls count as
     * ended here too, so a page restored from the back/forward cache does not report them again. Returns how
     * many it ended.
     */
    endLiveCalls(): number {
      let ended = 0;
      for (const [key, last] of lastEmitted) {
        if (last.signal.phase === 'ended') continue;
        const { status: _status, vendorCode: _vendorCode, ...rest } = last.signal;
        const out: CallSignal = { ...rest, phase: 'ended', at: now(), endedBy: 'unknown', endReason: 'ended-unknown' };
        lastEmitted.set(key, { fingerprint: `ended|${out.remote}|${out.confidence}`, signal: out });
        options.emit(out);
        ended += 1;
      }
      return ended;
    },
    /**
     * The keys of the calls this frame has reported, live and ended (as long as it remembers them; the most
     * recent when there are more than a report holds), for the background's question after a worker restart: a
     * call it does not name is not this document's.
     */
    reportedCalls(): Omit<FrameCallReport, 'startedAt'> {
      const live: string[] = [];
      const ended: string[] = [];
      for (const { signal } of lastEmitted.values()) (signal.phase === 'ended' ? ended : live).push(signal.callKey);
      return { live: live.slice(-MAX_FRAME_REPORT_KEYS), ended: ended.slice(-MAX_FRAME_REPORT_KEYS) };
    },
    /** Signals currently kept (for tests and the benchmark's leak check). */
    get keptSignals(): number {
      return signals.length;
    },
  };
}

/** The bridge of one frame. */
export type DetectionBridge = ReturnType<typeof createDetectionBridge>;

/** The part of a window used to tell its child frames. */
export interface FramesHost {
  readonly frames: { readonly length: number; readonly [index: number]: unknown };
}

/** Whether `source` (a `MessageEvent.source`) is one of `host`'s direct child frames. */
export function isChildFrame(host: FramesHost, source: unknown): boolean {
  if (source === null || source === undefined || source === host) return false;
  const { frames } = host;
  // Bounded: a page with thousands of frames is no dialer.
  for (let i = 0; i < frames.length && i < 256; i += 1) if (frames[i] === source) return true;
  return false;
}

/**
 * A peer connection's `connected` as a media-layer signal. It carries no identity or direction (the merge
 * ignores both for media) and only raises the confidence of a call another layer already reported.
 */
function mediaSignal(data: string, at: number): DetectedCallSignal {
  return {
    callKey: `media:${data.split(':')[0] ?? '0'}`,
    source: 'media',
    layer: 'media',
    confidence: LAYER_CONFIDENCE.media,
    phase: 'connected',
    direction: 'outbound',
    remote: '',
    at,
  };
}
