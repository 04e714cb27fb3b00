import { describe, expect, it } from 'vitest';
import { createPanelState, sharingUnchanged } from '../../components/panel-state';
import type { LiveCall, TabCallState } from '../../lib/calls/types';
import type { PanelClient } from '../../lib/extension/pages/panel-client';
import { liveCallFixture } from '../fixtures/live-call';

const stateAt = (revision: number, phase: 'ringing' | 'connected'): TabCallState => ({
  tabId: 7,
  calls: { c1: liveCallFixture({ id: 'c1', phase }) },
  revision,
});

describe('panel state', () => {
  it('keeps a pushed state that is newer than the first read, when that read answers late', async () => {
    let answerRead: (state: TabCallState) => void = () => {};
    let push: (state: TabCallState) => void = () => {};
    const client: PanelClient = {
      resolveTabId: async () => 7,
      getTabState: () => new Promise((resolve) => (answerRead = resolve)),
      listRecentCalls: async () => [],
      onTabStateChanged: (callback) => {
        push = callback;
        return () => undefined;
      },
      onReconnected: () => () => undefined,
      onActiveTabChanged: () => () => undefined,
      loadLanguageSetting: async () => 'auto',
    };
    const panel = createPanelState({ client, browserLanguages: ['en'] });
    const started = panel.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    push(stateAt(2, 'connected'));
    answerRead(stateAt(1, 'ringing'));
    await started;
    expect(panel.tabState.value?.revision).toBe(2);
    // The same state again (port, then broadcast) and an older one change nothing.
    const shown = panel.tabState.value;
    push(stateAt(2, 'connected'));
    push(stateAt(1, 'ringing'));
    expect(panel.tabState.value).toBe(shown);
    push(stateAt(3, 'ringing'));
    expect(panel.tabState.value?.revision).toBe(3);
    panel.dispose();
  });

  it('renders first in the language it could read at once, then applies a policy lock that answered late', async () => {
    const client: PanelClient = {
      resolveTabId: async () => 7,
      getTabState: async () => stateAt(1, 'ringing'),
      listRecentCalls: async () => [],
      onTabStateChanged: () => () => undefined,
      onReconnected: () => () => undefined,
      onActiveTabChanged: () => () => undefined,
      // The agent chose English; the policy, slow to answer on a cold browser, locks Chinese.
      loadLanguageSetting: async ({ waitForPolicy = false } = {}) => (waitForPolicy ? 'zh-CN' : 'en'),
    };
    const panel = createPanelState({ client, browserLanguages: ['en'] });
    await panel.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel.language.value).toBe('zh-CN');
    panel.dispose();
  });

  it('keeps what did not change as the same objects, so values derived from it do not look new', () => {
    const verdict = { assessment: { at: 1, action: 'none' } } as unknown as NonNullable<LiveCall['verdict']>;
    const before: TabCallState = {
      tabId: 7,
      revision: 1,
      calls: {
        c1: liveCallFixture({ id: 'c1', phase: 'ringing', verdict, pageFields: { 'debtor.name': 'Li' } }),
        c0: liveCallFixture({ id: 'c0', phase: 'ended' }),
      },
    };
    const next = structuredClone({ ...before, revision: 2, calls: { ...before.calls, c1: { ...before.calls['c1']!, phase: 'connected' as const } } });
    const shared = sharingUnchanged(before, next);
    expect(shared.revision).toBe(2);
    // The unchanged call is the one shown before; the changed one is new, with its unchanged parts shared.
    expect(shared.calls['c0']).toBe(before.calls['c0']);
    expect(shared.calls['c1']).not.toBe(before.calls['c1']);
    expect(shared.calls['c1']!.phase).toBe('connected');
    expect(shared.calls['c1']!.verdict).toBe(verdict);
    expect(shared.calls['c1']!.pageFields).toBe(before.calls['c1']!.pageFields);
    // A part that changed is taken as received; another tab's state shares nothing.
    const moved = structuredClone({ ...next, calls: { c1: { ...next.calls['c1']!, pageFields: { 'debtor.name': 'Wang' } } } });
    expect(sharingUnchanged(shared, moved).calls['c1']!.pageFields).toEqual({ 'debtor.name': 'Wang' });
    expect(sharingUnchanged(shared, moved).calls['c1']!.verdict).toBe(verdict);
    const otherTab = structuredClone({ ...next, tabId: 8 });
    expect(sharingUnchanged(shared, otherTab)).toBe(otherTab);
  });
});
