import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ComplianceLogAnchor, ComplianceLogEntry } from '../audit/compliance-log';
import type { CallRecord, DebtorLocation } from '../calls/types';
import type { ContactAttempt } from '../compliance/caps';
import type { DoNotCallFlag } from '../compliance/dnc';
import type { NumberKind } from '../compliance/profiles';
import type { InconvenientTime } from '../compliance/restrictions';
import type { CallWrapUp } from '../notes/types';
import type { Enrollment } from '../team/enrollment';
import type { TeamCounts } from '../team/merge';
import type { OutboxRow } from '../team/outbox';
import type { SyncState } from '../team/sync-policy';

/** The IndexedDB database OnScript keeps, owned by the background worker. */
export const DB_NAME = 'onscript';

/**
 * The current schema version. Each version adds one `if (oldVersion < N)` step to {@link upgradeOnScriptDb};
 * steps are never removed or edited once released, and none deletes data.
 */
export const DB_VERSION = 8;

/**
 * A stored call: what detection recorded, plus what the agent and the other features added to it (wrap-up,
 * script progress, the per-call form, the normalized number).
 */
export type StoredCallRecord = CallRecord &
  Partial<CallWrapUp> & {
    /** The remote number in E.164, when it could be normalized. */
    numberE164?: string;
    /** The per-call form's values (`debt.amount`, `customer.name`, …), as the agent typed them. */
    variables?: Record<string, string>;
    /** What the open page showed about the debtor (DOM rule fields), as last read. */
    pageFields?: Record<string, string>;
    /** Where the agent said the debtor is. */
    enteredLocation?: DebtorLocation;
    /**
     * Counts the script writes (actions, form, pack switch), so a panel can tell an older view from a newer one
     * when answers and broadcasts cross on their way.
     */
    scriptRevision?: number;
  };

/**
 * A do-not-call flag as stored: the compliance flag plus its key. Flags heard from the Team Hub are marked
 * `source: 'team'`, with the agent who set or cleared them and the time of that event (lib/team/team-flags.ts).
 */
export type StoredDoNotCallFlag = DoNotCallFlag & { id: string; source?: 'team'; setBy?: string; lastEventAt?: number };

/** The team hub's kept state, one row per key (v4, lib/db/outbox.ts reads and writes it). */
export interface TeamStateValues {
  /** Present while this browser is enrolled: the outbox takes rows only then. */
  enrollment: Enrollment;
  /** The outbox's last sequence number (never reset, so call revisions only grow). */
  sequence: number;
  sync: SyncState;
  /** Where the team's flag feed was read up to, on which hub. */
  'flags-cursor': { hubUrl: string; cursor: string; polledAt: number };
}

/** A row of the team state store: a named value, or the last counts the hub gave for one number and debtor. */
export type TeamStateRow =
  | { [K in keyof TeamStateValues]: { key: K; value: TeamStateValues[K] } }[keyof TeamStateValues]
  | { key: `counts:${string}`; value: { savedAt: number; counts: TeamCounts } };

/** What a number is to its debtor, as the agent marked it ("This is a work number"), keyed by the number. */
export interface StoredNumberKind {
  /** The number in E.164. */
  phoneE164: string;
  kind: NumberKind;
  /** When it was marked, epoch ms. */
  setAt: number;
}

/** A contact attempt imported from the team's central log (not made in this browser). */
export type ImportedAttempt = ContactAttempt & { id: string; importedAt: number; source: string };

/** A debtor's stated inconvenient times, under the debtor reference or the number in E.164 they were about. */
export interface DebtorTimes {
  key: string;
  times: InconvenientTime[];
  /** Epoch ms of the last change, for retention. */
  updatedAt: number;
}

