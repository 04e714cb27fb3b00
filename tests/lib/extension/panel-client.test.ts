import { describe, expect, it } from 'vitest';
import type { TabCallState } from '../../../lib/calls/types';
import { createRevisionFilter } from '../../../lib/extension/panel-client';

const state = (tabId: number, revision?: number): TabCallState => (revision === undefined ? { tabId, calls: {} } : { tabId, calls: {}, revision });

describe('createRevisionFilter', () => {
  it('passes each newer state once per tab and drops repeats and late older ones', () => {
    const latest = createRevisionFilter();
    expect([1, 1, 2, 1, 3, 2].map((r) => latest.isNew(state(5, r)))).toEqual([true, false, true, false, true, false]);
    // Tabs are counted apart.
    expect(latest.isNew(state(6, 1))).toBe(true);
  });

  it('passes a state without a revision (from a worker of an earlier version)', () => {
    const latest = createRevisionFilter();
    expect(latest.isNew(state(5, 4))).toBe(true);
    expect(latest.isNew(state(5))).toBe(true);
  });
});
