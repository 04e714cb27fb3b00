import type { OnScriptDb } from '../../db/schema';
import type { RetentionCutoffs } from '../../notes/retention';
import { purgeComplianceLogBefore } from './compliance-log';

/*
 * The retention purge of every store the background keeps (issue 14): call records, imported attempts, lifted
 * do-not-call flags, debtor-stated times and the compliance log, each with the cutoff that applies to it
 * (lib/notes/retention.ts: records, and compliance evidence with the lead's floor). Each store in one transaction.
 */

/** What one purge removed, per store; `calls` are the ids, for the reminders to forget them. */
export interface PurgeReport {
  calls: string[];
  importedAttempts: number;
  doNotCall: number;
  debtorTimes: number;
  complianceLog: number;
}

export async function purgeAllStores(db: OnScriptDb, cutoffs: RetentionCutoffs): Promise<PurgeReport> {
  const report: PurgeReport = { calls: [], importedAttempts: 0, doNotCall: 0, debtorTimes: 0, complianceLog: 0 };

  // Calls: a record with compliance events is evidence, kept to the evidence cutoff.
  let tx = db.transaction('calls', 'readwrite');
  let cursor = await tx.store.index('by-startedAt').openCursor(IDBKeyRange.upperBound(cutoffs.records, true));
  while (cursor) {
    const evidence = (cursor.value.complianceEvents?.length ?? 0) > 0;
    if (!evidence || cursor.value.startedAt < cutoffs.evidence) {
      report.calls.push(cursor.primaryKey);
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
  await tx.done;

  const attempts = db.transaction('importedAttempts', 'readwrite');
  let attempt = await attempts.store.index('by-at').openCursor(IDBKeyRange.upperBound(cutoffs.records, true));
  while (attempt) {
    report.importedAttempts += 1;
    await attempt.delete();
    attempt = await attempt.continue();
  }
  await attempts.done;

  // A flag in force is never purged: it is what stops the next call. A lifted one is evidence.
  const flags = db.transaction('doNotCall', 'readwrite');
  let flag = await flags.store.openCursor();
  while (flag) {
    if (flag.value.clearedAt !== undefined && flag.value.clearedAt < cutoffs.evidence) {
      report.doNotCall += 1;
      await flag.delete();
    }
    flag = await flag.continue();
  }
  await flags.done;

  // A debtor's stated times stay while any call of that debtor (or number) is kept, and once old enough go with them.
  const times = db.transaction(['debtorTimes', 'calls'], 'readwrite');
  const calls = times.objectStore('calls');
  let entry = await times.objectStore('debtorTimes').index('by-updatedAt').openCursor(IDBKeyRange.upperBound(cutoffs.evidence, true));
  while (entry) {
    const [byDebtor, byNumber] = await Promise.all([
      calls.index('by-debtorRef').count(entry.value.key),
      calls.index('by-numberE164').count(entry.value.key),
    ]);
    if (byDebtor + byNumber === 0) {
      report.debtorTimes += 1;
      await entry.delete();
    }
    entry = await entry.continue();
  }
  await times.done;

  report.complianceLog = await purgeComplianceLogBefore(db, cutoffs.evidence);
  return report;
}
