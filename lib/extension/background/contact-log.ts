import { callsToAttempts } from '../../compliance/assessment';
import type { ContactAttempt } from '../../compliance/caps';
import type { NumberKind } from '../../compliance/profiles';
import type { OnScriptDb, StoredCallRecord } from '../../db/schema';
import { findDispositionFlags } from '../../packs/disposition-flags';
import type { ScriptPack } from '../../packs/types';
import { availablePacks } from '../shared/script-packs';
import { builtInPacks } from './built-in-packs';
import { cachedPackChannel } from './cached-setting';

/** What the caps are counted from, as the background reads it for one verdict. */
export interface ContactHistory {
  /** This browser's finished calls since `since`, and the attempts a lead imported, with their number kinds. */
  log: ContactAttempt[];
  /** Numbers an agent marked (E.164 → kind); a number not in it counts as personal. */
  numberKinds: ReadonlyMap<string, NumberKind>;
}

/** Whose attempts a verdict counts: the dialled number (as dialled and in E.164) and the debtor. */
export interface ContactParty {
  raw: string;
  e164?: string;
  debtorRef?: string;
}

/**
 * The caps' log reader. The packs a disposition is looked up in (the team pack's versions and the shipped ones) are
 * read once per worker life and again after a pack change, not per verdict. Create it during the service's
 * synchronous set-up so the watcher is registered first.
 */
export function createContactLog(): { read(database: OnScriptDb, since: number, region: string, who: ContactParty): Promise<ContactHistory> } {
  const channel = cachedPackChannel();
  return {
    read: async (database, since, region, who) => readContactHistory(database, since, region, availablePacks(await channel(), await builtInPacks()), who),
  };
}

/**
 * Reads the caps' log in one transaction: the calls and imported attempts since `since` that can count for this
 * number or debtor, through their indexes (not the whole log: a verdict is on the dial path, and a busy agent's
 * 30 days hold thousands of calls), and the number markings.
 * A call's outcome comes from its disposition's flags in the pack that recorded it (never from the code's
 * spelling); each entry gets its number's marking as it stands now (a number marked as work was a work number
 * for the earlier calls too).
 */
export async function readContactHistory(
  database: OnScriptDb,
  since: number,
  region: string,
  packs: readonly ScriptPack[],
  who: ContactParty,
): Promise<ContactHistory> {
  const tx = database.transaction(['calls', 'importedAttempts', 'numberKinds'], 'readonly');
  const calls = tx.objectStore('calls');
  const attempts = tx.objectStore('importedAttempts');
  const [byNumber, byRaw, byDebtor, importedByNumber, importedByDebtor, kinds] = await Promise.all([
    who.e164 ? calls.index('by-numberE164').getAll(who.e164) : [],
    calls.index('by-remoteNumber').getAll(who.raw),
    who.debtorRef ? calls.index('by-debtorRef').getAll(who.debtorRef) : [],
    who.e164 ? attempts.index('by-phoneE164').getAll(who.e164) : [],
    who.debtorRef ? attempts.index('by-debtorRef').getAll(who.debtorRef) : [],
    tx.objectStore('numberKinds').getAll(),
    tx.done,
  ]);
  const ownCalls = uniqueSince([...byNumber, ...byRaw, ...byDebtor], (call) => call.startedAt, since);
  const imported = uniqueSince([...importedByNumber, ...importedByDebtor], (attempt) => attempt.at, since);
  const numberKinds = new Map(kinds.map((entry) => [entry.phoneE164, entry.kind] as const));
  const own = callsToAttempts<StoredCallRecord>(ownCalls, region, (call) => findDispositionFlags(packs, call));
  const log = [
    ...own,
    ...imported.map(({ at, phoneE164, outcome, debtorRef }): ContactAttempt => ({ at, phoneE164, outcome, ...(debtorRef ? { debtorRef } : {}) })),
  ].map((attempt) => {
    const kind = numberKinds.get(attempt.phoneE164);
    return kind ? { ...attempt, numberKind: kind } : attempt;
  });
  return { log, numberKinds };
}

/** Each entry once (a call found by its number and its debtor), those at or after `since` only. */
function uniqueSince<T extends { id: string }>(entries: readonly T[], at: (entry: T) => number, since: number): T[] {
  return [...new Map(entries.filter((entry) => at(entry) >= since).map((entry) => [entry.id, entry] as const)).values()];
}
