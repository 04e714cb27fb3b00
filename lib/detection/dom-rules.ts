/**
 * DOM rules: the last-resort detection layer, kept as data so a script pack can update selectors for a
 * dialer's new UI without a release.
 *
 * - {@link parseDomRules} validates untrusted rule data (from a script pack) with path-addressed errors.
 * - {@link readDomCallState} reads one snapshot of a page's call UI through a minimal query interface,
 *   so it runs on a real document, a linkedom document or a hand-written fake alike.
 * - {@link createDomCallTracker} turns successive snapshots into call signals.
 * - {@link createDomWatchScheduler} models how the content script observes: narrowly, batching
 *   mutations behind a dirty flag, and disconnecting when no call is on screen.
 */
import type { CallDirection, CallPhase } from '../calls/types';
import { cleanText, isPlainRecord } from './guard';
import { compileMatchPattern } from './match-patterns';
import { LAYER_CONFIDENCE, type DetectedCallSignal } from './types';

/** CSS selectors for the parts of a dialer's call UI. All optional; a rule needs at least one signal selector. */
export interface DomRuleSelectors {
  /**
   * The narrowest element containing all call UI; the observer attaches there (else to `body`).
   * Not itself a call signal.
   */
  container?: string;
  /** The hang-up button: shown while a call (or an outbound attempt) is live. */
  hangupControl?: string;
  /** The running call timer: shown with digits once the call is answered. */
  callTimer?: string;
  /** Where the remote number is displayed during a call. */
  remoteNumber?: string;
  /** Shown while the call is on hold. */
  holdIndicator?: string;
  /** Shown while an incoming call is ringing. */
  incomingIndicator?: string;
}

/** One site's DOM rule. */
export interface DomRule {
  /** Stable id, `[a-z0-9._-]`, unique in a rule set. */
  id: string;
  /** URL match patterns of the pages it applies to (see match-patterns.ts), e.g. `https://dialer.example.com/*`. */
  origins: string[];
  selectors: DomRuleSelectors;
  /**
   * Values the open page shows about the debtor, by variable key → selector: `location.region`,
   * `location.postalCode`, `location.country` (read by compliance: where the debtor may be), and any script
   * variable (`customer.name`, `debt.amount`, ...) the panel offers as a filled value for the agent to confirm;
   * `debtor.ref` offers the call's debtor/account reference (lib/script/page-values.ts).
   */
  fields?: Record<string, string>;
  /** Attributes whose changes matter (e.g. `hidden`, `class`); without it only child/text changes are observed. */
  attributeFilter?: string[];
}

/** A validation error, addressed by a JSON-path-like location such as `$[2].selectors.callTimer`. */
export interface DomRuleError {
  path: string;
  message: string;
}

/** Result of {@link parseDomRules}. */
export type DomRulesParseResult = { ok: true; rules: DomRule[] } | { ok: false; errors: DomRuleError[] };

/** Bounds on rule data, so a script pack cannot make the content script do unbounded work. */
export const DOM_RULE_LIMITS = Object.freeze({
  maxRules: 100,
  maxIdChars: 64,
  maxOrigins: 20,
  maxSelectorChars: 512,
  maxAttributes: 16,
  maxAttributeChars: 64,
  maxErrors: 50,
  maxFields: 16,
  maxFieldChars: 200,
});

/** A field key: a script variable's dotted name (`location.region`, `debt.amount`). */
const FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,31}(?:\.[a-z][a-zA-Z0-9]{0,31}){0,3}$/;
const FORBIDDEN_FIELD_PARTS = new Set(['__proto__', 'constructor', 'prototype']);

