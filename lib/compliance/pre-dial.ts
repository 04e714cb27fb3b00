/**
 * The pre-dial guard's pure half: which call signals start a check, and what the guard says about a verdict.
 * The DOM overlay (components/compliance/guard-overlay.ts) only renders what this decides.
 */
import type { CallSignal } from '../calls/types';

/** Most calls a page keeps track of before forgetting the oldest (a long shift in one tab stays small). */
export const MAX_REMEMBERED_CALLS = 200;

/**
 * Decides when to ask the background about a call: once per call, on its first outbound signal while it is
 * still being set up (dialing or ringing). A call first seen already connected or ended is not checked: the
 * guard is about stopping a call before it reaches the debtor, and the background records the breach anyway.
 */
export function createDialWatcher() {
  const seen = new Set<string>();
  return {
    /** True when this signal is the start of an outbound call not checked yet. */
    shouldCheck(signal: Pick<CallSignal, 'callKey' | 'direction' | 'phase'>): boolean {
      if (seen.has(signal.callKey)) return false;
      seen.add(signal.callKey);
      if (seen.size > MAX_REMEMBERED_CALLS) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return signal.direction === 'outbound' && (signal.phase === 'dialing' || signal.phase === 'ringing');
    },
  };
}

/** How many reasons per broken rule the overlay lists; the side panel has the full list. */
export const REASONS_SHOWN = 3;

/** Whether the agent may dismiss the warning without a reason: warn profiles, or once the call is over. */
export function mayDismiss(action: 'warn' | 'block', state: { ended: boolean; overridden: boolean }): boolean {
  return action === 'warn' || state.ended || state.overridden;
}
