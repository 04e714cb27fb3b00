/**
 * The notes feature's reads and writes over the calls store: follow-ups by due day, a number's or debtor's
 * history, paged reads for export, and the retention purge. Every query goes through an index.
 */
import type { OnScriptDb, StoredCallRecord, StoredDoNotCallFlag } from './schema';

/** Records whose callback falls in `[startMs, endMs)` or whose promise date is `day`, without duplicates. */
export async function listFollowUpCandidates(db: OnScriptDb, day: string, startMs: number, endMs: number): Promise<StoredCallRecord[]> {
  const tx = db.transaction('calls');
  const [callbacks, promises] = await Promise.all([
    tx.store.index('by-callbackAt').getAll(IDBKeyRange.bound(startMs, endMs, false, true)),
    tx.store.index('by-promiseDate').getAll(day),
  ]);
  await tx.done;
  const byId = new Map<string, StoredCallRecord>();
  for (const record of [...callbacks, ...promises]) byId.set(record.id, record);
  return [...byId.values()];
}

/** The records that started in `[startMs, endMs)`, oldest first. */
export function listCallsBetween(db: OnScriptDb, startMs: number, endMs: number): Promise<StoredCallRecord[]> {
  return db.getAllFromIndex('calls', 'by-startedAt', IDBKeyRange.bound(startMs, endMs, false, true));
}

/** What {@link findHistory} looks for. */
export interface HistoryKeys {
  excludeId: string;
  numberE164?: string;
  remoteNumber?: string;
  debtorRef?: string;
}

/**
 * Earlier calls with the same number (E.164 or as signalled) or the same debtor, newest first, at most
 * `limit`; and the do-not-call flags still in force for them.
 */
export async function findHistory(
  db: OnScriptDb,
  keys: HistoryKeys,
  limit: number,
): Promise<{ records: StoredCallRecord[]; flags: StoredDoNotCallFlag[] }> {
  const tx = db.transaction(['calls', 'doNotCall']);
  const calls = tx.objectStore('calls');
  const dnc = tx.objectStore('doNotCall');
  const [byE164, byRaw, byDebtor, flagsByNumber, flagsByDebtor] = await Promise.all([
    keys.numberE164 ? calls.index('by-numberE164').getAll(keys.numberE164) : [],
    keys.remoteNumber ? calls.index('by-remoteNumber').getAll(keys.remoteNumber) : [],
    keys.debtorRef ? calls.index('by-debtorRef').getAll(keys.debtorRef) : [],
    keys.numberE164 ? dnc.index('by-phoneE164').getAll(keys.numberE164) : [],
    keys.debtorRef ? dnc.index('by-debtorRef').getAll(keys.debtorRef) : [],
  ]);
  await tx.done;
  const byId = new Map<string, StoredCallRecord>();
  for (const record of [...byE164, ...byRaw, ...byDebtor]) if (record.id !== keys.excludeId) byId.set(record.id, record);
  const records = [...byId.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
  const flagIds = new Set<string>();
  const flags = [...flagsByNumber, ...flagsByDebtor].filter((flag) => {
    if (flag.clearedAt !== undefined || flagIds.has(flag.id)) return false;
    flagIds.add(flag.id);
    return true;
  });
  return { records, flags };
}

/**
 * Up to `limit` records that started in `[startMs, endMs)` after `after` (start time, then id), in that
 * order: one export page. Only the page is held in memory.
 */
export async function readCallsPage(
  db: OnScriptDb,
  startMs: number,
  endMs: number,
  after: { startedAt: number; id: string } | undefined,
  limit: number,
): Promise<StoredCallRecord[]> {
  const lower = after ? after.startedAt : startMs;
  if (lower >= endMs) return [];
  const range = IDBKeyRange.bound(lower, endMs, false, true);
  const written = (record: StoredCallRecord) =>
    after !== undefined && record.startedAt === after.startedAt && record.id <= after.id;
  // One getAll is several times faster than walking a cursor record by record. It returns index order (start
  // time, then id), so the records the last page already wrote are the ties at its start; a little headroom
  // covers them, and only an unusual pile of identical start times falls back to the cursor.
  const headroom = 64;
  const batch = await db.getAllFromIndex('calls', 'by-startedAt', range, limit + headroom);
  const fresh = batch.filter((record) => !written(record));
  if (fresh.length >= limit || batch.length < limit + headroom) return fresh.slice(0, limit);

  const tx = db.transaction('calls');
  const page: StoredCallRecord[] = [];
  let cursor = await tx.store.index('by-startedAt').openCursor(range);
  while (cursor && written(cursor.value)) cursor = await cursor.continue();
  while (cursor && page.length < limit) {
    page.push(cursor.value);
    cursor = await cursor.continue();
  }
  await tx.done;
  return page;
}

/** Deletes every record that started before `cutoff`, in one read-write transaction; returns their ids. */
export async function purgeCallsBefore(db: OnScriptDb, cutoff: number): Promise<string[]> {
  const tx = db.transaction('calls', 'readwrite');
  const purged: string[] = [];
  let cursor = await tx.store.index('by-startedAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    purged.push(cursor.primaryKey);
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
  return purged;
}

/** The earliest agreed callback strictly after `after` (epoch ms), read off the index; `undefined` when none. */
export async function nextCallbackAfter(db: OnScriptDb, after: number): Promise<number | undefined> {
  const cursor = await db.transaction('calls').store.index('by-callbackAt').openKeyCursor(IDBKeyRange.lowerBound(after, true));
  return cursor?.key;
}

/** Up to `limit` distinct promise dates (`YYYY-MM-DD`) from `fromDay` on, in order, read off the index. */
export async function promiseDatesFrom(db: OnScriptDb, fromDay: string, limit: number): Promise<string[]> {
  const days: string[] = [];
  let cursor = await db.transaction('calls').store.index('by-promiseDate').openKeyCursor(IDBKeyRange.lowerBound(fromDay), 'nextunique');
  while (cursor && days.length < limit) {
    days.push(cursor.key);
    cursor = await cursor.continue();
  }
  return days;
}

/** Records with a callback in `(afterMs, throughMs]` or a promise date in `[fromDay, toDay]`, without duplicates. */
export async function listFollowUpsBetween(
  db: OnScriptDb,
  afterMs: number,
  throughMs: number,
  fromDay: string,
  toDay: string,
): Promise<StoredCallRecord[]> {
  const tx = db.transaction('calls');
  const [callbacks, promises] = await Promise.all([
    afterMs < throughMs ? tx.store.index('by-callbackAt').getAll(IDBKeyRange.bound(afterMs, throughMs, true, false)) : [],
    fromDay <= toDay ? tx.store.index('by-promiseDate').getAll(IDBKeyRange.bound(fromDay, toDay)) : [],
  ]);
  await tx.done;
  const byId = new Map<string, StoredCallRecord>();
  for (const record of [...callbacks, ...promises]) byId.set(record.id, record);
  return [...byId.values()];
}
