import type { CallRecord } from '../calls/types';
import { callChanged } from '../team/outbox';
import { OUTBOX_STORES, queueOutbox } from './outbox';
import type { OnScriptDb, StoredCallRecord } from './schema';

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
