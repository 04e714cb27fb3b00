import type { CallSignal } from '../calls/types';
import { parseSipMessage } from '../sip/parse-sip-message';
import { createSipCallTracker } from '../sip/sip-call-tracker';
import { decodePageFrame } from './page-channel';

/** At most this many frames per second are parsed from one page; a flood beyond it is dropped. */
export const MAX_FRAMES_PER_SECOND = 200;

/**
 * The ISOLATED bridge's SIP half: takes raw channel details from the page, parses and tracks them, and hands
 * each call signal on. Lives as long as the page does (a content script, not the worker).
 */
export function createSipBridge(emit: (signal: CallSignal) => void, now: () => number = Date.now) {
  const tracker = createSipCallTracker();
  let windowStart = 0;
  let framesInWindow = 0;

  return {
    /** Feeds one channel event's detail in. Returns whether it produced a signal. */
    accept(detail: unknown): boolean {
      const t = now();
      if (t - windowStart >= 1000) {
        windowStart = t;
        framesInWindow = 0;
      }
      if (++framesInWindow > MAX_FRAMES_PER_SECOND) return false;
      const frame = decodePageFrame(detail);
      if (!frame) return false;
      const message = parseSipMessage(frame.data);
      if (!message) return false;
      const signal = tracker.observe(message, frame.wire, frame.at);
      if (signal) emit(signal);
      return signal !== undefined;
    },
    get liveDialogs(): number {
      return tracker.liveCount;
    },
  };
}
