import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { MAX_LIVE_CALLS_PER_TAB } from '../../../../lib/calls/tab-calls';
import type { CallSignal, TabCallState } from '../../../../lib/calls/types';
import { listRecentCallRecords } from '../../../../lib/db/calls-repository';
import { openOnScriptDb } from '../../../../lib/db/schema';
import { createBackgroundService } from '../../../../lib/extension/background/service';
import { defaultRegionSetting } from '../../../../lib/extension/shared/settings';
import { PANEL_PORT_NAME, SIGNAL_PORT_NAME, type PortAck } from '../../../../lib/extension/shared/ports';
import { envelope } from '../../../../lib/protocol/envelope';

const extensionOrigin = () => fakeBrowser.runtime.getURL('/');
const dialer = (tabId = 11, frameId = 0): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: tabId } as Browser.tabs.Tab,
  frameId,
  url: 'http://127.0.0.1:5173/dialer.html',
});
const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${extensionOrigin()}sidepanel.html` });

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
/** How many side panels the background is told are open. */
let panelsOpen = 1;
function service(dbName: string, now = () => 10_000) {
  let n = 0;
  return createBackgroundService({ now, newId: () => `call-${++n}`, openDb: () => openOnScriptDb(undefined, dbName), countPanels: async () => panelsOpen });
}

describe('background service', () => {
  it('folds content-script signals into persisted tab state and IndexedDB', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName);
    const send = (s: CallSignal) => bg.onMessage(envelope('call/signal', s), dialer());
    await expect(send(signal('dialing', 9_000))).resolves.toMatchObject({ ok: true, value: { accepted: true } });
    await send(signal('connected', 9_500));

    const state = await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel());
    expect(state).toMatchObject({ ok: true, value: { tabId: 11 } });
    const calls = Object.values((state as { value: TabCallState }).value.calls);
    expect(calls.map((c) => [c.id, c.phase, c.connectedAt])).toEqual([['call-1', 'connected', 9_500]]);

    const db = await openOnScriptDb(undefined, dbName);
    expect(await listRecentCallRecords(db, 5)).toMatchObject([{ id: 'call-1', phase: 'connected', origin: 'http://127.0.0.1:5173' }]);
    db.close();
  });

  it('carries on after a worker restart from what it persisted', async () => {
    const dbName = `bg-${++dbCounter}`;
    await service(dbName).onMessage(envelope('call/signal', signal('connected', 9_000)), dialer());
    // A new service instance is what a restarted worker builds: no memory of the first.
    const restarted = service(dbName);
    await restarted.onMessage(envelope('call/signal', signal('ended', 9_900, { endedBy: 'remote', endReason: 'hangup' })), dialer());
    const db = await openOnScriptDb(undefined, dbName);
    const records = await listRecentCallRecords(db, 5);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ phase: 'ended', connectedAt: 9_000, endedAt: 9_900, endedBy: 'remote' });
    db.close();
  });

  it('checks who sent what', async () => {
    const bg = service(`bg-${++dbCounter}`);
    await expect(bg.onMessage(envelope('calls/list-recent', { limit: 5 }), dialer())).resolves.toMatchObject({ ok: false });
    await expect(bg.onMessage(envelope('call/signal', signal('dialing', 1)), panel())).resolves.toMatchObject({ ok: false });
    const foreign = { ...dialer(), id: 'another-extension' };
    await expect(bg.onMessage(envelope('call/signal', signal('dialing', 1)), foreign)).resolves.toMatchObject({ ok: false });
    const noTab = { id: fakeBrowser.runtime.id, url: 'http://127.0.0.1/' };
    await expect(bg.onMessage(envelope('call/signal', signal('dialing', 1)), noTab)).resolves.toMatchObject({ ok: false });
  });

  it('refuses malformed payloads with a reason and ignores foreign messages', async () => {
    const bg = service(`bg-${++dbCounter}`);
    const forged = { ...signal('dialing', 1), remote: '<img src=x onerror=alert(1)>'.repeat(5) };
    await expect(bg.onMessage(envelope('call/signal', forged), dialer())).resolves.toEqual({ ok: false, error: 'bad remote' });
    expect(bg.onMessage({ hello: 'world' }, dialer())).toBeUndefined();
  });

  it('ends a closed tab’s live calls in the record and forgets the tab', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName, () => 20_000);
    await bg.onMessage(envelope('call/signal', signal('connected', 19_000)), dialer(12));
    await bg.onTabRemoved(12);
    const db = await openOnScriptDb(undefined, dbName);
    expect((await listRecentCallRecords(db, 1))[0]).toMatchObject({ phase: 'ended', endedAt: 20_000, endedBy: 'unknown' });
    db.close();
    const state = await bg.onMessage(envelope('tab/get-state', { tabId: 12 }), panel());
    expect((state as { value: TabCallState }).value.calls).toEqual({});
  });

  it('folds one tab’s signals in order even when they arrive together', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName);
    await Promise.all(
      (['dialing', 'ringing', 'connected', 'ended'] as const).map((phase, i) =>
        bg.onMessage(envelope('call/signal', signal(phase, 9_000 + i)), dialer()),
      ),
    );
    const db = await openOnScriptDb(undefined, dbName);
    const records = await listRecentCallRecords(db, 5);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ phase: 'ended', connectedAt: 9_002 });
    db.close();
  });

  it('normalizes the remote number with the region setting, keeps the raw one, and stores numberE164', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName);
    await defaultRegionSetting.setValue('CN');
    // The page claims another number in E.164; the background trusts its own reading of the raw number.
    await bg.onMessage(envelope('call/signal', signal('connected', 9_000, { remoteE164: '+14155552671', confidence: 0.9 })), dialer());
    const state = await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel());
    const [call] = Object.values((state as { value: TabCallState }).value.calls);
    expect(call).toMatchObject({ remoteNumber: '13800138000', remoteE164: '+8613800138000', confidence: 0.9 });
    const db = await openOnScriptDb(undefined, dbName);
    const [record] = await listRecentCallRecords(db, 5);
    expect(record).toMatchObject({ remoteNumber: '13800138000', numberE164: '+8613800138000' });
    db.close();
  });

  it('uses a region changed while the worker runs for the next signal', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName);
    await bg.onMessage(envelope('call/signal', signal('connected', 9_000, { remote: '020 7946 0018' })), dialer());
    // The options page writes the setting; the worker's cached region must follow.
    await defaultRegionSetting.setValue('GB');
    await bg.onMessage(envelope('call/signal', signal('ringing', 9_100, { callKey: 'cid-2', remote: '020 7946 0019' })), dialer());
    const state = await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel());
    const byKey = Object.fromEntries(Object.values((state as { value: TabCallState }).value.calls).map((c) => [c.callKey, c.remoteE164]));
    expect(byKey).toEqual({ 'cid-1': '+862079460018', 'cid-2': '+442079460019' });
  });

  it('keeps a page-supplied E.164 only when its own reading finds no number', async () => {
    const dbName = `bg-${++dbCounter}`;
    const bg = service(dbName);
    await bg.onMessage(envelope('call/signal', signal('ringing', 9_000, { remote: 'Alice', remoteE164: '+14155552671', source: 'ringcentral' })), dialer());
    const db = await openOnScriptDb(undefined, dbName);
    const [record] = await listRecentCallRecords(db, 5);
    expect(record).toMatchObject({ remoteNumber: 'Alice', numberE164: '+14155552671', source: 'ringcentral' });
    db.close();
  });

  describe('ports', () => {
    /** A fake runtime port as the background sees it: the test plays the other side. */
    function port(name: string, sender: Browser.runtime.MessageSender) {
      const toBackground: ((m: unknown) => void)[] = [];
      const onDisconnect: (() => void)[] = [];
      const fromBackground: unknown[] = [];
      const fake = {
        name,
        sender,
        disconnected: false,
        postMessage: (m: unknown) => fromBackground.push(m),
        disconnect: () => void (fake.disconnected = true),
        onMessage: { addListener: (l: (m: unknown) => void) => void toBackground.push(l) },
        onDisconnect: { addListener: (l: () => void) => void onDisconnect.push(l) },
      };
      return {
        port: fake as unknown as Browser.runtime.Port,
        fake,
        fromBackground,
        post: (m: unknown) => toBackground.forEach((l) => l(m)),
        close: () => onDisconnect.forEach((l) => l()),
      };
    }
    const acked = async (p: { fromBackground: unknown[] }, seq: number) =>
      vi.waitFor(() => expect(p.fromBackground).toContainEqual(expect.objectContaining({ ack: seq })));

    it("folds signals from a dialer frame's port, acknowledges each once handled, and pushes to panel ports", async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName);
      const panelPort = port(PANEL_PORT_NAME, panel());
      bg.onConnect(panelPort.port);
      const frame = port(SIGNAL_PORT_NAME, dialer());
      bg.onConnect(frame.port);
      frame.post({ seq: 0, message: envelope('call/signal', signal('dialing', 9_000)) });
      frame.post({ seq: 1, message: envelope('call/signal', signal('connected', 9_500)) });
      await acked(frame, 1);
      await acked(frame, 0);
      const pushed = panelPort.fromBackground as { type: string; payload: TabCallState }[];
      expect(pushed.map((m) => Object.values(m.payload.calls)[0]?.phase)).toEqual(['dialing', 'connected']);
      // The same signal again (a re-post after a worker stop) changes nothing and pushes nothing.
      frame.post({ seq: 2, message: envelope('call/signal', signal('connected', 9_500)) });
      await acked(frame, 2);
      expect(pushed).toHaveLength(2);
    });

    it('tells the panel before it writes the tab state to storage, so the browser does not hold the panel behind the write', async () => {
      const bg = service(`bg-${++dbCounter}`);
      const order: string[] = [];
      const panelPort = port(PANEL_PORT_NAME, panel());
      panelPort.fake.postMessage = (m: unknown) => order.push(`told ${(m as { type: string }).type}`);
      const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
      vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation((items) => {
        if (Object.keys(items).some((key) => key.startsWith('tab-call'))) order.push('stored tab state');
        return set(items);
      });
      bg.onConnect(panelPort.port);
      // Opening a panel port counts the panels at once, so the first signal does not wait for the count.
      await bg.onMessage(envelope('call/signal', signal('dialing', 9_000)), dialer());
      await bg.onMessage(envelope('call/signal', signal('connected', 9_500)), dialer());
      expect(order).toEqual(['told tab/state-changed', 'stored tab state', 'told tab/state-changed', 'stored tab state']);
    });

    it("pushes to a panel on its direct channel once the channel and the panel port's token are paired, and closes it with the port", async () => {
      const bg = service(`bg-${++dbCounter}`);
      const panelPort = port(PANEL_PORT_NAME, panel());
      bg.onConnect(panelPort.port);
      const channel = { sent: [] as unknown[], closed: false, postMessage: (m: unknown) => void channel.sent.push(m), close: () => void (channel.closed = true) };
      const source = { url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html`, type: 'window' };
      expect(bg.onWorkerMessage({ data: { panelChannel: 'token' }, source, ports: [channel] })).toBe(true);
      await bg.onMessage(envelope('call/signal', signal('dialing', 9_000)), dialer());
      panelPort.post({ panelChannel: 'token' });
      await bg.onMessage(envelope('call/signal', signal('connected', 9_500)), dialer());
      const phases = (sent: unknown[]) => (sent as { payload: TabCallState }[]).map((m) => Object.values(m.payload.calls)[0]?.phase);
      expect(phases(panelPort.fromBackground)).toEqual(['dialing']);
      expect(phases(channel.sent)).toEqual(['connected']);
      panelPort.close();
      expect(channel.closed).toBe(true);
    });

    it("ends a frame's live calls when its signal port closes (its page went away), tells the panel and counts the call", async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName, () => 12_000);
      await defaultRegionSetting.setValue('CN');
      const panelPort = port(PANEL_PORT_NAME, panel());
      bg.onConnect(panelPort.port);
      const top = port(SIGNAL_PORT_NAME, dialer(11, 0));
      const child = port(SIGNAL_PORT_NAME, dialer(11, 2));
      bg.onConnect(top.port);
      bg.onConnect(child.port);
      top.post({ seq: 0, message: envelope('call/signal', signal('connected', 11_000)) });
      child.post({ seq: 0, message: envelope('call/signal', signal('dialing', 11_500, { callKey: 'cid-2', remote: '13900139000' })) });
      await acked(top, 0);
      await acked(child, 0);

      top.close();
      const pushed = panelPort.fromBackground as { type: string; payload: TabCallState }[];
      await vi.waitFor(() => expect(pushed).toHaveLength(3));
      const calls = Object.values(pushed[2]!.payload.calls);
      expect(calls.map((c) => [c.callKey, c.phase, c.endReason, c.endedAt])).toEqual([
        ['cid-1', 'ended', 'ended-unknown', 12_000],
        ['cid-2', 'dialing', undefined, undefined],
      ]);
      const db = await openOnScriptDb(undefined, dbName);
      expect((await listRecentCallRecords(db, 5)).map((r) => [r.remoteNumber, r.phase, r.endReason, r.endedBy])).toEqual([
        ['13900139000', 'dialing', undefined, undefined],
        ['13800138000', 'ended', 'ended-unknown', 'unknown'],
      ]);
      db.close();
      // The caps count it: it connected, so it was a conversation.
      const verdict = await bg.onMessage(envelope('compliance/evaluate', { phone: '+8613800138000' }), panel());
      expect(verdict).toMatchObject({ ok: true, value: { caps: { counts: { attempts: 1, conversations: 1 } } } });
    });

    it('spares the calls a newer page in the same frame already reports when the older page’s port closes late', async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName, () => 12_000);
      const before = port(SIGNAL_PORT_NAME, dialer(11, 0));
      bg.onConnect(before.port);
      before.post({ seq: 0, message: envelope('call/signal', signal('connected', 11_000)) });
      await acked(before, 0);
      // The reloaded page (another renderer) is faster than the old page's disconnect.
      const after = port(SIGNAL_PORT_NAME, dialer(11, 0));
      bg.onConnect(after.port);
      after.post({ seq: 0, message: envelope('call/signal', signal('dialing', 11_900, { callKey: 'cid-new', remote: '13900139000' })) });
      before.close();
      await acked(after, 0);
      await vi.waitFor(async () => {
        const state = await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel());
        const byKey = Object.fromEntries(Object.values((state as { value: TabCallState }).value.calls).map((c) => [c.callKey, c.phase]));
        expect(byKey).toEqual({ 'cid-1': 'ended', 'cid-new': 'dialing' });
      });
    });

    it("takes nothing but call signals on the signal port, and no signal from an extension page's port", async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName);
      const frame = port(SIGNAL_PORT_NAME, dialer());
      bg.onConnect(frame.port);
      frame.post({ seq: 0, message: envelope('tab/get-state', { tabId: 11 }) });
      frame.post({ seq: 1, message: 'not an envelope' });
      const page = port(SIGNAL_PORT_NAME, panel());
      bg.onConnect(page.port);
      page.post({ seq: 0, message: envelope('call/signal', signal('dialing', 9_000)) });
      await acked(frame, 1);
      await acked(page, 0);
      // Acknowledged (the frame stops re-posting) but marked refused: never counted as delivered.
      expect(frame.fromBackground).toEqual([
        { ack: 0, refused: 'only call signals travel on this port' },
        { ack: 1, refused: 'only call signals travel on this port' },
      ]);
      expect(page.fromBackground).toEqual([{ ack: 0, refused: 'call/signal is not accepted from this sender' }]);
      const state = await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel());
      expect((state as { value: TabCallState }).value.calls).toEqual({});
    });

    it('refuses, on the port, a new call beyond the tab\'s limit: the frame hears why and nothing is recorded (issue 14, item 6)', async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName);
      const frame = port(SIGNAL_PORT_NAME, dialer());
      bg.onConnect(frame.port);
      for (let n = 0; n <= MAX_LIVE_CALLS_PER_TAB; n++) {
        frame.post({ seq: n, message: envelope('call/signal', signal('dialing', 9_000 + n, { callKey: `flood-${n}`, remote: `1390013${1000 + n}` })) });
      }
      await acked(frame, MAX_LIVE_CALLS_PER_TAB);
      const refused = (frame.fromBackground as PortAck[]).filter((ack) => ack.refused !== undefined);
      expect(refused).toEqual([{ ack: MAX_LIVE_CALLS_PER_TAB, refused: expect.stringContaining('calls that have not ended') }]);
      const state = (await bg.onMessage(envelope('tab/get-state', { tabId: 11 }), panel())) as { value: TabCallState };
      expect(Object.keys(state.value.calls)).toHaveLength(MAX_LIVE_CALLS_PER_TAB);
      const db = await openOnScriptDb(undefined, dbName);
      expect(await db.count('calls')).toBe(MAX_LIVE_CALLS_PER_TAB);
      db.close();
    });

    it('accepts the panel port only from extension pages; pushes each state once, over it, and broadcasts only while no panel has one', async () => {
      const dbName = `bg-${++dbCounter}`;
      const bg = service(dbName);
      const fromPage = port(PANEL_PORT_NAME, dialer());
      bg.onConnect(fromPage.port);
      expect(fromPage.fake.disconnected).toBe(true);

      const broadcasts: unknown[] = [];
      fakeBrowser.runtime.onMessage.addListener((m: unknown) => void broadcasts.push(m));
      const panelPort = port(PANEL_PORT_NAME, panel());
      bg.onConnect(panelPort.port);
      await bg.onMessage(envelope('call/signal', signal('dialing', 9_000)), dialer());
      const states = () => broadcasts.filter((m) => (m as { type?: string }).type === 'tab/state-changed') as { payload: TabCallState }[];
      expect(panelPort.fromBackground).toHaveLength(1);
      expect(states()).toEqual([]);
      panelPort.close();
      await bg.onMessage(envelope('call/signal', signal('connected', 9_100)), dialer());
      expect(panelPort.fromBackground).toHaveLength(1);
      expect(states().map((m) => m.payload.revision)).toEqual([2]);

      // A restarted worker with two panels open, only one of which has reconnected: one broadcast reaches both.
      panelsOpen = 2;
      try {
        const restarted = service(dbName);
        const reconnected = port(PANEL_PORT_NAME, panel());
        restarted.onConnect(reconnected.port);
        await restarted.onMessage(envelope('call/signal', signal('held', 9_200)), dialer());
        expect(reconnected.fromBackground).toHaveLength(0);
        expect(states().map((m) => m.payload.revision)).toEqual([2, 3]);
      } finally {
        panelsOpen = 1;
      }
    });
  });
});
