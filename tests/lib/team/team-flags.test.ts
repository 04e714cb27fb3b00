import { describe, expect, it } from 'vitest';
import type { FlagEvent } from '../../../hub/api/types';
import { isFlagActive } from '../../../lib/compliance/dnc';
import { applyFlagEvents, rowsForActiveFlags, teamFlagId, type TeamFlagRow } from '../../../lib/team/team-flags';

const T = 1_750_000_000_000;
let cursor = 0;
const event = (op: 'set' | 'clear', at: number, extra: Partial<FlagEvent> = {}): FlagEvent => ({
  op,
  scope: 'number',
  numberE164: '+12125550100',
  reason: 'cease-request',
  at,
  agent: 'ana',
  receivedAt: at,
  cursor: String((cursor += 1)),
  ...extra,
});
const apply = (events: FlagEvent[], stored: TeamFlagRow[] = [], self = 'ben', own: Parameters<typeof applyFlagEvents>[3] = []) =>
  applyFlagEvents(new Map(stored.map((row) => [row.id, row])), events, self, own);

describe('the team’s flags, from the feed', () => {
  it('keeps one row per target and reason, in force while its latest event is a set', () => {
    const [row] = apply([event('set', T, { note: 'asked to stop' })]);
    expect(row).toEqual({
      id: teamFlagId('number', '+12125550100', 'cease-request'),
      source: 'team',
      reason: 'cease-request',
      scope: 'number',
      phoneE164: '+12125550100',
      setAt: T,
      setBy: 'ana',
      lastEventAt: T,
      note: 'asked to stop',
    });
    expect(isFlagActive(row!, T + 1)).toBe(true);
    const [cleared] = apply([event('clear', T + 10)], [row!]);
    expect(isFlagActive(cleared!, T + 11)).toBe(false);
  });

  it('orders by the events’ own time, not by arrival: an older set never undoes a newer clear', () => {
    const changed = apply([event('clear', T + 10), event('set', T)]);
    expect(changed).toHaveLength(1);
    expect(isFlagActive(changed[0]!, T + 20)).toBe(false);
  });

  it('skips this agent’s own events that a flag of this browser stands for, not those from its other browsers', () => {
    const own = [{ id: 'local-1', reason: 'cease-request' as const, scope: 'number' as const, phoneE164: '+12125550100', setAt: T }];
    expect(apply([event('set', T, { agent: 'ben' })], [], 'ben', own)).toEqual([]);
    expect(apply([event('set', T, { agent: 'ben', reason: 'wrong-number' })], [], 'ben', own)).toHaveLength(1);
    expect(apply([event('set', T, { agent: 'ben' })], [], 'ben', [])).toHaveLength(1);
  });

  it('takes debtor flags by reference', () => {
    const [row] = apply([event('set', T, { scope: 'debtor', debtorRef: 'D-1', numberE164: undefined } as Partial<FlagEvent>)]);
    expect(row).toMatchObject({ id: 'team:debtor:D-1:cease-request', scope: 'debtor', debtorRef: 'D-1' });
    expect(row).not.toHaveProperty('phoneE164');
  });
});

describe('the team’s flags, from a counts answer', () => {
  const active = { reason: 'cease-request' as const, scope: 'number' as const, phoneE164: '+12125550100', setAt: T, setBy: 'ana' };

  it('stores a flag in force that is new or newer than what is kept', () => {
    expect(rowsForActiveFlags(new Map(), [active])).toHaveLength(1);
    const [row] = rowsForActiveFlags(new Map(), [active]);
    expect(rowsForActiveFlags(new Map([[row!.id, row!]]), [active])).toEqual([]);
    const clearedLater = { ...row!, clearedAt: T + 5, lastEventAt: T + 5 };
    expect(rowsForActiveFlags(new Map([[row!.id, clearedLater]]), [active])).toEqual([]);
    expect(rowsForActiveFlags(new Map([[row!.id, clearedLater]]), [{ ...active, setAt: T + 9 }])).toHaveLength(1);
  });

  it('does not bring back a team flag this agent cleared here (the clear is on its way)', () => {
    const [row] = rowsForActiveFlags(new Map(), [active]);
    const clearedHere = { ...row!, clearedAt: T + 100 };
    expect(rowsForActiveFlags(new Map([[row!.id, clearedHere]]), [active])).toEqual([]);
    expect(apply([event('set', T)], [clearedHere])).toEqual([]);
  });
});
