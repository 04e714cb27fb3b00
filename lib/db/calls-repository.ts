import type { CallRecord } from '../calls/types';
import { callChanged, flagChanged, type OutboxRequest } from '../team/outbox';
import { OUTBOX_STORES, queueOutbox } from './outbox';
import type { OnScriptDb, StoredCallRecord, StoredDoNotCallFlag } from './schema';

/**
 * Writes a call record, merging into the stored one so that fields other features added (notes, progress)
 * are never overwritten by a detection update.
 */
export async function upsertCallRecord(db: OnScriptDb, record: CallRecord): Promise<void> {
  const tx = db.transaction('calls', 'readwrite');
  const existing = await tx.store.get(record.id);
  // Only the store's own requests are awaited inside the transaction, so it cannot auto-commit early.
  await tx.store.put(existing ? { ...existing, ...record } : record);
  await tx.done;
}

/** The most recent call records, newest first, read through the start-time index. */
export async function listRecentCallRecords(db: OnScriptDb, limit: number): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  let cursor = await db.transaction('calls').store.index('by-startedAt').openCursor(null, 'prev');
  while (cursor && records.length < limit) {
    records.push(cursor.value);
    cursor = await cursor.continue();
  }
  return records;
}

/**
 * Applies a change to a stored call in one read-write transaction, so two features writing different fields
 * of the same record (notes, script progress, form values) never overwrite each other. The change goes to the
 * team outbox in the same transaction (nothing is queued while no hub is configured). Returns the record as
 * written, or `undefined` when there is no such call.
 */
export async function updateCallRecord(
  db: OnScriptDb,
  id: string,
  change: (record: StoredCallRecord) => StoredCallRecord,
): Promise<StoredCallRecord | undefined> {
  const tx = db.transaction(['calls', ...OUTBOX_STORES], 'readwrite');
  const calls = tx.objectStore('calls');
  const existing = await calls.get(id);
  if (!existing) {
    await tx.done;
    return undefined;
  }
  const next = change(existing);
  await Promise.all([calls.put(next), queueOutbox(tx, [callChanged(id)])]);
  await tx.done;
  return next;
}

/**
 * Like {@link updateCallRecord}, and in the same read-write transaction writes the do-not-call flags the change
 * asks for: `change` sees the record and every stored flag and returns the record to store plus the flags to put
 * (new ones and lifted ones). So a disposition and the stop-calling flag it implies are written together or not
 * at all.
 */
export async function updateCallRecordAndFlags(
  db: OnScriptDb,
  id: string,
  change: (record: StoredCallRecord, flags: readonly StoredDoNotCallFlag[]) => { record: StoredCallRecord; flags: readonly StoredDoNotCallFlag[] },
): Promise<StoredCallRecord | undefined> {
  const tx = db.transaction(['calls', 'doNotCall', ...OUTBOX_STORES], 'readwrite');
  const calls = tx.objectStore('calls');
  const flagStore = tx.objectStore('doNotCall');
  const [existing, flags] = await Promise.all([calls.get(id), flagStore.getAll()]);
  if (!existing) {
    await tx.done;
    return undefined;
  }
  const next = change(existing, flags);
  // The team hears of the call and of each flag set or lifted in the same transaction, as with every other write.
  const stored = new Map(flags.map((flag) => [flag.id, flag] as const));
  const told: OutboxRequest[] = [callChanged(id)];
  for (const flag of next.flags) {
    const before = stored.get(flag.id);
    if (!before) told.push(flagChanged(flag, 'set', flag.setAt));
    if (flag.clearedAt !== undefined && before?.clearedAt === undefined) told.push(flagChanged(flag, 'clear', flag.clearedAt));
  }
  await Promise.all([calls.put(next.record), ...next.flags.map((flag) => flagStore.put(flag)), queueOutbox(tx, told)]);
  await tx.done;
  return next.record;
}

/**
 * Call records that never ended (any phase but `ended`), read through the phase index: after a browser or worker
 * restart these are calls whose end nobody saw. Normally none or a few.
 */
export async function listUnfinishedCallRecords(db: OnScriptDb): Promise<StoredCallRecord[]> {
  const index = db.transaction('calls').store.index('by-phase');
  // Every phase sorts either before or after `ended`: two ranges, the ended records in between left unread.
  const [before, after] = await Promise.all([
    index.getAll(IDBKeyRange.upperBound('ended', true)),
    index.getAll(IDBKeyRange.lowerBound('ended', true)),
  ]);
  return [...before, ...after];
}
