import type { CallFacts, CallPhase, CallRecord, CallSignal, LiveCall, TabCallState } from './types';

/** Ended calls a tab keeps for wrap-up; older ones live on only in IndexedDB. */
export const ENDED_CALLS_KEPT = 5;
/** A page's clock may be off or forged; signal times outside this window around receipt are clamped. */
export const SIGNAL_CLOCK_TOLERANCE_MS = 60_000;
/**
 * Calls not ended that one tab may have at once. A softphone has a call, one on hold and one being set up for a
 * transfer or a conference; a page signalling more is forging them, and each would cost a record and a verdict.
 */
export const MAX_LIVE_CALLS_PER_TAB = 8;
/**
 * New calls one tab may start in a minute (ended at once or not). An agent dialling back to back, a power
 * dialler's failed attempts included, stays far below; a page forging attempts would inflate the contact caps and
 * the export.
 */
export const MAX_NEW_CALLS_PER_MINUTE = 30;
const MINUTE_MS = 60_000;

/**
 * The highest revision a tab's state can reach: a worker counts a save per signal, and a billion signals in one
 * browser session is no dialer. A page hearing a state beyond it is hearing a forgery, which would make every
 * real state after it look older (see {@link supersedesTabState}).
 */
export const MAX_TAB_STATE_REVISION = 1_000_000_000;

/**
 * Whether `next` should replace `current` in a view of one tab's calls. The background sends each state twice
 * (over a panel's port and in a broadcast) and a panel's first read can return after a newer push, so a state
 * whose revision is not newer is old news. A state without a revision (from an older worker) always replaces.
 */
export function supersedesTabState(next: TabCallState, current: TabCallState | undefined): boolean {
  if (!current || current.tabId !== next.tabId || next.revision === undefined || current.revision === undefined) return true;
  return next.revision > current.revision;
}

/** An empty state for a tab. */
export function emptyTabCallState(tabId: number): TabCallState {
  return { tabId, calls: {} };
}

/** Where a signal came from, as the background (not the page) establishes it. */
export interface SignalOrigin {
  tabId: number;
  frameId: number;
  /** Origin of the sending frame, from the browser's sender record. */
  origin: string;
  /** Background receipt time, epoch ms. */
  receivedAt: number;
}

/** Why a signal that would start a call was refused (see {@link MAX_LIVE_CALLS_PER_TAB}). */
export type SignalRefusal = 'live-calls' | 'new-calls';

/** What folding a signal in did. */
export interface SignalResult {
  state: TabCallState;
  /** The call the signal changed, or `undefined` when the signal changed nothing. */
  changed?: LiveCall;
  /** Set when the signal would have started a call beyond the tab's limits: nothing changed. */
  refused?: SignalRefusal;
}

/**
 * Folds one detector signal into a tab's calls. Pure: `newId` supplies ids for calls seen for the first time.
 * A call may be first seen at any phase (the panel may have opened mid-call). Phases only move forward: a late
 * `dialing` or `ringing` never takes a connected or held call back, and `ended` is final (later signals for that
 * call are ignored). An `ended-unknown` end is a frame's last word as its page goes away: the frame stops
 * reporting the call, which ends unless another frame of the tab still reports it (see {@link leaveCalls}).
 */
