import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LiveCall, TabCallState } from '../../../../lib/calls/types';
import { createBackgroundChannel, type BackgroundChannel } from '../../../../lib/extension/pages/background-channel';
import { cnCardLoanPack } from '../../../../lib/packs/defaults';
import type { ScriptCallView } from '../../../../lib/protocol/script-messages';
import type { TeamStatus } from '../../../../lib/protocol/team-messages';
import { createScriptProgress } from '../../../../lib/script/engine';
import { envelope } from '../../../../lib/protocol/envelope';

/**
 * Issue 14, item 7: an extension page acts on what the background tells it (a tab's calls, a script change, a
 * keyboard command, a pack change) only when the background told it, and only in the shape the background
 * sends. A forged state with revision 1e15 used to freeze the panel: every later real state looked older.
 */
const fromBackground = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') });
const fromDialerPage = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 3 } as Browser.tabs.Tab,
  url: 'http://127.0.0.1:8080/dialer.html',
});

const call = (extra: Partial<LiveCall> = {}): LiveCall => ({
  id: 'c1',
  tabId: 3,
  frameId: 0,
  callKey: 'k1',
  origin: 'http://127.0.0.1:8080',
  source: 'sip-ws',
  direction: 'outbound',
  remoteNumber: '13800138000',
  phase: 'connected',
  startedAt: 1_000,
  updatedAt: 2_000,
  ...extra,
});
const state = (extra: Partial<TabCallState> = {}): TabCallState => ({ tabId: 3, calls: { c1: call() }, revision: 4, ...extra });

let channel: BackgroundChannel | undefined;
afterEach(() => {
  channel?.close();
  channel = undefined;
});

function listen() {
  channel = createBackgroundChannel();
  const heard: { type: string; payload: unknown }[] = [];
  channel.on('tab/state-changed', (payload) => heard.push({ type: 'tab/state-changed', payload }));
  channel.on('script/command', (payload) => heard.push({ type: 'script/command', payload }));
  channel.on('script/changed', (payload) => heard.push({ type: 'script/changed', payload }));
  channel.on('packs/changed', (payload) => heard.push({ type: 'packs/changed', payload }));
  channel.on('team/status-changed', (payload) => heard.push({ type: 'team/status-changed', payload }));
  return heard;
}

describe('what extension pages hear from the background (issue 14, item 7)', () => {
  it('hears every message in the shape the background makes it: a script view with its revision, the team status, a call with what the page and the agent said', async () => {
    const heard = listen();
    const view: ScriptCallView = {
      callId: 'c1',
      packId: cnCardLoanPack.id,
      packVersion: cnCardLoanPack.version,
      progress: createScriptProgress(cnCardLoanPack, 1_000),
      variables: {},
      debtorRef: '',
      disposition: null,
      revision: 3,
    };
    const status: TeamStatus = {
      enrolled: { hubUrl: 'https://hub.agency.example', agent: 'ana', team: 'north', role: 'agent', enrolledAt: 1 },
      onHubUnreachable: 'warn',
      outbox: { calls: 0, attempts: 0, callChanges: 0, flags: 0, refused: 1 },
      refusedItems: [{ id: 'call:c9:2', kind: 'call', at: 5, code: 'invalid', message: 'startedAt is missing' }],
      sync: { hub: 'ok', lastSyncAt: 10, lastError: { at: 4, code: 'network', message: 'offline' } },
    };
    const told = state({
      calls: { c1: call({ endReason: 'ended-unknown', pageFields: { 'location.region': 'CA' }, enteredLocation: { region: 'US-CA', postalCode: '94105' } }) },
    });
    await fakeBrowser.runtime.onMessage.trigger(envelope('script/changed', view), fromBackground());
    await fakeBrowser.runtime.onMessage.trigger(envelope('team/status-changed', status), fromBackground());
    await fakeBrowser.runtime.onMessage.trigger(envelope('tab/state-changed', told), fromBackground());
    expect(heard).toEqual([
      { type: 'script/changed', payload: view },
      { type: 'team/status-changed', payload: status },
      { type: 'tab/state-changed', payload: told },
    ]);
  });

  it('delivers what the background tells, as checked', async () => {
    const heard = listen();
    await fakeBrowser.runtime.onMessage.trigger(envelope('tab/state-changed', state()), fromBackground());
    await fakeBrowser.runtime.onMessage.trigger(envelope('script/command', { command: 'script-next' }), fromBackground());
    await fakeBrowser.runtime.onMessage.trigger(
      envelope('packs/changed', { at: 5, packId: 'cn-card-loan', fromVersion: '1.0.0', toVersion: '1.1.0', reason: 'newer-version' }),
      fromBackground(),
    );
    expect(heard.map((message) => message.type)).toEqual(['tab/state-changed', 'script/command', 'packs/changed']);
    expect(heard[0]!.payload).toEqual(state());
  });

  it('drops a broadcast a dialer page\'s content script sent, however well-formed', async () => {
    const heard = listen();
    await fakeBrowser.runtime.onMessage.trigger(envelope('tab/state-changed', state({ revision: 1e15 })), fromDialerPage());
    await fakeBrowser.runtime.onMessage.trigger(envelope('script/command', { command: 'script-next' }), fromDialerPage());
    expect(heard).toEqual([]);
  });

  it.each([
    ['a revision no worker could reach, which would freeze the panel', state({ revision: 1e15 })],
    ['a fractional revision', state({ revision: 1.5 })],
    ['a call filed under another id', state({ calls: { other: call() } })],
    ['a call of another tab', state({ calls: { c1: call({ tabId: 4 }) } })],
    ['a call with an unknown phase', state({ calls: { c1: call({ phase: 'exploded' as LiveCall['phase'] }) } })],
    ['a number longer than any signal carries', state({ calls: { c1: call({ remoteNumber: '1'.repeat(65) }) } })],
    ['an extra field', { ...state(), injected: '<img src=x onerror=alert(1)>' }],
    ['more calls than a tab keeps', state({ calls: Object.fromEntries(Array.from({ length: 500 }, (_, n) => [`c${n}`, call({ id: `c${n}` })])) })],
    ['a verdict that is not an assessment', state({ calls: { c1: call({ verdict: { assessment: 'allow' } as unknown as LiveCall['verdict'] }) } })],
  ])('drops a tab state with %s, even from the background', async (_what, forged) => {
    const heard = listen();
    await fakeBrowser.runtime.onMessage.trigger(envelope('tab/state-changed', forged as TabCallState), fromBackground());
    expect(heard).toEqual([]);
  });

  it.each([
    ['script/command', { command: 'format-disk' }],
    ['script/command', { command: 'script-next', extra: 1 }],
    ['script/changed', { callId: 'c1' }],
    ['packs/changed', { at: 5, packId: 'x', toVersion: 'not a version', reason: 'newer-version' }],
    ['packs/changed', { at: 5, packId: 'x', toVersion: '1.0.0', reason: 'because' }],
  ] as const)('drops a malformed %s', async (type, payload) => {
    const heard = listen();
    await fakeBrowser.runtime.onMessage.trigger(envelope(type, payload as never), fromBackground());
    expect(heard).toEqual([]);
  });
});

