import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CallRecord } from '../calls/types';

/** The IndexedDB database OnScript keeps, owned by the background worker. */
export const DB_NAME = 'onscript';

/**
 * The current schema version. Each version adds one `if (oldVersion < N)` step to {@link upgradeOnScriptDb};
 * steps are never removed or edited once released, and none deletes data.
 */
export const DB_VERSION = 1;

/** The typed schema. */
export interface OnScriptDbSchema extends DBSchema {
  calls: {
    key: string;
    value: CallRecord;
    indexes: { 'by-startedAt': number; 'by-remoteNumber': string };
  };
}

/** An open OnScript database. */
export type OnScriptDb = IDBPDatabase<OnScriptDbSchema>;

/**
 * Opens (and upgrades) the database. `version` is for tests that build an older database first.
 * A blocked upgrade (another context holds an old version open) resolves once that context closes.
 */
export function openOnScriptDb(version: number = DB_VERSION, name: string = DB_NAME): Promise<OnScriptDb> {
  return openDB<OnScriptDbSchema>(name, version, {
    upgrade(db, oldVersion) {
      upgradeOnScriptDb(db, oldVersion);
    },
    blocking(_current, _next, event) {
      // A newer OnScript wants to upgrade: step aside instead of stalling it.
      (event.target as IDBDatabase).close();
    },
  });
}

function upgradeOnScriptDb(db: OnScriptDb, oldVersion: number): void {
  if (oldVersion < 1) {
    const calls = db.createObjectStore('calls', { keyPath: 'id' });
    calls.createIndex('by-startedAt', 'startedAt');
    calls.createIndex('by-remoteNumber', 'remoteNumber');
  }
}
