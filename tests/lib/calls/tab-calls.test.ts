import { describe, expect, it } from 'vitest';
import {
  activeCalls,
  applyCallSignal,
  emptyTabCallState,
  endAllCalls,
  ENDED_CALLS_KEPT,
  endUnseen,
  focusCall,
  leaveCalls,
  MAX_LIVE_CALLS_PER_TAB,
  MAX_NEW_CALLS_PER_MINUTE,
  SIGNAL_CLOCK_TOLERANCE_MS,
  supersedesTabState,
  toCallRecord,
} from '../../../lib/calls/tab-calls';
import type { CallSignal, TabCallState } from '../../../lib/calls/types';

const where = (receivedAt: number, frameId = 0) => ({ tabId: 7, frameId, origin: 'http://127.0.0.1:8080', receivedAt });
const signal = (phase: CallSignal['phase'], at: number, extra: Partial<CallSignal> = {}): CallSignal => ({
  callKey: 'call-1',
  source: 'sip-ws',
  phase,
  direction: 'outbound',
  remote: '13800138000',
  at,
  ...extra,
});
const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

function fold(signals: CallSignal[], newId = ids(), state: TabCallState = emptyTabCallState(7)) {
  for (const s of signals) state = applyCallSignal(state, s, where(s.at), newId).state;
  return state;
}

describe('applyCallSignal', () => {
  it('builds a call from dialing to ended with its timestamps', () => {
    const state = fold([
      signal('dialing', 1_000),
      signal('ringing', 2_000),
      signal('connected', 3_000),
      signal('held', 4_000),
      signal('connected', 5_000),
      signal('ended', 9_000, { endedBy: 'local', endReason: 'hangup' }),
    ]);
    const call = state.calls['id-1']!;
    expect(call).toMatchObject({
      phase: 'ended',
      startedAt: 1_000,
      connectedAt: 3_000,
      endedAt: 9_000,
      endedBy: 'local',
      endReason: 'hangup',
      origin: 'http://127.0.0.1:8080',
    });
    expect(Object.keys(state.calls)).toHaveLength(1);
  });

  it('ignores repeats and anything after the end', () => {
    const newId = ids();
    let state = fold([signal('connected', 1_000), signal('ended', 2_000)], newId);
    const repeat = applyCallSignal(state, signal('connected', 3_000), where(3_000), newId);
    expect(repeat.changed).toBeUndefined();
    state = fold([signal('connected', 1_000)], newId);
    expect(applyCallSignal(state, signal('connected', 1_500), where(1_500), newId).changed).toBeUndefined();
  });

  it('keeps the same call key in two frames apart', () => {
    const newId = ids();
    let state = emptyTabCallState(7);
    state = applyCallSignal(state, signal('dialing', 1_000), where(1_000, 0), newId).state;
    // A different number: the key alone never ties two frames' calls together.
    state = applyCallSignal(state, signal('dialing', 1_000, { remote: '13900139000' }), where(1_000, 3), newId).state;
    expect(activeCalls(state)).toHaveLength(2);
  });

  it('merges one call seen by two frames of the tab, the more exact layer speaking for it', () => {
    const newId = ids();
    let state = emptyTabCallState(7);
    // The host page's DOM rule sees the call first; the CTI iframe (frame 3) reports the same number.
    state = applyCallSignal(state, signal('ringing', 1_000, { source: 'dom', callKey: 'dom:r:1', direction: 'inbound' }), where(1_000, 0), newId).state;
    state = applyCallSignal(
      state,
      signal('ringing', 1_100, { source: 'ringcentral', callKey: 'rc-1', remote: '+86 138 0013 8000', remoteE164: '+8613800138000', direction: 'inbound' }),
      where(1_100, 3),
      newId,
    ).state;
    state = applyCallSignal(state, signal('connected', 1_500, { source: 'ringcentral', callKey: 'rc-1' }), where(1_500, 3), newId).state;
    // The DOM's later view no longer decides: CTI outranks it.
    const ignored = applyCallSignal(state, signal('held', 1_600, { source: 'dom', callKey: 'dom:r:1' }), where(1_600, 0), newId);
    expect(ignored.changed).toBeUndefined();
    state = applyCallSignal(state, signal('ended', 2_000, { source: 'ringcentral', callKey: 'rc-1', endedBy: 'remote' }), where(2_000, 3), newId).state;
    const calls = Object.values(state.calls);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ phase: 'ended', source: 'ringcentral', connectedAt: 1_500, aliases: ['3:rc-1'] });
  });

  it('does not merge calls of two frames without a number to tie them', () => {
    const newId = ids();
    let state = emptyTabCallState(7);
    state = applyCallSignal(state, signal('dialing', 1_000, { remote: '' }), where(1_000, 0), newId).state;
    state = applyCallSignal(state, signal('dialing', 1_000, { remote: '', callKey: 'other' }), where(1_000, 3), newId).state;
    expect(activeCalls(state)).toHaveLength(2);
  });

  it('clamps a page clock that is far off', () => {
    const { changed } = applyCallSignal(emptyTabCallState(7), signal('dialing', 1), where(10_000_000), ids());
    expect(changed!.startedAt).toBe(10_000_000 - SIGNAL_CLOCK_TOLERANCE_MS);
  });

  it('keeps only the last few ended calls in tab state', () => {
    const newId = ids();
    let state = emptyTabCallState(7);
    for (let i = 0; i < ENDED_CALLS_KEPT + 4; i++) {
      state = fold([signal('dialing', i * 10 + 1, { callKey: `k${i}` }), signal('ended', i * 10 + 2, { callKey: `k${i}` })], newId, state);
    }
    expect(Object.keys(state.calls)).toHaveLength(ENDED_CALLS_KEPT);
  });
});

