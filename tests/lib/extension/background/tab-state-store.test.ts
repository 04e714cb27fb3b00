import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabCallState } from '../../../../lib/calls/types';
import { createTabCallStore, loadTabCallState, saveTabCallState } from '../../../../lib/extension/background/tab-state-store';

const withCall = (tabId: number, phase: 'ringing' | 'connected'): TabCallState =>
  ({ tabId, calls: { a: { id: 'a', phase } } }) as unknown as TabCallState;

describe('tab call store', () => {
  it('writes through to storage.session, so a restarted worker (a new store) reads what was saved', async () => {
    const store = createTabCallStore();
    await store.save(withCall(3, 'connected')).written;
    expect(await loadTabCallState(3)).toEqual({ ...withCall(3, 'connected'), revision: 1 });
    expect(await createTabCallStore().load(3)).toEqual({ ...withCall(3, 'connected'), revision: 1 });
  });

  it('serves later reads from memory: a storage change it did not make is not read again', async () => {
    const store = createTabCallStore();
    await store.save(withCall(4, 'ringing')).written;
    // Only the background writes these keys; this write stands in for "storage was not asked again".
    await saveTabCallState(withCall(4, 'connected'));
    expect((await store.load(4)).calls['a']?.phase).toBe('ringing');
  });

  it('sees a save at once, before its storage write has landed', async () => {
    const store = createTabCallStore();
    const { written } = store.save(withCall(5, 'connected'));
    expect((await store.load(5)).calls['a']?.phase).toBe('connected');
    await written;
  });

  it('keeps a save made while the first storage read was in flight', async () => {
    await saveTabCallState(withCall(6, 'ringing'));
    const store = createTabCallStore();
    const reading = store.load(6);
    await store.save(withCall(6, 'connected')).written;
    expect((await reading).calls['a']?.phase).toBe('connected');
    expect((await store.load(6)).calls['a']?.phase).toBe('connected');
  });

  it('forgets a tab in memory and in storage; an unknown tab has no calls', async () => {
    const store = createTabCallStore();
    await store.save(withCall(7, 'connected')).written;
    await store.forget(7);
    expect(await store.load(7)).toEqual({ tabId: 7, calls: {} });
    expect(await fakeBrowser.storage.session.get('tab-calls:7')).toEqual({});
  });

  it('counts revisions per tab across saves and across a worker restart', async () => {
    const store = createTabCallStore();
    expect(store.save(withCall(8, 'ringing')).state.revision).toBe(1);
    await store.save(withCall(8, 'connected')).written;
    // A restarted worker continues from the stored revision.
    const restarted = createTabCallStore();
    const current = await restarted.load(8);
    expect(restarted.save({ ...current, calls: {} }).state.revision).toBe(3);
    expect(store.save(withCall(9, 'ringing')).state.revision).toBe(1);
  });
});

describe('what a save writes (issue 14, item 6)', () => {
  const live = (id: string, phase: 'ringing' | 'connected' | 'ended' = 'connected') =>
    ({ id, tabId: 11, frameId: 0, callKey: id, origin: 'http://127.0.0.1', source: 'sip-ws', direction: 'outbound', remoteNumber: '13800138000', phase, startedAt: 1, updatedAt: 1 }) as const;
  const manyCalls = (count: number): TabCallState => ({
    tabId: 11,
    calls: Object.fromEntries(Array.from({ length: count }, (_, n) => [`call-${n}`, live(`call-${n}`)])),
  });

  /** Bytes the store hands storage.session for one change of one call, with `count` calls in the tab. */
  async function bytesForOneChange(count: number): Promise<number> {
    const store = createTabCallStore();
    const before = manyCalls(count);
    await store.save(before).written;
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    await store.save({ ...before, calls: { ...before.calls, 'call-0': live('call-0', 'ended') } }).written;
    const bytes = set.mock.calls.reduce((sum, [items]) => sum + JSON.stringify(items).length, 0);
    set.mockRestore();
    await store.forget(11);
    return bytes;
  }

  it('writes only the call that changed: 5,000 calls in the tab cost a signal no more than 2', async () => {
    const few = await bytesForOneChange(2);
    const many = await bytesForOneChange(5_000);
    expect(many).toBe(few);
    expect(many).toBeLessThan(1_024);
  });

  it('a restarted worker reads every call back, and calls dropped from the state are gone from storage', async () => {
    const store = createTabCallStore();
    await store.save(manyCalls(3)).written;
    const { ['call-1']: _dropped, ...kept } = manyCalls(3).calls;
    await store.save({ tabId: 11, calls: kept }).written;
    const restarted = await createTabCallStore().load(11);
    expect(Object.keys(restarted.calls).sort()).toEqual(['call-0', 'call-2']);
    expect(restarted.revision).toBe(2);
    await store.forget(11);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
