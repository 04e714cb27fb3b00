import { chainEntry, COMPLIANCE_LOG_FORMAT, GENESIS_HASH, type ComplianceLogAnchor, type ComplianceLogDraft, type ComplianceLogFile } from '../../audit/compliance-log';
import type { OnScriptDb } from '../../db/schema';

/*
 * The background's side of the hash-chained compliance log (lib/audit/compliance-log.ts): appends in order, the
 * export, and the purge from the head. Features call `appendToComplianceLog` from the hooks that decide what it
 * records (a call's gate result, an override, a ticked disclosure, a disposition, a pack change); it never waits
 * on a feature's transaction, so a slow hash cannot make a call record late.
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

/**
 * Appends entries to the log in the order given, after everything appended before. The hashes are computed first
 * (WebCrypto), then the entries are written in one transaction that checks the tail has not moved.
 */
export function appendToComplianceLog(db: OnScriptDb, drafts: readonly ComplianceLogDraft[]): Promise<void> {
  if (drafts.length === 0) return Promise.resolve();
  const run = async () => {
    for (;;) {
      const tail = await tailOf(db);
      const entries = [];
      let prev = tail;
      for (const draft of drafts) {
        const entry = await chainEntry(draft, prev.seq + 1, prev.hash);
        entries.push(entry);
        prev = { seq: entry.seq, hash: entry.hash };
      }
      const tx = db.transaction('complianceLog', 'readwrite');
      const last = await tx.store.openCursor(null, 'prev');
      // Only this queue writes; a moved tail means another worker life wrote meanwhile: chain again.
      if ((last?.value.seq ?? tail.seq) !== tail.seq) {
        await tx.done;
        continue;
      }
      await Promise.all(entries.map((entry) => tx.store.add(entry)));
      await tx.done;
      return;
    }
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