const SELECTOR_KEYS = [
  'container',
  'hangupControl',
  'callTimer',
  'remoteNumber',
  'holdIndicator',
  'incomingIndicator',
] as const satisfies readonly (keyof DomRuleSelectors)[];
const SIGNAL_SELECTOR_KEYS = SELECTOR_KEYS.filter((k) => k !== 'container');
const RULE_KEYS = ['id', 'origins', 'selectors', 'fields', 'attributeFilter'];
const RULE_ID = /^[a-z0-9][a-z0-9._-]*$/;
const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
/**
 * Characters that have no business in a selector we evaluate: braces and semicolons (a selector is
 * never a style block), backslashes (escapes make review hard), control characters.
 */
const FORBIDDEN_SELECTOR_CHARS = /[{};\\\u0000-\u001f\u007f]/;

/**
 * Validates rule data from an untrusted source (a script pack): an array of {@link DomRule}s. Unknown
 * keys, wrong types, invalid match patterns, suspicious selectors, duplicate ids and anything over
 * {@link DOM_RULE_LIMITS} are errors; all errors are collected (up to a cap) with their path.
 * Selector syntax proper is checked by the browser when evaluated: a selector it rejects matches nothing.
 */
export function parseDomRules(input: unknown): DomRulesParseResult {
  const errors: DomRuleError[] = [];
  const fail = (path: string, message: string): void => {
    if (errors.length < DOM_RULE_LIMITS.maxErrors) errors.push({ path, message });
  };
  if (!Array.isArray(input)) return { ok: false, errors: [{ path: '$', message: 'expected an array of rules' }] };
  if (input.length > DOM_RULE_LIMITS.maxRules) {
    return { ok: false, errors: [{ path: '$', message: `at most ${DOM_RULE_LIMITS.maxRules} rules` }] };
  }

  const rules: DomRule[] = [];
  const ids = new Set<string>();
  input.forEach((item: unknown, index) => {
    const at = `$[${index}]`;
    if (!isPlainRecord(item)) {
      fail(at, 'expected an object');
      return;
    }
    for (const key of Object.keys(item)) {
      if (!RULE_KEYS.includes(key)) fail(`${at}.${key}`, 'unknown key');
    }

    const id = item.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > DOM_RULE_LIMITS.maxIdChars || !RULE_ID.test(id)) {
      fail(`${at}.id`, `expected 1-${DOM_RULE_LIMITS.maxIdChars} characters of [a-z0-9._-]`);
    } else if (ids.has(id)) {
      fail(`${at}.id`, `duplicate id "${id}"`);
    } else {
      ids.add(id);
    }

    const origins = item.origins;
    if (!Array.isArray(origins) || origins.length === 0 || origins.length > DOM_RULE_LIMITS.maxOrigins) {
      fail(`${at}.origins`, `expected 1-${DOM_RULE_LIMITS.maxOrigins} match patterns`);
    } else {
      origins.forEach((origin: unknown, i) => {
        if (typeof origin !== 'string') {
          fail(`${at}.origins[${i}]`, 'expected a string');
          return;
        }
        const compiled = compileMatchPattern(origin);
        if (typeof compiled === 'string') fail(`${at}.origins[${i}]`, compiled);
        else if (/^(\*|https?):\/\/\*(?:[:/]|$)/.test(origin)) fail(`${at}.origins[${i}]`, 'a rule must name its hosts');
      });
    }

    const selectors = item.selectors;
    if (!isPlainRecord(selectors)) {
      fail(`${at}.selectors`, 'expected an object');
    } else {
      for (const key of Object.keys(selectors)) {
        if (!(SELECTOR_KEYS as readonly string[]).includes(key)) fail(`${at}.selectors.${key}`, 'unknown key');
      }
      for (const key of SELECTOR_KEYS) {
        const value = selectors[key];
        if (value === undefined) continue;
        const path = `${at}.selectors.${key}`;
        if (typeof value !== 'string' || value.trim().length === 0) fail(path, 'expected a non-empty selector');
        else if (value.length > DOM_RULE_LIMITS.maxSelectorChars) fail(path, `longer than ${DOM_RULE_LIMITS.maxSelectorChars} characters`);
        else if (FORBIDDEN_SELECTOR_CHARS.test(value)) fail(path, 'contains a forbidden character ({ } ; \\ or control)');
      }
      if (!SIGNAL_SELECTOR_KEYS.some((k) => typeof selectors[k] === 'string')) {
        fail(`${at}.selectors`, 'needs at least one of hangupControl, callTimer, remoteNumber, holdIndicator, incomingIndicator');
      }
    }

    const fields = item.fields;
    if (fields !== undefined) {
      if (!isPlainRecord(fields) || Object.keys(fields).length > DOM_RULE_LIMITS.maxFields) {
        fail(`${at}.fields`, `expected an object of at most ${DOM_RULE_LIMITS.maxFields} variable → selector entries`);
      } else {
        for (const [key, value] of Object.entries(fields)) {
          const path = `${at}.fields.${key}`;
          if (!FIELD_KEY.test(key) || key.split('.').some((part) => FORBIDDEN_FIELD_PARTS.has(part))) fail(path, 'expected a variable name such as location.region');
          else if (typeof value !== 'string' || value.trim().length === 0) fail(path, 'expected a non-empty selector');
          else if (value.length > DOM_RULE_LIMITS.maxSelectorChars) fail(path, `longer than ${DOM_RULE_LIMITS.maxSelectorChars} characters`);
          else if (FORBIDDEN_SELECTOR_CHARS.test(value)) fail(path, 'contains a forbidden character ({ } ; \\ or control)');
        }
      }
    }

    const attributeFilter = item.attributeFilter;
    if (attributeFilter !== undefined) {
      if (!Array.isArray(attributeFilter) || attributeFilter.length > DOM_RULE_LIMITS.maxAttributes) {
        fail(`${at}.attributeFilter`, `expected at most ${DOM_RULE_LIMITS.maxAttributes} attribute names`);
      } else {
        attributeFilter.forEach((name: unknown, i) => {
          if (typeof name !== 'string' || name.length > DOM_RULE_LIMITS.maxAttributeChars || !ATTRIBUTE_NAME.test(name)) {
            fail(`${at}.attributeFilter[${i}]`, 'expected an attribute name');
          }
        });
      }
    }

    if (errors.length === 0) {
      // Copy field by field so nothing but validated data leaves this function.
      const sel = selectors as Record<string, unknown>;
      const rule: DomRule = { id: id as string, origins: [...(origins as string[])], selectors: {} };
      for (const key of SELECTOR_KEYS) {
        const value = sel[key];
        if (typeof value === 'string') rule.selectors[key] = value.trim();
      }
      if (isPlainRecord(fields)) {
        rule.fields = Object.fromEntries(Object.entries(fields as Record<string, string>).map(([key, value]) => [key, value.trim()]));
      }
      if (Array.isArray(attributeFilter)) rule.attributeFilter = [...(attributeFilter as string[])];
      rules.push(rule);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}

/** The first rule whose origins match the page URL, if any. */
export function findDomRule(rules: readonly DomRule[], pageUrl: string): DomRule | undefined {
  return rules.find((rule) =>
    rule.origins.some((pattern) => {
      const compiled = compileMatchPattern(pattern);
      return typeof compiled !== 'string' && compiled.matches(pageUrl);
    }),
  );
}

/** The part of an Element the evaluator uses. */
export interface DomElementLike {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  /** Used, when present, to see whether an ancestor hides the element. */
  closest?(selectors: string): unknown;
}

/** The part of a Document/Element/ShadowRoot (a `ParentNode`) the evaluator uses. */
export interface DomQueryRoot {
  querySelector(selectors: string): DomElementLike | null;
}

/** What the call UI shows at one moment. */
export interface DomCallState {
  /** A hang-up control or a running timer is shown. */
  inCall: boolean;
  /** The hold indicator is shown. */
  onHold: boolean;
  /** The incoming-call indicator is shown. */
  incoming: boolean;
  /** The displayed remote number, cleaned and capped; page text, to be rendered as text only. */
  remote?: string;
  /** The displayed timer text, when the timer is shown and contains a digit. */
  timerText?: string;
}

const MAX_DOM_TEXT = 64;
const HIDDEN_ANCESTOR = '[hidden], [aria-hidden="true"]';

/**
 * Reads the call UI under `root` as one {@link DomCallState}. Elements with `hidden` or
 * `aria-hidden="true"` (on themselves or an ancestor) count as not shown; CSS visibility is not
 * checked, so selectors should name the state the dialer sets (e.g. `.call-panel.active .hangup`).
 * An invalid selector matches nothing rather than throwing.
 */
export function readDomCallState(root: DomQueryRoot, rule: DomRule): DomCallState {
  const s = rule.selectors;
  const hangup = shown(root, s.hangupControl);
  const timer = shown(root, s.callTimer);
  const timerText = timer ? cleanText(timer.textContent ?? '', MAX_DOM_TEXT) : '';
  const hasTimer = /\d/.test(timerText);
  const state: DomCallState = {
    inCall: hangup !== null || hasTimer,
    onHold: shown(root, s.holdIndicator) !== null,
    incoming: shown(root, s.incomingIndicator) !== null,
  };
  if (hasTimer) state.timerText = timerText;
  const remoteEl = shown(root, s.remoteNumber);
  const remote = remoteEl ? cleanText(remoteEl.textContent ?? '', MAX_DOM_TEXT) : '';
  if (remote) state.remote = remote;
  return state;
}

/**
 * Reads the rule's fields (what the page shows about the debtor) under `root`: cleaned, capped text per key, only
 * the ones shown and non-empty. Page text: to be rendered as text only, and checked again where it is used.
 */
export function readDomFields(root: DomQueryRoot, rule: DomRule): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, selector] of Object.entries(rule.fields ?? {})) {
    const element = shown(root, selector);
    const text = element ? cleanText(element.textContent ?? '', DOM_RULE_LIMITS.maxFieldChars) : '';
    if (text) out[key] = text;
  }
  return out;
}