describe('focusCall', () => {
  it('prefers a connected call over a ringing one, and live over ended', () => {
    const newId = ids();
    let state = fold([signal('connected', 1_000, { callKey: 'a' })], newId);
    state = fold([signal('ringing', 2_000, { callKey: 'b', direction: 'inbound' })], newId, state);
    expect(focusCall(state)?.callKey).toBe('a');
    state = fold([signal('ended', 3_000, { callKey: 'a' })], newId, state);
    expect(focusCall(state)?.callKey).toBe('b');
  });
});

describe('phases only move forward', () => {
  it.each([
    ['ringing', ['dialing', 'ringing', 'connected']],
    ['dialing', ['dialing', 'connected']],
    ['ringing', ['connected', 'held']],
    ['dialing', ['ringing']],
  ] as const)('a late %s does not take a call at %j back', (late, phases) => {
    const newId = ids();
    const state = fold(phases.map((phase, i) => signal(phase, 1_000 + i * 100)), newId);
    const before = Object.values(state.calls)[0]!;
    const result = applyCallSignal(state, signal(late, 2_000), where(2_000), newId);
    expect(result.changed).toBeUndefined();
    expect(Object.values(result.state.calls)).toEqual([before]);
  });

  it('still moves between connected and held both ways, and on to ended', () => {
    const state = fold([signal('connected', 1_000), signal('held', 2_000), signal('connected', 3_000), signal('ringing', 3_500), signal('ended', 4_000)]);
    expect(Object.values(state.calls)[0]).toMatchObject({ phase: 'ended', connectedAt: 1_000, endedAt: 4_000, endReason: 'hangup' });
  });

  it('takes the alias of another frame reporting a late phase, but not the phase', () => {
    const newId = ids();
    let state = fold([signal('connected', 1_000, { remoteE164: '+8613800138000' })], newId);
    state = applyCallSignal(state, signal('ringing', 1_200, { source: 'ringcentral', callKey: 'rc-1', remoteE164: '+8613800138000' }), where(1_200, 3), newId).state;
    expect(Object.values(state.calls)[0]).toMatchObject({ phase: 'connected', aliases: ['3:rc-1'] });
  });
});

