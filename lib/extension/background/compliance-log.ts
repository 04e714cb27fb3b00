import type { IDBPObjectStore, StoreNames } from 'idb';
import {
  chainEntry,
  COMPLIANCE_LOG_FORMAT,
  GENESIS_HASH,
  type ComplianceLogAnchor,
  type ComplianceLogDraft,
  type ComplianceLogEntry,
  type ComplianceLogFile,
} from '../../audit/compliance-log';
import type { OnScriptDb, OnScriptDbSchema } from '../../db/schema';

/*
 * The background's side of the hash-chained compliance log (lib/audit/compliance-log.ts): appends in order, the
 * export, and the purge from the head. Features call `appendToComplianceLog` from the hooks that decide what it
 * records (an override, a ticked disclosure, a disposition, a pack change). A call's gate result goes with the
 * call's record instead, in the same transaction (the service's writeRecords, through `CallContribution.log`), so a
 * worker stopped between the two cannot keep one without the other; its hashes are computed before that
 * transaction opens.
 */

const ANCHOR_KEY = 'complianceLogAnchor';
/** Appends of one database, one after another: each needs the hash of the one before. */
const queues = new WeakMap<OnScriptDb, Promise<unknown>>();

/** Where the stored chain starts: the entry before its first, or the genesis. */
async function anchorOf(db: OnScriptDb): Promise<ComplianceLogAnchor> {
  return (await db.get('meta', ANCHOR_KEY)) ?? { seq: 0, hash: GENESIS_HASH };
}

/** The last entry's number and hash (the anchor when the log is empty). */
async function tailOf(db: OnScriptDb): Promise<ComplianceLogAnchor> {
  const cursor = await db.transaction('complianceLog').store.openCursor(null, 'prev');
  return cursor ? { seq: cursor.value.seq, hash: cursor.value.hash } : anchorOf(db);
}

/** Entries chained after the tail as it was read, for one transaction to add if the tail has not moved since. */
export interface ChainedEntries {
  tail: ComplianceLogAnchor;
  entries: ComplianceLogEntry[];
}

/** Chains `drafts` after the log's current tail (the hashes are WebCrypto, so this runs outside any transaction). */
export async function chainAfterTail(db: OnScriptDb, drafts: readonly ComplianceLogDraft[]): Promise<ChainedEntries> {
  const tail = await tailOf(db);
  const entries: ComplianceLogEntry[] = [];
  let prev = tail;
  for (const draft of drafts) {
    const entry = await chainEntry(draft, prev.seq + 1, prev.hash);
    entries.push(entry);
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return { tail, entries };
}

/**
 * Adds chained entries inside the caller's transaction (which must include `complianceLog`), unless the tail moved
 * since they were chained (another worker life wrote): then it adds nothing and answers false, and the caller
 * aborts and chains again.
 */
export async function addChainedEntries(store: ComplianceLogStore, chained: ChainedEntries): Promise<boolean> {
  const last = await store.openCursor(null, 'prev');
  if ((last?.value.seq ?? chained.tail.seq) !== chained.tail.seq) return false;
  await Promise.all(chained.entries.map((entry) => store.add(entry)));
  return true;
}

/** The log's store in a read-write transaction, as {@link addChainedEntries} uses it. */
export type ComplianceLogStore = IDBPObjectStore<OnScriptDbSchema, ArrayLike<StoreNames<OnScriptDbSchema>>, 'complianceLog', 'readwrite'>;

/**
 * Runs `work` after every append and log-carrying write asked for before it on this database, and before any asked
 * after: each needs the hash of the entry before its first.
 */
export function inComplianceLogOrder<T>(db: OnScriptDb, work: () => Promise<T>): Promise<T> {
  const queued = (queues.get(db) ?? Promise.resolve()).then(work, work);
  queues.set(db, queued.catch(() => undefined));
  return queued;
}

/**
 * Appends entries to the log in the order given, after everything appended before, in a transaction of their own.
 * Entries that belong with a call record's change go with it instead (`CallContribution.log`, one transaction).
 */
export function appendToComplianceLog(db: OnScriptDb, drafts: readonly ComplianceLogDraft[]): Promise<void> {
  if (drafts.length === 0) return Promise.resolve();
  return inComplianceLogOrder(db, async () => {
    for (;;) {
      const chained = await chainAfterTail(db, drafts);
      const tx = db.transaction('complianceLog', 'readwrite');
      const added = await addChainedEntries(tx.store, chained);
      await tx.done;
      if (added) return;
    }
  });
}

/** The whole kept log, as exported: its anchor and every entry, in order. */
export async function readComplianceLogFile(db: OnScriptDb): Promise<ComplianceLogFile> {
  // Appends already asked for are part of the log: wait for them.
  await queues.get(db);
  const [anchor, entries] = await Promise.all([anchorOf(db), db.getAll('complianceLog')]);
  return { format: COMPLIANCE_LOG_FORMAT, anchor, entries };
}

/**
 * Removes the entries recorded before `cutoff` from the head of the log and keeps the last removed entry as the
 * anchor the remaining chain is verified from. Returns how many went.
 */
export async function purgeComplianceLogBefore(db: OnScriptDb, cutoff: number): Promise<number> {
  const tx = db.transaction(['complianceLog', 'meta'], 'readwrite');
  const log = tx.objectStore('complianceLog');
  let removed = 0;
  let anchor: ComplianceLogAnchor | undefined;
  // From the head, in order: an entry kept breaks the run, so the chain stays whole after the anchor.
  let cursor = await log.openCursor();
  while (cursor && cursor.value.at < cutoff) {
    anchor = { seq: cursor.value.seq, hash: cursor.value.hash };
    removed += 1;
    await cursor.delete();
    cursor = await cursor.continue();
  }
  if (anchor) await tx.objectStore('meta').put(anchor, ANCHOR_KEY);
  await tx.done;
  return removed;
}
