import { readDomCallState, createDomCallTracker, createDomWatchScheduler, domObserverInit, type DomRule } from '../detection/dom-rules';
import type { DetectedCallSignal } from '../detection/types';

/** What {@link watchDomRule} needs from the page. */
export interface DomWatchHost {
  document: Document;
  MutationObserver: typeof MutationObserver;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Runs one DOM rule in a page, cheaply: the observer watches only the rule's container (found lazily, since the
 * dialer may render it late), with the rule's attribute filter; mutations only mark the view dirty and one
 * evaluation runs per batch; with no call on screen for a minute the observer disconnects until {@link wake}
 * (a pointer or key event, focus, or a signal from another layer). Returns the controls.
 */
export function watchDomRule(
  host: DomWatchHost,
  rule: DomRule,
  emit: (signals: DetectedCallSignal[]) => void,
  now: () => number = Date.now,
) {
  const tracker = createDomCallTracker(rule);
  let container: Element | null = null;
  const observer = new host.MutationObserver(() => scheduler.markDirty());

  function findContainer(): Element | null {
    if (container?.isConnected) return container;
    const selector = rule.selectors.container;
    try {
      container = selector ? host.document.querySelector(selector) : host.document.body;
    } catch {
      container = null;
    }
    return container;
  }

  const scheduler = createDomWatchScheduler({
    timers: {
      setTimeout: (callback, ms) => host.setTimeout(callback, ms),
      clearTimeout: (handle) => host.clearTimeout(handle),
      now,
    },
    observe() {
      const target = findContainer();
      if (target) observer.observe(target, domObserverInit(rule));
    },
    unobserve() {
      observer.disconnect();
    },
    evaluate() {
      const target = findContainer();
      if (!target) return false;
      const state = readDomCallState(target, rule);
      const signals = tracker.update(state, now());
      if (signals.length > 0) emit(signals);
      return state.inCall || state.incoming;
    },
  });

  return {
    /** A hint that a call may start: (re)connects the observer and evaluates once. */
    wake(): void {
      // A container that appeared since the observer was connected needs a fresh observe.
      if (scheduler.mode() === 'watching' && container && !container.isConnected) {
        observer.disconnect();
        if (findContainer()) observer.observe(container!, domObserverInit(rule));
      } else if (scheduler.mode() === 'watching' && !container && findContainer()) {
        observer.observe(container!, domObserverInit(rule));
      }
      scheduler.wake();
    },
    stop(): void {
      scheduler.stop();
      observer.disconnect();
    },
    mode: () => scheduler.mode(),
    stats: () => scheduler.stats(),
  };
}
