import type { InconvenientTime } from '../../compliance/restrictions';
import type { OnScriptDb } from '../../db/schema';
import { maskText } from '../../notes/redact-record';
import { inconvenientTimesSetting } from '../shared/settings';

/*
 * Debtor-stated inconvenient times in the background's IndexedDB (they name debtors, and storage.local is readable
 * by every content script). Earlier releases kept them in storage.local: the first read of a worker life moves
 * them over, then removes the old key, so nothing the agent entered is lost.
 */

const migrations = new WeakMap<OnScriptDb, Promise<void>>();

/** Moves what storage.local held into the database, once per database per worker life; idempotent. */
export function migrateDebtorTimes(db: OnScriptDb, now: number): Promise<void> {
  let done = migrations.get(db);
  if (!done) {
    done = (async () => {
      const legacy = await inconvenientTimesSetting.getValue();
      const entries = Object.entries(legacy ?? {});
      if (entries.length > 0) {
        const tx = db.transaction('debtorTimes', 'readwrite');
        for (const [key, times] of entries) {
          // What the agent saved since the move wins over the old copy.
          if (!(await tx.store.get(maskText(key)))) await tx.store.put({ key: maskText(key), times, updatedAt: now });
        }
        await tx.done;
      }
      await inconvenientTimesSetting.removeValue();
    })();
    migrations.set(db, done);
    done.catch(() => migrations.delete(db));
  }
  return done;
}

/** Every debtor's stated times, by key. */
export async function listDebtorTimes(db: OnScriptDb, now: number): Promise<Record<string, InconvenientTime[]>> {
  await migrateDebtorTimes(db, now);
  return Object.fromEntries((await db.getAll('debtorTimes')).map((entry) => [entry.key, entry.times]));
}

/** The stated times under any of `keys` (a debtor reference, a number in E.164), in that order. */
export async function readDebtorTimes(db: OnScriptDb, keys: readonly (string | undefined)[], now: number): Promise<InconvenientTime[]> {
  await migrateDebtorTimes(db, now);
  const found = await Promise.all(keys.map((key) => (key ? db.get('debtorTimes', key) : undefined)));
  return found.flatMap((entry) => entry?.times ?? []);
}

/** Replaces one debtor's stated times; an empty list removes the entry. The key is masked like every debtor reference. */
export async function setDebtorTimes(db: OnScriptDb, key: string, times: InconvenientTime[], now: number): Promise<void> {
  await migrateDebtorTimes(db, now);
  if (times.length === 0) await db.delete('debtorTimes', maskText(key));
  else await db.put('debtorTimes', { key: maskText(key), times: times.map((time) => ({ ...time, label: maskText(time.label) })), updatedAt: now });
}
