/**
 * The team's do-not-call flags as this browser keeps them: one row per target and reason (`source: 'team'`),
 * brought up to date by the hub's flag feed (every agent's sets and clears) and by the flags a counts answer says
 * are in force. A flag is in force while its latest event, by its own time, is a set, whoever wrote it (the hub's
 * rule); events arrive in the hub's order, which need not be that time's, so each row remembers the time of the
 * event it reflects and an older event never overrides a newer one. Pure.
 */
import type { ActiveFlag, FlagEvent, HubDoNotCallReason, HubFlagScope } from '../../hub/api/types';
import type { DoNotCallFlag } from '../compliance/dnc';

/** A team flag as stored with the browser's own flags. */
export interface TeamFlagRow extends DoNotCallFlag {
  id: string;
  source: 'team';
  /** The agent whose event the row reflects. */
  setBy: string;
  /** The time of that event (set or clear). */
  lastEventAt: number;
}

/** The id of the team row for one target and reason. */
export function teamFlagId(scope: HubFlagScope, target: string, reason: HubDoNotCallReason): string {
  return `team:${scope}:${target}:${reason}`;
}

/**
 * The time of the newest event a row reflects: the feed's, or the agent's own clearing of a team flag here (its
 * `clear` is on its way to the hub), which an older set must not undo.
 */
function latestOf(row: TeamFlagRow): number {
  return Math.max(row.lastEventAt, row.clearedAt ?? Number.NEGATIVE_INFINITY);
}

/** A flag of the browser's own (not from the team), as far as matching goes. */
export type LocalFlag = DoNotCallFlag & { source?: string };

function targetOf(flag: { scope: HubFlagScope; numberE164?: string; phoneE164?: string; debtorRef?: string }): string | undefined {
  return flag.scope === 'number' ? (flag.numberE164 ?? flag.phoneE164) : flag.debtorRef;
}

/**
 * The team rows that change when `events` are applied to `stored` (rows by id). An event written by this agent
 * that one of the browser's own flags already stands for is skipped (the browser set or cleared it itself); an
 * event of the same agent from another browser is not.
 */
export function applyFlagEvents(
  stored: ReadonlyMap<string, TeamFlagRow>,
  events: readonly FlagEvent[],
  self: string,
  own: readonly LocalFlag[],
): TeamFlagRow[] {
  const rows = new Map(stored);
  const changed = new Map<string, TeamFlagRow>();
  for (const event of events) {
    const target = targetOf(event);
    if (target === undefined) continue;
    const mine =
      event.agent === self &&
      own.some((flag) => flag.source !== 'team' && flag.scope === event.scope && targetOf(flag) === target && flag.reason === event.reason);
    if (mine) continue;
    const id = teamFlagId(event.scope, target, event.reason);
    const row = rows.get(id);
    if (row && event.at < latestOf(row)) continue;
    const next: TeamFlagRow =
      event.op === 'set'
        ? { id, source: 'team', reason: event.reason, scope: event.scope, setAt: event.at, setBy: event.agent, lastEventAt: event.at }
        : // A clear with no row yet still becomes one: a set older than it, arriving later, must not win.
          { ...(row ?? { id, source: 'team', reason: event.reason, scope: event.scope, setAt: event.at, setBy: event.agent }), clearedAt: event.at, lastEventAt: event.at };
    if (event.op === 'set' && event.note) next.note = event.note;
    if (event.scope === 'number') next.phoneE164 = target;
    else next.debtorRef = target;
    rows.set(id, next);
    changed.set(id, next);
  }
  return [...changed.values()];
}

/** The team rows to store for the flags a counts answer says are in force (newer than what is kept). */
export function rowsForActiveFlags(stored: ReadonlyMap<string, TeamFlagRow>, flags: readonly ActiveFlag[]): TeamFlagRow[] {
  const out: TeamFlagRow[] = [];
  for (const flag of flags) {
    const target = flag.scope === 'number' ? flag.phoneE164 : flag.debtorRef;
    if (target === undefined) continue;
    const id = teamFlagId(flag.scope, target, flag.reason);
    const row = stored.get(id);
    if (row && (flag.setAt < latestOf(row) || (flag.setAt === latestOf(row) && row.clearedAt === undefined))) continue;
    const next: TeamFlagRow = { id, source: 'team', reason: flag.reason, scope: flag.scope, setAt: flag.setAt, setBy: flag.setBy, lastEventAt: flag.setAt };
    if (flag.note) next.note = flag.note;
    if (flag.scope === 'number') next.phoneE164 = target;
    else next.debtorRef = target;
    out.push(next);
  }
  return out;
}