export function applyCallSignal(
  state: TabCallState,
  signal: CallSignal,
  origin: SignalOrigin,
  newId: () => string,
): SignalResult {
  const at = clamp(signal.at, origin.receivedAt - SIGNAL_CLOCK_TOLERANCE_MS, origin.receivedAt + 5_000);
  if (signal.phase === 'ended' && signal.endReason === 'ended-unknown') {
    const left = leaveCalls(state, (frameId, callKey) => frameId === origin.frameId && callKey === signal.callKey, () => at);
    const changed = left.ended[0] ?? left.moved[0];
    return changed ? { state: left.state, changed } : { state };
  }
  const alias = `${origin.frameId}:${signal.callKey}`;
  const tabCalls = Object.values(state.calls);
  let existing = tabCalls.find(
    (call) => (call.frameId === origin.frameId && call.callKey === signal.callKey) || call.aliases?.includes(alias),
  );
  let joined = false;
  if (!existing && signal.phase !== 'ended') {
    // Another frame of the tab (a CTI iframe and the page embedding it) may already report this call.
    existing = tabCalls.find((call) => call.frameId !== origin.frameId && call.phase !== 'ended' && sameNumber(call, signal));
    joined = existing !== undefined;
  }
  if (existing?.phase === 'ended') return { state };
  // Between frames the more exact layer speaks for the call (cti > signaling > dom > media).
  if (existing && (joined || existing.aliases) && sourceRank(signal.source) < sourceRank(existing.source)) {
    return joined ? { state: withAlias(state, existing, alias) } : { state };
  }
  // A late signal from an earlier phase (a retransmitted 180 after the 200) is old news.
  if (existing && PHASE_ORDER[signal.phase] < PHASE_ORDER[existing.phase]) {
    return joined ? { state: withAlias(state, existing, alias) } : { state };
  }
  if (joined && existing) existing = { ...existing, aliases: [...(existing.aliases ?? []), alias].slice(-MAX_ALIASES) };
  // Nothing new: same phase, same number, same confidence (media confirming a call only raises confidence).
  if (
    existing &&
    existing.phase === signal.phase &&
    (!signal.remote || existing.remoteNumber === signal.remote) &&
    (signal.confidence === undefined || signal.confidence === existing.confidence)
  ) {
    return { state };
  }

  let recentStarts = state.recentStarts;
  if (!existing) {
    recentStarts = (state.recentStarts ?? []).filter((started) => started > origin.receivedAt - MINUTE_MS);
    if (tabCalls.filter((call) => call.phase !== 'ended').length >= MAX_LIVE_CALLS_PER_TAB) return { state, refused: 'live-calls' };
    if (recentStarts.length >= MAX_NEW_CALLS_PER_MINUTE) return { state, refused: 'new-calls' };
    recentStarts = [...recentStarts, origin.receivedAt];
  }

  const base: LiveCall = existing ?? {
    id: newId(),
    tabId: origin.tabId,
    frameId: origin.frameId,
    origin: origin.origin,
    callKey: signal.callKey,
    source: signal.source,
    direction: signal.direction,
    remoteNumber: signal.remote,
    phase: signal.phase,
    startedAt: at,
    updatedAt: at,
  };
  // The latest signal speaks for the merged view of all layers (see lib/bridge/detection-bridge.ts): its source
  // is the layer that decided the phase, and its number the best layer's.
  const next: LiveCall = { ...base, phase: signal.phase, source: signal.source, updatedAt: at };
  if (signal.remote) next.remoteNumber = signal.remote;
  if (signal.remoteE164 && (!next.remoteE164 || next.remoteNumber === signal.remote)) next.remoteE164 = signal.remoteE164;
  if (signal.confidence !== undefined) next.confidence = signal.confidence;
  if ((signal.phase === 'connected' || signal.phase === 'held') && next.connectedAt === undefined) {
    next.connectedAt = at;
  }
  if (signal.phase === 'ended') {
    next.endedAt = at;
    next.endedBy = signal.endedBy ?? 'unknown';
    next.endReason = signal.endReason ?? (next.connectedAt === undefined ? 'failed' : 'hangup');
  }

  const calls = pruneEnded({ ...state.calls, [next.id]: next });
  return { state: withStarts({ tabId: state.tabId, calls }, recentStarts), changed: next };
}

/**
 * Ends every live call of a closed tab: nobody saw how they ended (`ended-unknown`, by `unknown`).
 */
export function endAllCalls(state: TabCallState, at: number): { state: TabCallState; ended: LiveCall[] } {
  const { state: next, ended } = leaveCalls(state, () => true, () => at);
  return { state: next, ended };
}

/** What {@link leaveCalls} did. */
export interface LeftCalls {
  state: TabCallState;
  /** Calls no frame reports any more: ended, `ended-unknown`. */
  ended: LiveCall[];
  /** Calls another frame still reports: they now belong to that frame. */
  moved: LiveCall[];
}

/**
 * Takes frames that went away (or one frame's one call, as its page's last word) out of a tab's live calls. A
 * call is known by its own frame and key and by the frames that joined it (`aliases`); `gone` says which of
 * those are gone (asked per reporter, with the call). A call none of them reports any more ends with
 * `ended-unknown` at `endedAt(call)` (see {@link endUnseen}); a call another frame still reports moves to that
 * frame. Pure.
 */
export function leaveCalls(
  state: TabCallState,
  gone: (frameId: number, callKey: string, call: LiveCall) => boolean,
  endedAt: (call: LiveCall) => number,
): LeftCalls {
  const calls = { ...state.calls };
  const ended: LiveCall[] = [];
  const moved: LiveCall[] = [];
  for (const call of Object.values(state.calls)) {
    if (call.phase === 'ended') continue;
    const reporters = callReporters(call);
    const staying = reporters.filter((reporter) => !gone(reporter.frameId, reporter.callKey, call));
    if (staying.length === reporters.length) continue;
    const [first, ...rest] = staying;
    if (first) {
      const next: LiveCall = { ...call, frameId: first.frameId, callKey: first.callKey };
      delete next.aliases;
      if (rest.length > 0) next.aliases = rest.map((reporter) => `${reporter.frameId}:${reporter.callKey}`);
      calls[call.id] = next;
      moved.push(next);
      continue;
    }
    const done = endUnseen(call, endedAt(call));
    calls[call.id] = done;
    ended.push(done);
  }
  return { state: withStarts({ tabId: state.tabId, calls: pruneEnded(calls) }, state.recentStarts), ended, moved };
}