describe('a page going away', () => {
  it('ends a closed tab’s live calls as ended-unknown, without naming who hung up', () => {
    const state = fold([
      signal('connected', 1_000, { callKey: 'a' }),
      signal('dialing', 1_500, { callKey: 'b' }),
      signal('ended', 1_600, { callKey: 'b', endReason: 'cancelled' }),
      signal('dialing', 1_700, { callKey: 'c' }),
    ]);
    const { ended } = endAllCalls(state, 5_000);
    expect(ended.map((c) => [c.callKey, c.endedBy, c.endReason, c.endedAt])).toEqual([
      ['a', 'unknown', 'ended-unknown', 5_000],
      ['c', 'unknown', 'ended-unknown', 5_000],
    ]);
  });

  it('ends the calls of a frame whose page left with ended-unknown, and no other frame’s', () => {
    const newId = ids();
    let state = applyCallSignal(emptyTabCallState(7), signal('connected', 1_000, { callKey: 'top' }), where(1_000, 0), newId).state;
    state = applyCallSignal(state, signal('dialing', 1_100, { callKey: 'child', remote: '13900139000' }), where(1_100, 4), newId).state;
    const left = applyCallSignal(state, signal('ended', 2_000, { callKey: 'top', endedBy: 'unknown', endReason: 'ended-unknown' }), where(2_000, 0), newId);
    expect(left.changed).toMatchObject({ callKey: 'top', phase: 'ended', endReason: 'ended-unknown', endedBy: 'unknown', endedAt: 2_000, connectedAt: 1_000 });
    expect(activeCalls(left.state).map((c) => c.callKey)).toEqual(['child']);
    // Another frame's page leaving names only its own calls.
    const unknown = applyCallSignal(left.state, signal('ended', 2_100, { callKey: 'top', endReason: 'ended-unknown' }), where(2_100, 4), newId);
    expect(unknown.changed).toBeUndefined();
  });

  it('keeps a call another frame still reports when one of its frames leaves', () => {
    const newId = ids();
    let state = applyCallSignal(emptyTabCallState(7), signal('ringing', 1_000, { source: 'dom', callKey: 'dom:1', remoteE164: '+8613800138000', direction: 'inbound' }), where(1_000, 0), newId).state;
    state = applyCallSignal(state, signal('connected', 1_100, { source: 'ringcentral', callKey: 'rc-1', remoteE164: '+8613800138000', direction: 'inbound' }), where(1_100, 3), newId).state;
    // The CTI frame's page leaves: the host page still shows the call, which now belongs to it.
    const moved = leaveCalls(state, (frameId) => frameId === 3, () => 2_000);
    expect(moved.ended).toEqual([]);
    expect(moved.moved).toEqual([expect.objectContaining({ frameId: 0, callKey: 'dom:1', phase: 'connected' })]);
    expect(moved.moved[0]!.aliases).toBeUndefined();
    // Then the host page leaves too: nobody reports it, it ends.
    const ended = leaveCalls(moved.state, (frameId) => frameId === 0, () => 3_000);
    expect(ended.ended).toEqual([expect.objectContaining({ id: 'id-1', phase: 'ended', endReason: 'ended-unknown', endedAt: 3_000 })]);
  });

  it('never ends a call before it connected, whatever time it is given', () => {
    const state = fold([signal('dialing', 1_000), signal('connected', 2_000)]);
    const { ended } = leaveCalls(state, () => true, () => 500);
    expect(ended[0]).toMatchObject({ endedAt: 2_000, updatedAt: 2_000 });
  });
});

describe('endUnseen', () => {
  it('closes a stored record as ended-unknown at the time given, keeping its facts', () => {
    const record = toCallRecord(fold([signal('connected', 1_000)]).calls['id-1']!);
    expect(endUnseen(record, 9_000)).toEqual({ ...record, phase: 'ended', endedAt: 9_000, endedBy: 'unknown', endReason: 'ended-unknown', updatedAt: 9_000 });
  });
});

describe('toCallRecord', () => {
  it('keeps what the record needs and no tab bookkeeping', () => {
    const state = fold([signal('connected', 1_000), signal('ended', 2_000, { endedBy: 'remote', endReason: 'hangup' })]);
    const record = toCallRecord(state.calls['id-1']!);
    expect(record).toEqual({
      id: 'id-1',
      direction: 'outbound',
      remoteNumber: '13800138000',
      phase: 'ended',
      startedAt: 1_000,
      connectedAt: 1_000,
      endedAt: 2_000,
      endedBy: 'remote',
      endReason: 'hangup',
      origin: 'http://127.0.0.1:8080',
      source: 'sip-ws',
      updatedAt: 2_000,
    });
  });
});

