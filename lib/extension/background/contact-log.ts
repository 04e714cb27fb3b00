import { callsToAttempts } from '../../compliance/assessment';
import type { ContactAttempt } from '../../compliance/caps';
import type { NumberKind } from '../../compliance/profiles';
import type { OnScriptDb, StoredCallRecord } from '../../db/schema';
import { findDispositionFlags } from '../../packs/disposition-flags';
import type { ScriptPack } from '../../packs/types';
import { availablePacks } from '../shared/script-packs';
import { packChannelItem } from '../shared/settings';
import { cachedSetting } from './cached-setting';

/** What the caps are counted from, as the background reads it for one verdict. */
export interface ContactHistory {
  /** This browser's finished calls since `since`, and the attempts a lead imported, with their number kinds. */
  log: ContactAttempt[];
  /** Numbers an agent marked (E.164 → kind); a number not in it counts as personal. */
  numberKinds: ReadonlyMap<string, NumberKind>;
}

/**
 * The caps' log reader. The packs a disposition is looked up in (the team pack's versions and the shipped ones) are
 * read once per worker life and again after a pack change, not per verdict. Create it during the service's
 * synchronous set-up so the watcher is registered first.
 */
export function createContactLog(): { read(database: OnScriptDb, since: number, region: string): Promise<ContactHistory> } {
  const channel = cachedSetting(packChannelItem);
  return {
    read: async (database, since, region) => readContactHistory(database, since, region, availablePacks(await channel())),
  };
}

/**
 * Reads the caps' log in one transaction: calls and imported attempts since `since`, and the number markings.
 * A call's outcome comes from its disposition's flags in the pack that recorded it (never from the code's
 * spelling); each entry gets its number's marking as it stands now (a number marked as work was a work number
 * for the earlier calls too).
 */
export async function readContactHistory(database: OnScriptDb, since: number, region: string, packs: readonly ScriptPack[]): Promise<ContactHistory> {
  const range = IDBKeyRange.lowerBound(since);
  const tx = database.transaction(['calls', 'importedAttempts', 'numberKinds'], 'readonly');
  const [calls, imported, kinds] = await Promise.all([
    tx.objectStore('calls').index('by-startedAt').getAll(range),
    tx.objectStore('importedAttempts').index('by-at').getAll(range),
    tx.objectStore('numberKinds').getAll(),
    tx.done,
  ]);
  const numberKinds = new Map(kinds.map((entry) => [entry.phoneE164, entry.kind] as const));
  const own = callsToAttempts<StoredCallRecord>(calls, region, (call) => findDispositionFlags(packs, call));
  const log = [
    ...own,
    ...imported.map(({ at, phoneE164, outcome, debtorRef }): ContactAttempt => ({ at, phoneE164, outcome, ...(debtorRef ? { debtorRef } : {}) })),
  ].map((attempt) => {
    const kind = numberKinds.get(attempt.phoneE164);
    return kind ? { ...attempt, numberKind: kind } : attempt;
  });
  return { log, numberKinds };
}