function shown(root: DomQueryRoot, selector: string | undefined): DomElementLike | null {
  if (!selector) return null;
  let el: DomElementLike | null;
  try {
    el = root.querySelector(selector);
  } catch {
    return null;
  }
  if (!el) return null;
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return null;
  if (typeof el.closest === 'function') {
    try {
      if (el.closest(HIDDEN_ANCESTOR)) return null;
    } catch {
      // A fake without selector support for closest: the element's own attributes decided.
    }
  }
  return el;
}

/** A `MutationObserverInit` for a rule: subtree child/text changes, plus attributes only when filtered. */
export function domObserverInit(rule: DomRule): {
  subtree: true;
  childList: true;
  characterData: true;
  attributes: boolean;
  attributeFilter?: string[];
} {
  const init = { subtree: true as const, childList: true as const, characterData: true as const, attributes: false };
  if (rule.attributeFilter && rule.attributeFilter.length > 0) {
    return { ...init, attributes: true, attributeFilter: [...rule.attributeFilter] };
  }
  return init;
}

/** Turns successive {@link DomCallState}s of one page into call signals. */
export interface DomCallTracker {
  /** Feeds the latest state; returns a signal when the call's phase or number changed. */
  update(state: DomCallState, at: number): DetectedCallSignal[];
}

