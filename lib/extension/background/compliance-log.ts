import type { IDBPTransaction, StoreNames } from 'idb';
import { chainAfter, COMPLIANCE_LOG_FORMAT, GENESIS_HASH, type ComplianceLogAnchor, type ComplianceLogDraft, type ComplianceLogFile } from '../../audit/compliance-log';
import type { OnScriptDb, OnScriptDbSchema } from '../../db/schema';

/*
 * The background's side of the hash-chained compliance log (lib/audit/compliance-log.ts): appends in order, the
 * export, and the purge from the head. A call's gate result (and its blocks and a redial's override) goes in the
 * call record's own transaction (the service's one pass, through `CallContribution.log`), so a worker stopped
 * between the two keeps both or neither; other entries (an override asked for, a ticked disclosure, a disposition,
 * a pack change) are appended by the feature that decides them, in a transaction of their own. Either way the
 * entries are sealed inside the transaction that writes them, after the tail it reads: hashing is synchronous, so
 * two writers can never chain after the same entry.
 */

const ANCHOR_KEY = 'complianceLogAnchor';
/** Appends of one database asked for in this worker life, so an export can wait for them. */
const queues = new WeakMap<OnScriptDb, Promise<unknown>>();

/** The stores a transaction that appends to the log must cover. */
export const COMPLIANCE_LOG_STORES = ['complianceLog', 'meta'] as const;

/** A read-write transaction covering at least {@link COMPLIANCE_LOG_STORES}. */
type LogTransaction = IDBPTransaction<OnScriptDbSchema, ArrayLike<StoreNames<OnScriptDbSchema>>, 'readwrite'>;

/** Where the stored chain starts: the entry before its first, or the genesis. */
async function anchorOf(db: OnScriptDb): Promise<ComplianceLogAnchor> {
  return (await db.get('meta', ANCHOR_KEY)) ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Appends `drafts`, in order, inside `tx` (which covers {@link COMPLIANCE_LOG_STORES}): reads the tail, seals the
 * entries after it and adds them, with only the transaction's own requests awaited. Resolves when they are added;
 * they are stored when the transaction commits, and not at all if it aborts.
 */
export async function appendInTransaction(tx: LogTransaction, drafts: readonly ComplianceLogDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const log = tx.objectStore('complianceLog');
  const last = await log.openCursor(null, 'prev');
  const tail: ComplianceLogAnchor = last
    ? { seq: last.value.seq, hash: last.value.hash }
    : ((await tx.objectStore('meta').get(ANCHOR_KEY)) as ComplianceLogAnchor | undefined) ?? { seq: 0, hash: GENESIS_HASH };
  await Promise.all(chainAfter(tail, drafts).map((entry) => log.add(entry)));
}

/** Appends entries to the log in the order given, after everything appended before, in a transaction of their own. */
export function appendToComplianceLog(db: OnScriptDb, drafts: readonly ComplianceLogDraft[]): Promise<void> {
  if (drafts.length === 0) return Promise.resolve();
  const run = async () => {
    const tx = db.transaction(COMPLIANCE_LOG_STORES, 'readwrite');
    await appendInTransaction(tx as unknown as LogTransaction, drafts);
    await tx.done;
  };
  const queued = (queues.get(db) ?? Promise.resolve()).then(run, run);
  queues.set(db, queued.catch(() => undefined));
  return queued;
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