/** The frames of a tab that report a call, with the key each knows it by: its own first, then those that joined. */
export function callReporters(call: LiveCall): { frameId: number; callKey: string }[] {
  return [{ frameId: call.frameId, callKey: call.callKey }, ...(call.aliases ?? []).flatMap(parseAlias)];
}

/**
 * A call whose end nobody saw, ended at `at` (never before it started or connected): `ended-unknown`, by
 * `unknown`. Pure; works on a tab's live call and on a stored record alike.
 */
export function endUnseen<T extends CallFacts>(call: T, at: number): T {
  const endedAt = Math.max(at, call.connectedAt ?? call.startedAt);
  return {
    ...call,
    phase: 'ended',
    endedAt,
    endedBy: 'unknown',
    endReason: 'ended-unknown',
    updatedAt: Math.max(call.updatedAt, endedAt),
  };
}

/** Calls of a tab that have not ended, oldest first. */
export function activeCalls(state: TabCallState): LiveCall[] {
  return Object.values(state.calls)
    .filter((call) => call.phase !== 'ended')
    .sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * The call the panel should show: the most recent call that is live (connected or held first, then ringing or
 * dialing), else the most recently ended one for wrap-up.
 */
export function focusCall(state: TabCallState): LiveCall | undefined {
  const calls = Object.values(state.calls);
  const rank = (call: LiveCall) =>
    call.phase === 'connected' || call.phase === 'held' ? 3 : call.phase === 'ended' ? 1 : 2;
  return calls.sort((a, b) => rank(b) - rank(a) || b.updatedAt - a.updatedAt)[0];
}

/** The stored form of a call (its facts, without the tab bookkeeping). */
export function toCallRecord(call: CallFacts): CallRecord {
  const record: CallRecord = {
    id: call.id,
    direction: call.direction,
    remoteNumber: call.remoteNumber,
    phase: call.phase,
    startedAt: call.startedAt,
    origin: call.origin,
    source: call.source,
    updatedAt: call.updatedAt,
  };
  if (call.connectedAt !== undefined) record.connectedAt = call.connectedAt;
  if (call.endedAt !== undefined) record.endedAt = call.endedAt;
  if (call.endedBy !== undefined) record.endedBy = call.endedBy;
  if (call.endReason !== undefined) record.endReason = call.endReason;
  if (call.confidence !== undefined) record.confidence = call.confidence;
  return record;
}

function pruneEnded(calls: Record<string, LiveCall>): Record<string, LiveCall> {
  const ended = Object.values(calls)
    .filter((call) => call.phase === 'ended')
    .sort((a, b) => b.updatedAt - a.updatedAt);
  if (ended.length <= ENDED_CALLS_KEPT) return calls;
  const kept = { ...calls };
  for (const call of ended.slice(ENDED_CALLS_KEPT)) delete kept[call.id];
  return kept;
}

/** Frames/keys one call can be known by besides its own; bounded, a call is seen by a few frames at most. */
const MAX_ALIASES = 4;

/** Where each phase stands in a call's life: a call never moves to an earlier one (connected ⇄ held is sideways). */
const PHASE_ORDER: Record<CallPhase, number> = { dialing: 0, ringing: 1, connected: 2, held: 2, ended: 3 };

/** Reads a `<frameId>:<callKey>` alias; none for a malformed one. */
function parseAlias(alias: string): { frameId: number; callKey: string }[] {
  const colon = alias.indexOf(':');
  const frameId = Number(alias.slice(0, colon));
  return colon > 0 && Number.isInteger(frameId) ? [{ frameId, callKey: alias.slice(colon + 1) }] : [];
}

function sourceRank(source: CallSignal['source']): number {
  if (source === 'sip-ws' || source === 'twilio-ws') return 2;
  if (source === 'dom') return 1;
  if (source === 'media') return 0;
  return 3;
}

/**
 * Whether a signal from another frame is about this call: the same E.164, or the same last seven digits. Unlike
 * the in-frame merge, a side without a number never matches, because across frames nothing else ties them.
 */
function sameNumber(call: LiveCall, signal: CallSignal): boolean {
  if (call.remoteE164 && signal.remoteE164) return call.remoteE164 === signal.remoteE164;
  const a = (signal.remoteE164 ?? signal.remote).replace(/\D/g, '');
  const b = (call.remoteE164 ?? call.remoteNumber).replace(/\D/g, '');
  return a.length >= 7 && b.length >= 7 && a.slice(-7) === b.slice(-7);
}

function withAlias(state: TabCallState, call: LiveCall, alias: string): TabCallState {
  const aliases = [...(call.aliases ?? []), alias].slice(-MAX_ALIASES);
  return withStarts({ tabId: state.tabId, calls: { ...state.calls, [call.id]: { ...call, aliases } } }, state.recentStarts);
}

/** The state with the tab's recent call starts carried over (absent while there are none). */
function withStarts(state: TabCallState, recentStarts: readonly number[] | undefined): TabCallState {
  return recentStarts && recentStarts.length > 0 ? { ...state, recentStarts: [...recentStarts] } : state;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