/**
 * Creates a tracker for one rule on one page. Phases: incoming indicator without a timer → ringing
 * (inbound); a live call UI with a timer → connected (held while the hold indicator shows); without a
 * timer → dialing, or connected when the rule has no timer selector to tell; nothing shown → ended.
 * DOM cannot tell who hung up; a call that never connected ends as `cancelled`.
 */
export function createDomCallTracker(rule: DomRule): DomCallTracker {
  let sequence = 0;
  let current: { key: string; direction: CallDirection; phase: CallPhase; remote: string; connected: boolean } | undefined;

  function make(phase: CallPhase, at: number, extra: Partial<DetectedCallSignal> = {}): DetectedCallSignal {
    const c = current!;
    return {
      callKey: c.key,
      source: 'dom',
      layer: 'dom',
      confidence: LAYER_CONFIDENCE.dom,
      phase,
      direction: c.direction,
      remote: c.remote,
      at,
      ...extra,
    };
  }

  return {
    update(state, at) {
      let phase: CallPhase | undefined;
      if (state.inCall) {
        if (state.timerText !== undefined || !rule.selectors.callTimer) phase = state.onHold ? 'held' : 'connected';
        else if (state.incoming || current?.direction === 'inbound') phase = current?.connected ? 'connected' : 'ringing';
        else phase = current?.connected ? 'connected' : 'dialing';
      } else if (state.incoming) {
        phase = 'ringing';
      }

      if (!phase) {
        if (!current) return [];
        const ended = make('ended', at, { endedBy: 'unknown', endReason: current.connected ? 'hangup' : 'cancelled' });
        current = undefined;
        return [ended];
      }
      if (!current) {
        sequence += 1;
        current = {
          key: `dom:${rule.id}:${sequence}`,
          direction: state.incoming ? 'inbound' : 'outbound',
          phase,
          remote: state.remote ?? '',
          connected: phase === 'connected' || phase === 'held',
        };
        return [make(phase, at)];
      }
      const remoteChanged = state.remote !== undefined && state.remote !== current.remote;
      if (remoteChanged) current.remote = state.remote!;
      if (phase === current.phase && !remoteChanged) return [];
      current.phase = phase;
      if (phase === 'connected' || phase === 'held') current.connected = true;
      return [make(phase, at)];
    },
  };
}

