import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallSignal, TabCallState } from '../../../../lib/calls/types';
import { openOnScriptDb, type StoredCallRecord } from '../../../../lib/db/schema';
import { askFrame, FRAME_PROBE_TIMEOUT_MS, type AskFrame, type FrameAnswer } from '../../../../lib/extension/background/call-endings';
import { defineBackgroundFeature, type CallChange } from '../../../../lib/extension/background/feature';
import { BACKGROUND_FEATURES } from '../../../../lib/extension/background/features';
import { createBackgroundService } from '../../../../lib/extension/background/service';
import { envelope } from '../../../../lib/protocol/envelope';

const dialer = (tabId: number, frameId = 0): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: tabId } as Browser.tabs.Tab,
  frameId,
  url: 'http://127.0.0.1:5173/dialer.html',
});
const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` });
const signal = (phase: CallSignal['phase'], at: number, extra: Partial<CallSignal> = {}): CallSignal => ({
  callKey: 'cid-1',
  source: 'sip-ws',
  phase,
  direction: 'outbound',
  remote: '13800138000',
  at,
  ...extra,
});

let dbCounter = 0;
/** One browser session: every worker life shares the database and storage.session (the fake browser's). */
function session() {
  const dbName = `endings-${++dbCounter}`;
  let ids = 0;
  const afterChanges: CallChange[] = [];
  const spy = defineBackgroundFeature({
    id: 'spy',
    messages: {},
    create: () => ({ handlers: {}, afterCallChange: async (change) => void afterChanges.push(change) }),
  });
  /** A worker life: a fresh service (no memory of the last), asking frames through `ask`. */
  const worker = (now: number, ask: AskFrame = async () => 'gone') =>
    createBackgroundService({
      now: () => now,
      newId: () => `call-${++ids}`,
      openDb: () => openOnScriptDb(undefined, dbName),
      countPanels: async () => 0,
      features: [...BACKGROUND_FEATURES, spy],
      askFrame: ask,
    });
  const records = async () => {
    const db = await openOnScriptDb(undefined, dbName);
    const all = await db.getAll('calls');
    db.close();
    return Object.fromEntries(all.map((record) => [record.id, record]));
  };
  const stateOf = async (bg: ReturnType<typeof worker>, tabId: number) =>
    ((await bg.onMessage(envelope('tab/get-state', { tabId }), panel())) as { value: TabCallState }).value;
  return { dbName, worker, records, stateOf, afterChanges };
}

describe('after a worker restart', () => {
  it('asks each frame with live calls and ends the calls no frame reports any more, when their page was gone', async () => {
    const { worker, records, stateOf, afterChanges } = session();
    const first = worker(10_000);
    await first.onMessage(envelope('call/signal', signal('connected', 9_000)), dialer(11, 0));
    await first.onMessage(envelope('call/signal', signal('dialing', 9_500, { callKey: 'cti-1', remote: '13900139000' })), dialer(11, 3));
    await first.onMessage(envelope('call/signal', signal('ringing', 9_600, { callKey: 'cid-9', remote: '13700137000' })), dialer(12, 0));
    await first.onMessage(envelope('call/signal', signal('dialing', 9_700, { callKey: 'done', remote: '13600136000' })), dialer(13, 0));
    await first.onMessage(envelope('call/signal', signal('ended', 9_800, { callKey: 'done', remote: '13600136000' })), dialer(13, 0));

    // Frame 0 of tab 11 crashed (when, nobody can say); its CTI iframe (frame 3) is still there; tab 12 was
    // reloaded at 30 s (a new page that knows no call); tab 13 has nothing live and is not asked.
    const answers: Record<string, FrameAnswer> = {
      '11:0': 'gone',
      '11:3': { live: ['cti-1'], ended: [], startedAt: 20_000 },
      '12:0': { live: [], ended: [], startedAt: 30_000 },
    };
    const asked: string[] = [];
    const restarted = worker(60_000, async (tabId, frameId) => {
      asked.push(`${tabId}:${frameId}`);
      return answers[`${tabId}:${frameId}`]!;
    });
    await restarted.recoverUnfinishedCalls();

    expect(asked.sort()).toEqual(['11:0', '11:3', '12:0']);
    const byKey = (state: TabCallState) => Object.fromEntries(Object.values(state.calls).map((c) => [c.callKey, [c.phase, c.endReason, c.endedAt]]));
    expect(byKey(await stateOf(restarted, 11))).toEqual({ 'cid-1': ['ended', 'ended-unknown', 9_000], 'cti-1': ['dialing', undefined, undefined] });
    expect(byKey(await stateOf(restarted, 12))).toEqual({ 'cid-9': ['ended', 'ended-unknown', 30_000] });
    expect(await records()).toMatchObject({
      'call-1': { phase: 'ended', endReason: 'ended-unknown', endedBy: 'unknown', connectedAt: 9_000, endedAt: 9_000 },
      'call-2': { phase: 'dialing' },
      'call-3': { phase: 'ended', endReason: 'ended-unknown', endedAt: 30_000 },
      'call-4': { phase: 'ended', endedAt: 9_800 },
    });
    // Through the one pass: the features' after-hooks heard each ending.
    expect(afterChanges.filter((c) => c.call.endReason === 'ended-unknown').map((c) => c.call.id).sort()).toEqual(['call-1', 'call-3']);
  });

  it('leaves a call alone while its frame is silent, has ended it itself, or has just spoken about it', async () => {
    const { worker, records } = session();
    const first = worker(10_000);
    await first.onMessage(envelope('call/signal', signal('connected', 9_000)), dialer(11, 0));
    await first.onMessage(envelope('call/signal', signal('connected', 9_100, { callKey: 'cid-2', remote: '13900139000' })), dialer(12, 0));
    await first.onMessage(envelope('call/signal', signal('connected', 9_200, { callKey: 'cid-3', remote: '13700137000' })), dialer(13, 0));

    const restarted = worker(60_000, async (tabId) => {
      if (tabId === 11) return 'silent';
      // Tab 12's page ended its call; the end it reported is on its way (re-posted over a new port).
      if (tabId === 12) return { live: [], ended: ['cid-2'], startedAt: 1_000 };
      // Tab 13's page speaks about its call while it is being asked, then answers from a new page.
      await restarted.onMessage(envelope('call/signal', signal('held', 59_000, { callKey: 'cid-3', remote: '13700137000' })), dialer(13, 0));
      return 'gone';
    });
    await restarted.recoverUnfinishedCalls();
    await restarted.onMessage(envelope('call/signal', signal('ended', 58_000, { callKey: 'cid-2', remote: '13900139000', endedBy: 'remote', endReason: 'hangup' })), dialer(12, 0));

    expect(await records()).toMatchObject({
      'call-1': { phase: 'connected' },
      'call-2': { phase: 'ended', endReason: 'hangup', endedBy: 'remote' },
      'call-3': { phase: 'held' },
    });
  });
});

describe('after a browser restart', () => {
  const stored = (id: string, phase: StoredCallRecord['phase'], updatedAt: number, extra: Partial<StoredCallRecord> = {}): StoredCallRecord => ({
    id,
    direction: 'outbound',
    remoteNumber: '13800138000',
    numberE164: '+8613800138000',
    phase,
    startedAt: updatedAt - 1_000,
    origin: 'http://127.0.0.1:5173',
    source: 'sip-ws',
    updatedAt,
    ...extra,
  });

  it('closes the records an earlier session left unfinished, keeping what else they hold, and counts them', async () => {
    const { dbName, worker, records, afterChanges } = session();
    const db = await openOnScriptDb(undefined, dbName);
    await db.put('calls', stored('crashed', 'connected', 5_000, { connectedAt: 4_500, notes: 'promised to pay' }));
    await db.put('calls', stored('rang', 'ringing', 6_000));
    await db.put('calls', stored('finished', 'ended', 7_000, { endedAt: 7_000, endReason: 'hangup', endedBy: 'local' }));
    db.close();

    // storage.session is empty: the browser started afresh. This worker's own new call is not a leftover.
    const bg = worker(1_000_000, async () => ({ live: ['cid-1'], ended: [], startedAt: 990_000 }));
    await bg.onMessage(envelope('call/signal', signal('dialing', 999_000)), dialer(21, 0));
    await bg.recoverUnfinishedCalls();

    const after = await records();
    expect(after['crashed']).toEqual({
      ...stored('crashed', 'ended', 5_000, { connectedAt: 4_500, notes: 'promised to pay' }),
      endedAt: 5_000,
      endedBy: 'unknown',
      endReason: 'ended-unknown',
    });
    expect(after['rang']).toMatchObject({ phase: 'ended', endReason: 'ended-unknown', endedAt: 6_000 });
    expect(after['finished']).toMatchObject({ endReason: 'hangup', endedBy: 'local' });
    expect(after['call-1']).toMatchObject({ phase: 'dialing' });
    // Counted as attempts: the one that connected as a conversation, the one that rang as unanswered.
    const verdict = await bg.onMessage(envelope('compliance/evaluate', { phone: '+8613800138000' }), panel());
    expect(verdict).toMatchObject({ ok: true, value: { caps: { counts: { conversations: 1, unansweredToNumberToday: 2 } } } });
    expect(afterChanges.filter((c) => c.call.phase === 'ended').map((c) => [c.call.id, c.previous?.phase, c.call.phase])).toEqual([
      ['crashed', 'connected', 'ended'],
      ['rang', 'ringing', 'ended'],
    ]);
  });

  it('closes nothing a stored tab state holds live (its frame is asked instead)', async () => {
    const { worker, records } = session();
    await worker(10_000).onMessage(envelope('call/signal', signal('connected', 9_000)), dialer(11, 0));
    await worker(60_000, async () => ({ live: ['cid-1'], ended: [], startedAt: 1_000 })).recoverUnfinishedCalls();
    expect(await records()).toMatchObject({ 'call-1': { phase: 'connected' } });
  });
});

describe('askFrame', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the probe to the one frame and reads its report', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ live: ['a'], ended: ['b'], startedAt: 5 });
    await expect(askFrame(4, 2)).resolves.toEqual({ live: ['a'], ended: ['b'], startedAt: 5 });
    expect(send).toHaveBeenCalledWith(4, envelope('call/probe-frame', {}), { frameId: 2 });
  });

  it('takes no receiving end, or an answer that is not a report, for a frame that is gone once it never answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4 } as Browser.tabs.Tab);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(askFrame(4, 0, [1, 1])).resolves.toBe('gone');
    expect(send).toHaveBeenCalledTimes(3);
    send.mockResolvedValue(undefined);
    await expect(askFrame(4, 0, [])).resolves.toBe('gone');
  });

  it("asks a frame between two pages again, and reads the new page's report (a reload while the worker was stopped)", async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4 } as Browser.tabs.Tab);
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce({ live: [], ended: [], startedAt: 7 });
    await expect(askFrame(4, 0, [1, 1])).resolves.toEqual({ live: [], ended: [], startedAt: 7 });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not ask again in a tab that is closed', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 4.'));
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(askFrame(4, 0, [1, 1])).resolves.toBe('gone');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('calls a frame that does not answer in time silent', async () => {
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockReturnValue(new Promise(() => undefined));
    const answer = askFrame(4, 0);
    await vi.advanceTimersByTimeAsync(FRAME_PROBE_TIMEOUT_MS);
    await expect(answer).resolves.toBe('silent');
  });
});
