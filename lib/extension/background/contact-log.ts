import { callsToAttempts } from '../../compliance/assessment';
import type { ContactAttempt } from '../../compliance/caps';
import type { NumberKind } from '../../compliance/profiles';
import type { OnScriptDb, StoredCallRecord } from '../../db/schema';
import { findDispositionFlags } from '../../packs/disposition-flags';
import { listAvailablePacks } from '../shared/script-packs';

/** What the caps are counted from, as the background reads it for one verdict. */
export interface ContactHistory {
  /** This browser's finished calls since `since`, and the attempts a lead imported, with their number kinds. */
  log: ContactAttempt[];
  /** Numbers an agent marked (E.164 → kind); a number not in it counts as personal. */
  numberKinds: ReadonlyMap<string, NumberKind>;
}

/**
 * Reads the caps' log in one transaction: calls and imported attempts since `since`, and the number markings.
 * A call's outcome comes from its disposition's flags in the pack that recorded it (never from the code's
 * spelling); each entry gets its number's marking as it stands now (a number marked as work was a work number
 * for the earlier calls too).
 */
export async function readContactHistory(database: OnScriptDb, since: number, region: string): Promise<ContactHistory> {
  const range = IDBKeyRange.lowerBound(since);
  const tx = database.transaction(['calls', 'importedAttempts', 'numberKinds'], 'readonly');
  const [calls, imported, kinds] = await Promise.all([
    tx.objectStore('calls').index('by-startedAt').getAll(range),
    tx.objectStore('importedAttempts').index('by-at').getAll(range),
    tx.objectStore('numberKinds').getAll(),
    tx.done,
  ]);
  const packs = calls.some((call) => call.disposition !== undefined) ? await listAvailablePacks() : [];
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