/** Timers the scheduler uses, injected so tests drive it with a fake clock. */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Options of {@link createDomWatchScheduler}. */
export interface DomWatchSchedulerOptions {
  timers: SchedulerTimers;
  /** Connects the MutationObserver to the rule's container with {@link domObserverInit}. */
  observe(): void;
  /** Disconnects it. */
  unobserve(): void;
  /** Reads the DOM (e.g. {@link readDomCallState} + tracker) and says whether a call is on screen. */
  evaluate(): boolean;
  /** Mutations within this window are folded into one evaluation. Default 150 ms. */
  batchMs?: number;
  /**
   * A mutation arriving this long after the last evaluation is evaluated at once, so detection does
   * not wait on a timer that a background tab throttles. Default 1000 ms.
   */
  maxLatencyMs?: number;
  /** With no call on screen for this long, the observer is disconnected. Default 60 s. */
  idleMs?: number;
}

/** Where the scheduler is: parked (observer disconnected), watching, or stopped for good. */
export type DomWatchMode = 'parked' | 'watching' | 'stopped';

/** Drives the DOM layer's observer; see {@link createDomWatchScheduler}. */
export interface DomWatchScheduler {
  /**
   * Starts (or keeps) watching: call on page load and on cheap hints that a call may start, such as
   * a pointer or key event on the dialer, focus, a signaling or media event.
   */
  wake(): void;
  /** The MutationObserver callback: marks the view dirty; evaluation happens batched. */
  markDirty(): void;
  /** Disconnects for good (the content script's context was invalidated). */
  stop(): void;
  mode(): DomWatchMode;
  /** Counters for the benchmark and tests (`pauses`: disconnections while a batch was pending). */
  stats(): { evaluations: number; dirtyMarks: number; observes: number; pauses: number };
}