describe('the background\'s real messages pass the pages\' checks', () => {
  it('a call with its compliance verdict, and a script view of a default pack', async () => {
    const { assessNumber } = await import('../../../../lib/compliance/assessment');
    const { getProfile } = await import('../../../../lib/compliance/profiles');
    const { createScriptProgress, applyScriptAction } = await import('../../../../lib/script/engine');
    const { cnCardLoanPack } = await import('../../../../lib/packs/defaults');
    const { validateTabCallState } = await import('../../../../lib/protocol/call-messages');
    const { validateScriptCallView } = await import('../../../../lib/protocol/script-messages');
    const profile = getProfile('CN-CBA-2026');
    if (!profile) throw new Error('no CN-CBA-2026 profile');
    const assessment = assessNumber({ phone: '+8613800138000', at: Date.UTC(2026, 10, 28, 15), profile, log: [], flags: [] });
    const told = state({ calls: { c1: call({ verdict: { assessment, override: { reason: 'debtor asked for a call', until: 9, callId: 'c0' } } }) } });
    expect(validateTabCallState(told)).toEqual({ ok: true, value: told });
    let progress = createScriptProgress(cnCardLoanPack, 1_000);
    progress = applyScriptAction(cnCardLoanPack, progress, { type: 'next' }, 2_000).progress;
    const view = { callId: 'c1', packId: cnCardLoanPack.id, packVersion: cnCardLoanPack.version, progress, variables: { 'debt.amount': '1200' }, debtorRef: 'D-1', disposition: null };
    expect(validateScriptCallView(view)).toEqual({ ok: true, value: view });
  });
});

describe("a side panel's direct channel from Chrome's worker", () => {
  afterEach(() => vi.restoreAllMocks());
  /** A runtime port as the page holds it; the test plays the background. */
  function runtimePort() {
    const listeners: ((m: unknown) => void)[] = [];
    const posted: unknown[] = [];
    const port = {
      name: 'onscript:panel',
      postMessage: (m: unknown) => void posted.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (l: (m: unknown) => void) => void listeners.push(l) },
      onDisconnect: { addListener: () => undefined },
    };
    return { port: port as unknown as Browser.runtime.Port, posted, tell: (m: unknown) => listeners.forEach((l) => l(m)) };
  }

  it('offers the worker a channel with the token it gives on its port, hears the background there, and drops what the port still brings', async () => {
    const runtime = runtimePort();
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(runtime.port);
    const offers: { message: unknown; transfer: Transferable[] }[] = [];
    const container = {
      getRegistration: async () => ({ active: { postMessage: (message: unknown, transfer: Transferable[]) => void offers.push({ message, transfer }) } }),
    };
    channel = createBackgroundChannel(container);
    const heard: number[] = [];
    channel.on('tab/state-changed', (payload) => heard.push(payload.revision!));
    await vi.waitFor(() => expect(offers).toHaveLength(1));

    const token = (offers[0]!.message as { panelChannel: string }).panelChannel;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(runtime.posted).toEqual([{ panelChannel: token }]);
    const workerEnd = offers[0]!.transfer[0] as MessagePort;

    // Before the worker speaks on the channel, the port is heard.
    runtime.tell(envelope('tab/state-changed', state({ revision: 5 })));
    workerEnd.postMessage(envelope('tab/state-changed', state({ revision: 6 })));
    await vi.waitFor(() => expect(heard).toEqual([5, 6]));
    // Posted on the port before the pair was made, arriving late: older than what the channel brought.
    runtime.tell(envelope('tab/state-changed', state({ revision: 4 })));
    workerEnd.postMessage(envelope('tab/state-changed', state({ revision: 7 })));
    await vi.waitFor(() => expect(heard).toEqual([5, 6, 7]));
    workerEnd.close();
  });

  it('listens on its port alone where there is no worker registration (Firefox)', async () => {
    const runtime = runtimePort();
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(runtime.port);
    channel = createBackgroundChannel({ getRegistration: async () => undefined });
    const heard: number[] = [];
    channel.on('tab/state-changed', (payload) => heard.push(payload.revision!));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runtime.posted).toEqual([]);
    runtime.tell(envelope('tab/state-changed', state({ revision: 5 })));
    expect(heard).toEqual([5]);
  });
});
