import type { CallRecord, CallSignal, LiveCall, TabCallState } from './types';

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
 * A call may be first seen at any phase (the panel may have opened mid-call); `ended` is final and later
 * signals for that call are ignored.
 */
export function applyCallSignal(
  state: TabCallState,
  signal: CallSignal,
  origin: SignalOrigin,
  newId: () => string,
): SignalResult {
  const at = clamp(signal.at, origin.receivedAt - SIGNAL_CLOCK_TOLERANCE_MS, origin.receivedAt + 5_000);
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
 * Ends every live call of a tab whose page went away (tab closed, page reloaded mid-call): nobody can say who
 * hung up, and a call that never connected counts as failed.
 */
export function endAllCalls(state: TabCallState, at: number): { state: TabCallState; ended: LiveCall[] } {
  const ended: LiveCall[] = [];
  const calls = { ...state.calls };
  for (const call of Object.values(calls)) {
    if (call.phase === 'ended') continue;
    const done: LiveCall = {
      ...call,
      phase: 'ended',
      endedAt: at,
      endedBy: 'unknown',
      endReason: call.connectedAt === undefined ? 'failed' : 'hangup',
      updatedAt: at,
    };
    calls[call.id] = done;
    ended.push(done);
  }
  return { state: withStarts({ tabId: state.tabId, calls: pruneEnded(calls) }, state.recentStarts), ended };
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

/** The stored form of a call. */
export function toCallRecord(call: LiveCall): CallRecord {
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
