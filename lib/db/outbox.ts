import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { OutboxRefusal, OutboxRequest, OutboxRow } from '../team/outbox';
import type { OnScriptDb, OnScriptDbSchema, TeamStateRow, TeamStateValues } from './schema';

/**
 * The team outbox in IndexedDB (lib/team/outbox.ts says what the rows mean). Writers queue rows inside the same
 * read-write transaction as the change they stand for, so a change and its row are stored together or not at all;
 * the enrollment is read in that transaction too, so nothing is queued while no hub is configured.
 */

/** The stores a transaction needs to queue outbox rows, besides its own. */
export const OUTBOX_STORES = ['outbox', 'teamState'] as const;

type Stores = ArrayLike<StoreNames<OnScriptDbSchema>>;
type WriteTx = IDBPTransaction<OnScriptDbSchema, Stores, 'readwrite'>;

function outboxStores(tx: WriteTx) {
  return {
    outbox: tx.objectStore('outbox') as IDBPObjectStore<OnScriptDbSchema, Stores, 'outbox', 'readwrite'>,
    teamState: tx.objectStore('teamState') as IDBPObjectStore<OnScriptDbSchema, Stores, 'teamState', 'readwrite'>,
  };
}

/**
 * Queues `requests` in `tx` (which must include {@link OUTBOX_STORES}), each with the next sequence number; a row
 * with the id of a queued one replaces it (a call's newer change). Does nothing while the browser is not enrolled.
 * Only this transaction's own requests are awaited, so it cannot commit early.
 */
export async function queueOutbox(tx: IDBPTransaction<OnScriptDbSchema, Stores, 'readwrite'>, requests: readonly OutboxRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const { outbox, teamState } = outboxStores(tx);
  const [enrollment, sequence] = await Promise.all([teamState.get('enrollment'), teamState.get('sequence')]);
  if (!enrollment) return;
  let seq = typeof sequence?.value === 'number' ? sequence.value : 0;
  const rows = requests.map((request) => ({ ...request, seq: (seq += 1) }) as OutboxRow);
  await Promise.all([...rows.map((row) => outbox.put(row)), teamState.put({ key: 'sequence', value: seq })]);
}

/** Every row of the outbox, in queue order. */
export function readOutbox(db: OnScriptDb): Promise<OutboxRow[]> {
  return db.getAllFromIndex('outbox', 'by-seq');
}

/**
 * Removes the rows the hub has now, each only if it was not queued again meanwhile (a newer change of the same
 * call replaced it with a later sequence number), and drops rows with nothing left to send.
 */
export async function settleOutbox(db: OnScriptDb, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all(
    rows.map(async (row) => {
      const current = await tx.store.get(row.id);
      if (current && current.seq === row.seq) await tx.store.delete(row.id);
    }),
  );
  await tx.done;
}

/** Sets rows aside as refused (kept for the agent and the lead to see, never sent again). */
export async function refuseOutboxRows(db: OnScriptDb, refusals: readonly { row: OutboxRow; refusal: OutboxRefusal }[]): Promise<void> {
  if (refusals.length === 0) return;
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all(
    refusals.map(async ({ row, refusal }) => {
      const current = await tx.store.get(row.id);
      if (current && current.seq === row.seq) await tx.store.put({ ...current, refused: refusal });
    }),
  );
  await tx.done;
}

/** One named value of the team state. */
export async function readTeamState<K extends keyof TeamStateValues>(db: OnScriptDb, key: K): Promise<TeamStateValues[K] | undefined> {
  const row = await db.get('teamState', key);
  return row?.value as TeamStateValues[K] | undefined;
}

/** Writes one named value of the team state. */
export async function writeTeamState<K extends keyof TeamStateValues>(db: OnScriptDb, key: K, value: TeamStateValues[K]): Promise<void> {
  await db.put('teamState', { key, value } as TeamStateRow);
}

/** The key the last counts for a number and debtor are kept under. */
export function countsCacheKey(numberE164: string | undefined, debtorRef: string | undefined): `counts:${string}` {
  return `counts:${numberE164 ?? ''}|${debtorRef ?? ''}`;
}

/** Every kept counts answer's key and when it was saved (for pruning). */
export async function listCachedCounts(db: OnScriptDb): Promise<{ key: string; savedAt: number }[]> {
  const rows = await db.getAll('teamState', IDBKeyRange.bound('counts:', 'counts:\uffff'));
  return rows.flatMap((row) => (row.key.startsWith('counts:') ? [{ key: row.key, savedAt: (row.value as { savedAt: number }).savedAt }] : []));
}
