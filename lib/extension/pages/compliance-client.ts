import type { DebtorLocation } from '../../calls/types';
import type { ComplianceAssessment } from '../../compliance/assessment';
import type { NumberKind } from '../../compliance/profiles';
import type { InconvenientTime } from '../../compliance/restrictions';
import type { StoredDoNotCallFlag, StoredNumberKind } from '../../db/schema';
import type { AttemptsImportRequest, AttemptsImportResult, NewDoNotCallFlag } from '../../protocol/compliance-messages';
import type { LockedSettings } from '../../compliance/locked-settings';
import { parseCompliancePolicy } from '../../compliance/policy';
import type { CompliancePolicy } from '../../compliance/routing';
import { readLockedSettings } from '../shared/locked-settings';
import { readManagedPolicy } from '../shared/managed-policy';
import { sendToBackground } from '../shared/messaging';
import { COMPLIANCE_POLICY_KEYS } from '../../compliance/policy';

/** The lead's compliance policy as the options page shows it. */
export interface CompliancePolicyView {
  policy: CompliancePolicy;
  locks: LockedSettings;
  /** Policy entries that were not understood (shown to the agent, who can tell the lead). */
  ignored: string[];
}

/** Reads the managed compliance policy and locks for the options page. */
export async function readCompliancePolicyView(): Promise<CompliancePolicyView> {
  const [raw, locks] = await Promise.all([readManagedPolicy(COMPLIANCE_POLICY_KEYS), readLockedSettings()]);
  const { policy, ignored } = parseCompliancePolicy(raw);
  return { policy, locks, ignored: [...ignored, ...locks.ignored] };
}

/** What the panel's compliance section asks the background. */
export interface ComplianceClient {
  /** A verdict for a number (typed before a call, or a live call's once its window edge has passed). */
  evaluate(phone: string, location?: DebtorLocation): Promise<ComplianceAssessment>;
  /** Where the agent says a live call's debtor is (null clears it); the call's verdict is computed again. */
  setLocation(tabId: number, callId: string, location: DebtorLocation | null): Promise<{ updated: boolean; assessment?: ComplianceAssessment }>;
  /** Marks the number as a work number, or as personal again. */
  setNumberKind(phone: string, kind: NumberKind): Promise<StoredNumberKind>;
}

/** What the options page's compliance section asks the background; a plain object in tests. */
export interface ComplianceSettingsClient {
  listFlags(): Promise<StoredDoNotCallFlag[]>;
  addFlag(flag: NewDoNotCallFlag): Promise<StoredDoNotCallFlag>;
  clearFlag(id: string): Promise<{ cleared: boolean }>;
  importAttempts(request: AttemptsImportRequest): Promise<AttemptsImportResult>;
  countImports(): Promise<{ count: number }>;
  clearImports(): Promise<{ removed: number }>;
  /** Debtor-stated inconvenient times, kept by the background (never in storage content scripts read). */
  listTimes(): Promise<Record<string, InconvenientTime[]>>;
  setTimes(key: string, times: InconvenientTime[]): Promise<unknown>;
}

/** The compliance client backed by the background worker. */
export function createExtensionComplianceClient(): ComplianceClient & ComplianceSettingsClient {
  return {
    evaluate: (phone, location) => sendToBackground('compliance/evaluate', { phone, ...(location ? { location } : {}) }),
    setLocation: (tabId, callId, location) => sendToBackground('compliance/set-location', { tabId, callId, location }),
    setNumberKind: (phone, kind) => sendToBackground('compliance/set-number-kind', { phone, kind }),
    listFlags: () => sendToBackground('compliance/list-flags', {}),
    addFlag: (flag) => sendToBackground('compliance/add-flag', flag),
    clearFlag: (id) => sendToBackground('compliance/clear-flag', { id }),
    // The file is read into rows here, so the worker's script carries no CSV parser (lib/compliance/csv-rows.ts);
    // loaded on the first import, so the side panel, which shares this client, never loads papaparse.
    importAttempts: async ({ csv, ...request }) => {
      const { readCsvRows } = await import('../../compliance/csv-rows');
      return sendToBackground('compliance/import-attempts', { ...request, ...readCsvRows(csv) });
    },
    countImports: () => sendToBackground('compliance/count-imports', {}),
    clearImports: () => sendToBackground('compliance/clear-imports', {}),
    listTimes: () => sendToBackground('debtor/list-times', {}),
    setTimes: (key, times) => sendToBackground('debtor/set-times', { key, times }),
  };
}
