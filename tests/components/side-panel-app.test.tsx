// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialerAccess, TabAccess } from '../../components/detection/dialer-access';
import { SidePanelApp } from '../../components/side-panel-app';
import type { CallRecord, LiveCall, TabCallState } from '../../lib/calls/types';
import type { PanelClient } from '../../lib/extension/pages/panel-client';
import { assessNumber } from '../../lib/compliance/assessment';
import { PROFILES } from '../../lib/compliance/profiles';
import { liveCallFixture } from '../fixtures/live-call';
import { fakeSidePanelModel, idlePanelClient } from '../fixtures/side-panel';

afterEach(cleanup);

function fakeClient(initial: TabCallState, recent: CallRecord[] = []) {
  let broadcast: ((state: TabCallState) => void) | undefined;
  const client: PanelClient = idlePanelClient({
    resolveTabId: async () => initial.tabId,
    getTabState: async () => initial,
    listRecentCalls: async () => recent,
    onTabStateChanged: (callback) => {
      broadcast = callback;
      return () => (broadcast = undefined);
    },
  });
  return { client, push: (state: TabCallState) => act(() => broadcast?.(state)) };
}

const call = (extra: Partial<LiveCall> = {}): LiveCall => liveCallFixture(extra);

async function renderPanel(client: PanelClient, { now = 65_000, languages = ['en-US'] } = {}) {
  const model = fakeSidePanelModel({ clients: { panel: client }, now: () => now, browserLanguages: languages });
  render(<SidePanelApp model={model} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return model.panel;
}

describe('SidePanelApp', () => {
  it('says there is no call, then shows the call the background broadcasts', async () => {
    const { client, push } = fakeClient({ tabId: 3, calls: {} });
    await renderPanel(client);
    expect(screen.getByTestId('no-call').textContent).toMatch(/No call in this tab/);
    // The layout's hook (panel.css docks the notes box during a call): no call, no phase.
    expect(document.querySelector('main')?.getAttribute('data-call-phase')).toBe('none');

    await push({ tabId: 3, calls: { c1: call() } });
    expect(screen.getByTestId('call-number').textContent).toBe('13800138000');
    expect(screen.getByRole('status').textContent).toBe('Connected');
    // Timer derives from the stored connect time: 65 s − 2 s.
    expect(screen.getByRole('timer').textContent).toBe('1:03');
  });

  it('ignores broadcasts for other tabs', async () => {
    const { client, push } = fakeClient({ tabId: 3, calls: {} });
    await renderPanel(client);
    await push({ tabId: 99, calls: { c1: call({ tabId: 99 }) } });
    expect(screen.queryByTestId('call-number')).toBeNull();
  });

  it('speaks Chinese to a Chinese browser', async () => {
    const { client } = fakeClient({ tabId: 3, calls: { c1: call({ phase: 'held' }) } });
    await renderPanel(client, { languages: ['zh-CN', 'en'] });
    expect(screen.getByRole('status').textContent).toBe('保持中');
    expect(screen.getByText('号码')).toBeTruthy();
  });

  it('renders a page-supplied number as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const { client } = fakeClient({ tabId: 3, calls: { c1: call({ remoteNumber: hostile }) } });
    await renderPanel(client);
    expect(screen.getByTestId('call-number').textContent).toBe(hostile);
    expect(document.querySelector('img')).toBeNull();
  });

  it('redraws only the call card when the call changes phase, not the script, the notes or the calling rules', async () => {
    const verdict = { assessment: assessNumber({ phone: '13800138000', at: 1_000, profile: PROFILES['CN-CBA-2026'], log: [], flags: [] }) };
    const ringing = call({ phase: 'ringing', connectedAt: undefined, updatedAt: 1_500, verdict, pageFields: { 'debtor.name': 'Li Lei' } });
    const { client, push } = fakeClient({ tabId: 3, calls: {} });
    await renderPanel(client);
    await push({ tabId: 3, revision: 1, calls: { c1: ringing } });
    expect(screen.getByTestId('call-phase').textContent).toBe('Ringing');
    // What the new call started (the notes and script load their record) has settled.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    // Each message from the background is a fresh copy: the verdict and page fields are equal, not the same objects.
    const connected = structuredClone({ ...ringing, phase: 'connected' as const, connectedAt: 2_000, updatedAt: 2_000 });
    const drawn = new Set<string>();
    const before = options.diffed;
    options.diffed = (vnode: VNode) => {
      if (typeof vnode.type === 'function') drawn.add(vnode.type.name);
      before?.(vnode);
    };
    try {
      await push({ tabId: 3, revision: 2, calls: { c1: connected } });
    } finally {
      options.diffed = before;
    }
    expect(screen.getByTestId('call-phase').textContent).toBe('Connected');
    expect(document.querySelector('main')?.getAttribute('data-call-phase')).toBe('connected');
    expect(drawn).toContain('CallCard');
    for (const name of ['PanelBody', 'PanelHeader', 'CallView', 'ScriptSection', 'ScriptView', 'NotesSection', 'NotesEditor', 'ComplianceSection', 'ComplianceGlance']) {
      expect([...drawn].join(' '), name).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('names who ended the call in wrap-up', async () => {
    const ended = call({ phase: 'ended', endedAt: 30_000, endedBy: 'remote', endReason: 'hangup' });
    const { client } = fakeClient({ tabId: 3, calls: { c1: ended } });
    await renderPanel(client);
    expect(screen.getByText(/The customer hung up/)).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('0:28');
  });
});

describe('SidePanelApp with two calls', () => {
  it('shows the connected call and names the second line that rings', async () => {
    const { client } = fakeClient({
      tabId: 3,
      calls: {
        c1: call(),
        c2: call({ id: 'c2', callKey: 'k2', direction: 'inbound', remoteNumber: '13900139000', phase: 'ringing', connectedAt: undefined, startedAt: 50_000, updatedAt: 50_000 }),
      },
    });
    await renderPanel(client);
    expect(screen.getByTestId('call-number').textContent).toBe('13800138000');
    expect(screen.getByTestId('other-calls').textContent).toBe('Also: 13900139000 · Inbound · Ringing');
  });
});

describe('SidePanelApp on a site OnScript does not run on', () => {
  it('offers to enable detection while no call is shown, and not once a call is', async () => {
    const access: DialerAccess & TabAccess = {
      list: async () => [],
      policy: async () => [],
      enable: async () => false,
      disable: async () => true,
      onChanged: () => () => undefined,
      declared: () => [],
      tabUrl: async () => undefined,
      reloadTab: async () => undefined,
    };
    const { client, push } = fakeClient({ tabId: 3, calls: {} });
    const model = fakeSidePanelModel({ clients: { panel: client, dialerAccess: access }, now: () => 65_000, browserLanguages: ['en-US'] });
    render(<SidePanelApp model={model} />);
    expect(await screen.findByRole('region', { name: 'Call detection is off here' })).toBeTruthy();
    await push({ tabId: 3, calls: { c1: call() } });
    expect(screen.queryByRole('region', { name: 'Call detection is off here' })).toBeNull();
  });
});

describe('SidePanelApp views', () => {
  it('keeps the day’s work in its own view, switched by tabs that arrow keys move, and a new call brings the call view back', async () => {
    const { client, push } = fakeClient({ tabId: 3, calls: {} }, [
      { ...call({ id: 'old', phase: 'ended', endedAt: 30_000 }), notes: '' } as unknown as CallRecord,
    ]);
    await renderPanel(client);
    const callTab = screen.getByRole('tab', { name: 'Call' });
    const dayTab = screen.getByRole('tab', { name: 'My day' });
    expect(callTab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').id).toBe('panel-view-call');
    // Recent calls live in the day view, hidden under the call view.
    expect(screen.getByTestId('view-day').hidden).toBe(true);
    expect(screen.getByTestId('view-day').textContent).toContain('Recent calls');
    expect(screen.getByTestId('view-call').textContent).not.toContain('Recent calls');

    callTab.focus();
    fireEvent.keyDown(callTab, { key: 'ArrowRight' });
    await act(async () => undefined);
    expect(dayTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(dayTab);
    expect(callTab.tabIndex).toBe(-1);
    expect(screen.getByTestId('view-call').hidden).toBe(true);
    expect(screen.getByRole('tabpanel').id).toBe('panel-view-day');

    await push({ tabId: 3, calls: { c1: call() } });
    expect(callTab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('view-day').hidden).toBe(true);
  });

  it('puts the call, its state and the calling rules at a glance in the header, and the full rules one click away', async () => {
    const { client } = fakeClient({ tabId: 3, calls: { c1: call({ phase: 'held' }) } });
    await renderPanel(client);
    const bar = screen.getByTestId('panel-bar');
    expect(bar.contains(screen.getByTestId('call-number'))).toBe(true);
    expect(bar.contains(screen.getByTestId('call-timer'))).toBe(true);
    expect(bar.contains(screen.getByTestId('compliance-glance'))).toBe(true);
    // The full section is inside a closed disclosure, after the script and the notes.
    const more = screen.getByTestId('more-compliance') as HTMLDetailsElement;
    expect(more.open).toBe(false);
    expect(more.contains(screen.getByTestId('compliance-section'))).toBe(true);
    const order = [...document.querySelectorAll('[data-testid="script"], .notes, [data-testid="more-compliance"]')];
    expect(order.map((element) => element.getAttribute('data-testid') ?? element.className)).toEqual(['script', 'notes', 'more-compliance']);
  });
});