/** The typed schema. */
export interface OnScriptDbSchema extends DBSchema {
  calls: {
    key: string;
    value: StoredCallRecord;
    indexes: {
      'by-startedAt': number;
      'by-remoteNumber': string;
      /** v2 */ 'by-debtorRef': string;
      /** v2 */ 'by-numberE164': string;
      /** v3: agreed callbacks, for the "today" list and reminders. */ 'by-callbackAt': number;
      /** v3: promise-to-pay dates (`YYYY-MM-DD`), for the "today" list and reminders. */ 'by-promiseDate': string;
      /** v5: the phase, to find records left unfinished (not `ended`) when a worker or the browser restarts. */ 'by-phase': string;
    };
  };
  /** v2: cease requests, wrong numbers, disputes, per number or per debtor. */
  doNotCall: {
    key: string;
    value: StoredDoNotCallFlag;
    indexes: { 'by-phoneE164': string; 'by-debtorRef': string };
  };
  /** v2: earlier attempts a lead imported, counted with this browser's own calls for the caps. */
  importedAttempts: {
    key: string;
    value: ImportedAttempt;
    indexes: { 'by-at': number; 'by-debtorRef': string; 'by-phoneE164': string };
  };
  /** v4: work numbers (and numbers marked personal again), for the caps that count calls to work numbers. */
  numberKinds: {
    key: string;
    value: StoredNumberKind;
  };
  /** v6: the hash-chained compliance log (lib/audit/compliance-log.ts), by sequence number. */
  complianceLog: {
    key: number;
    value: ComplianceLogEntry;
    indexes: { 'by-at': number };
  };
  /** v6: small records of the background's own, by name (`complianceLogAnchor`: where the kept chain starts). */
  meta: {
    key: string;
    value: ComplianceLogAnchor;
  };
  /** v7: debtor-stated inconvenient times (they name debtors: out of storage areas content scripts can read). */
  debtorTimes: {
    key: string;
    value: DebtorTimes;
    indexes: { 'by-updatedAt': number };
  };
  /** v8: what waits to be sent to the Team Hub, written in the same transaction as the change it stands for. */
  outbox: {
    key: string;
    value: OutboxRow;
    indexes: { 'by-seq': number };
  };
  /** v8: the Team Hub's enrollment, the outbox's sequence, the sync state and the last counts per number. */
  teamState: {
    key: string;
    value: TeamStateRow;
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
    upgrade(db, oldVersion, _newVersion, transaction) {
      upgradeOnScriptDb(db, oldVersion, version, transaction);
    },
    blocking(_current, _next, event) {
      // A newer OnScript wants to upgrade: step aside instead of stalling it.
      (event.target as IDBDatabase).close();
    },
  });
}

function upgradeOnScriptDb(
  db: OnScriptDb,
  oldVersion: number,
  targetVersion: number,
  transaction: IDBPTransaction<OnScriptDbSchema, StoreNames<OnScriptDbSchema>[], 'versionchange'>,
): void {
  if (oldVersion < 1 && targetVersion >= 1) {
    const calls = db.createObjectStore('calls', { keyPath: 'id' });
    calls.createIndex('by-startedAt', 'startedAt');
    calls.createIndex('by-remoteNumber', 'remoteNumber');
  }
  if (oldVersion < 2 && targetVersion >= 2) {
    const calls = transaction.objectStore('calls');
    calls.createIndex('by-debtorRef', 'debtorRef');
    calls.createIndex('by-numberE164', 'numberE164');
    const doNotCall = db.createObjectStore('doNotCall', { keyPath: 'id' });
    doNotCall.createIndex('by-phoneE164', 'phoneE164');
    doNotCall.createIndex('by-debtorRef', 'debtorRef');
    const attempts = db.createObjectStore('importedAttempts', { keyPath: 'id' });
    attempts.createIndex('by-at', 'at');
    attempts.createIndex('by-debtorRef', 'debtorRef');
    attempts.createIndex('by-phoneE164', 'phoneE164');
  }
  if (oldVersion < 3 && targetVersion >= 3) {
    // Follow-ups are read by due day; without these the "today" list would scan every call.
    const calls = transaction.objectStore('calls');
    calls.createIndex('by-callbackAt', 'callbackAt');
    calls.createIndex('by-promiseDate', 'promiseToPay.date');
  }
  if (oldVersion < 4 && targetVersion >= 4) {
    // Keyed by the number itself: one marking per number, read whole (a team marks a handful of work numbers).
    db.createObjectStore('numberKinds', { keyPath: 'phoneE164' });
  }
  if (oldVersion < 5 && targetVersion >= 5) {
    // Calls whose end was never seen (browser crash, restart) must be found and closed without a full scan.
    transaction.objectStore('calls').createIndex('by-phase', 'phase');
  }
  if (oldVersion < 6 && targetVersion >= 6) {
    // The compliance log is appended to in order and purged from its head, by time.
    const log = db.createObjectStore('complianceLog', { keyPath: 'seq' });
    log.createIndex('by-at', 'at');
    db.createObjectStore('meta');
  }
  if (oldVersion < 7 && targetVersion >= 7) {
    // Filled from storage.local by the background on first use (background/debtor-times.ts), not here: an upgrade
    // cannot wait for another storage.
    const times = db.createObjectStore('debtorTimes', { keyPath: 'key' });
    times.createIndex('by-updatedAt', 'updatedAt');
  }
  if (oldVersion < 8 && targetVersion >= 8) {
    // The team outbox, read in queue order; its companion holds the enrollment the outbox checks in the same
    // transaction as every write (no hub configured: nothing is queued).
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-seq', 'seq');
    db.createObjectStore('teamState', { keyPath: 'key' });
  }
}