describe('applyCallSignal and confidence', () => {
  it('takes a confidence change of a live call (media confirming it) as a change', () => {
    const newId = ids();
    const state = fold([signal('connected', 1_000, { confidence: 0.9 })], newId);
    const { changed } = applyCallSignal(state, signal('connected', 1_100, { confidence: 0.93 }), where(1_100), newId);
    expect(changed).toMatchObject({ phase: 'connected', confidence: 0.93, connectedAt: 1_000 });
    const again = applyCallSignal(state, signal('connected', 1_200, { confidence: 0.9 }), where(1_200), newId);
    expect(again.changed).toBeUndefined();
  });
});

describe('supersedesTabState', () => {
  const at = (tabId: number, revision?: number) => (revision === undefined ? { tabId, calls: {} } : { tabId, calls: {}, revision });
  it('takes only a newer revision of the same tab', () => {
    expect(supersedesTabState(at(1, 2), at(1, 1))).toBe(true);
    expect(supersedesTabState(at(1, 2), at(1, 2))).toBe(false);
    expect(supersedesTabState(at(1, 1), at(1, 2))).toBe(false);
  });
  it('takes any state with nothing to compare: no current one, another tab, or no revision', () => {
    expect(supersedesTabState(at(1, 1), undefined)).toBe(true);
    expect(supersedesTabState(at(2, 1), at(1, 5))).toBe(true);
    expect(supersedesTabState(at(1), at(1, 5))).toBe(true);
    expect(supersedesTabState(at(1, 1), at(1))).toBe(true);
  });
});

describe('limits per tab: what a page can make the background keep (issue 14, item 6)', () => {
  const call = (n: number, phase: CallSignal['phase'], at: number) =>
    signal(phase, at, { callKey: `flood-${n}`, remote: `1380013${String(n).padStart(4, '0')}` });

  it(`keeps at most ${MAX_LIVE_CALLS_PER_TAB} live calls in a tab: a new one beyond is refused until one ends`, () => {
    let state = emptyTabCallState(7);
    const newId = ids();
    for (let n = 0; n < MAX_LIVE_CALLS_PER_TAB; n++) {
      const result = applyCallSignal(state, call(n, 'dialing', 1_000 + n), where(1_000 + n), newId);
      expect(result.refused).toBeUndefined();
      state = result.state;
    }
    const refused = applyCallSignal(state, call(99, 'dialing', 2_000), where(2_000), newId);
    expect(refused).toEqual({ state, refused: 'live-calls' });
    // Signals about the calls already kept still count.
    state = applyCallSignal(state, call(0, 'ended', 3_000), where(3_000), newId).state;
    expect(applyCallSignal(state, call(99, 'dialing', 4_000), where(4_000), newId).changed?.remoteNumber).toBe('13800130099');
  });

  it(`starts at most ${MAX_NEW_CALLS_PER_MINUTE} calls a minute in a tab, ended ones included; a minute later it starts them again`, () => {
    let state = emptyTabCallState(7);
    const newId = ids();
    let started = 0;
    let refused = 0;
    // A page making an attempt and ending it every 10 ms: 500 attempts in 5 s.
    for (let n = 0; n < 500; n++) {
      const at = 10_000 + n * 10;
      const opened = applyCallSignal(state, call(n, 'dialing', at), where(at), newId);
      if (opened.refused) {
        expect(opened.refused).toBe('new-calls');
        refused++;
        continue;
      }
      started++;
      state = applyCallSignal(opened.state, call(n, 'ended', at + 5), where(at + 5), newId).state;
    }
    expect(started).toBe(MAX_NEW_CALLS_PER_MINUTE);
    expect(refused).toBe(500 - MAX_NEW_CALLS_PER_MINUTE);
    const later = 10_000 + 60_000 + 1;
    expect(applyCallSignal(state, call(1_000, 'dialing', later), where(later), newId).refused).toBeUndefined();
  });

  it('refuses nothing that another frame of the tab joins: a call seen twice is one call', () => {
    let state = emptyTabCallState(7);
    const newId = ids();
    for (let n = 0; n < MAX_LIVE_CALLS_PER_TAB; n++) state = applyCallSignal(state, call(n, 'dialing', 1_000 + n), where(1_000 + n), newId).state;
    const joined = applyCallSignal(state, call(0, 'ringing', 2_000), where(2_000, 3), newId);
    expect(joined.refused).toBeUndefined();
    expect(Object.keys(joined.state.calls)).toHaveLength(MAX_LIVE_CALLS_PER_TAB);
  });
});