/**
 * The DOM layer's cost model in someone else's page:
 * - observe narrowly: the observer is connected only while watching, to the rule's container;
 * - batch: the first mutation callback of a window sets a dirty flag and disconnects the observer; one
 *   evaluation (of a whole snapshot) runs per `batchMs` window and reconnects it, or runs at once when the
 *   last evaluation is older than `maxLatencyMs` (leading edge, timer-independent);
 * - disconnect when idle: after `idleMs` with no call on screen the observer is disconnected until
 *   {@link DomWatchScheduler.wake} is called again.
 */
export function createDomWatchScheduler(options: DomWatchSchedulerOptions): DomWatchScheduler {
  const { timers } = options;
  const batchMs = options.batchMs ?? 150;
  const maxLatencyMs = options.maxLatencyMs ?? 1000;
  const idleMs = options.idleMs ?? 60000;
  let mode: DomWatchMode = 'parked';
  let dirty = false;
  let batchTimer: unknown;
  let idleTimer: unknown;
  let lastEvaluationAt = -Infinity;
  let lastActiveAt = -Infinity;
  /** Disconnected while a batch is pending (see markDirty). */
  let paused = false;
  const counters = { evaluations: 0, dirtyMarks: 0, observes: 0, pauses: 0 };

  function pause(): void {
    if (paused) return;
    paused = true;
    counters.pauses += 1;
    options.unobserve();
  }

  function resume(): void {
    if (!paused) return;
    paused = false;
    if (mode === 'watching') options.observe();
  }

  function clearBatch(): void {
    if (batchTimer !== undefined) timers.clearTimeout(batchTimer);
    batchTimer = undefined;
  }

  function clearIdle(): void {
    if (idleTimer !== undefined) timers.clearTimeout(idleTimer);
    idleTimer = undefined;
  }

  function scheduleIdle(ms: number): void {
    clearIdle();
    idleTimer = timers.setTimeout(onIdleTimer, ms);
  }

  function evaluateNow(): void {
    clearBatch();
    dirty = false;
    // Reconnected before reading, so a change made after this snapshot is seen again.
    resume();
    const now = timers.now();
    lastEvaluationAt = now;
    counters.evaluations += 1;
    let active = false;
    try {
      active = options.evaluate();
    } catch {
      // A page that breaks our reading must not break the scheduler; treat it as no call.
    }
    if (active) {
      lastActiveAt = now;
      clearIdle();
    } else if (idleTimer === undefined) {
      scheduleIdle(idleMs);
    }
  }

  function onIdleTimer(): void {
    idleTimer = undefined;
    if (mode !== 'watching') return;
    if (dirty) {
      // Work is pending: evaluate first; that re-arms the idle timer if still no call.
      evaluateNow();
      return;
    }
    const sinceActive = timers.now() - lastActiveAt;
    if (sinceActive < idleMs) {
      scheduleIdle(idleMs - sinceActive);
      return;
    }
    options.unobserve();
    mode = 'parked';
  }

  return {
    wake() {
      if (mode === 'stopped') return;
      if (mode === 'parked') {
        options.observe();
        counters.observes += 1;
        mode = 'watching';
      }
      clearIdle();
      evaluateNow();
    },
    markDirty() {
      if (mode !== 'watching') return;
      counters.dirtyMarks += 1;
      if (timers.now() - lastEvaluationAt >= maxLatencyMs) {
        evaluateNow();
        return;
      }
      if (dirty) return;
      dirty = true;
      // The evaluation reads a whole snapshot, so the mutations until then add nothing it would not see;
      // disconnected, they also cost the page nothing (no mutation records are made for an observer that is
      // not connected). One callback per batch instead of one per task that touches the call panel.
      pause();
      batchTimer = timers.setTimeout(evaluateNow, batchMs);
    },
    stop() {
      if (mode === 'watching' && !paused) options.unobserve();
      paused = false;
      mode = 'stopped';
      clearBatch();
      clearIdle();
      dirty = false;
    },
    mode() {
      return mode;
    },
    stats() {
      return { ...counters };
    },
  };
}
