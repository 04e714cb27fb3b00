import type { ComplianceAssessment } from '../../compliance/assessment';
import type { CsvLineError } from '../../compliance/caps';
import type { InconvenientTime } from '../../compliance/restrictions';
import type { StoredDoNotCallFlag } from '../../db/schema';
import type { NewDoNotCallFlag } from '../../protocol/compliance-messages';
import { sendToBackground } from '../shared/messaging';

/** What the panel's compliance section asks the background: a verdict for a number typed before a call. */
export interface ComplianceClient {
  evaluate(phone: string): Promise<ComplianceAssessment>;
}

/** What the options page's compliance section asks the background; a plain object in tests. */
export interface ComplianceSettingsClient {
  listFlags(): Promise<StoredDoNotCallFlag[]>;
  addFlag(flag: NewDoNotCallFlag): Promise<StoredDoNotCallFlag>;
  clearFlag(id: string): Promise<{ cleared: boolean }>;
  importAttempts(csv: string, source: string): Promise<{ imported: number; errors: CsvLineError[] }>;
  countImports(): Promise<{ count: number }>;
  clearImports(): Promise<{ removed: number }>;
  /** Debtor-stated inconvenient times, kept by the background (never in storage content scripts read). */
  listTimes(): Promise<Record<string, InconvenientTime[]>>;
  setTimes(key: string, times: InconvenientTime[]): Promise<unknown>;
}

/** The compliance client backed by the background worker. */
export function createExtensionComplianceClient(): ComplianceClient & ComplianceSettingsClient {
  return {
    evaluate: (phone) => sendToBackground('compliance/evaluate', { phone }),
    listFlags: () => sendToBackground('compliance/list-flags', {}),
    addFlag: (flag) => sendToBackground('compliance/add-flag', flag),
    clearFlag: (id) => sendToBackground('compliance/clear-flag', { id }),
    importAttempts: (csv, source) => sendToBackground('compliance/import-attempts', { csv, source }),
    countImports: () => sendToBackground('compliance/count-imports', {}),
    clearImports: () => sendToBackground('compliance/clear-imports', {}),
    listTimes: () => sendToBackground('debtor/list-times', {}),
    setTimes: (key, times) => sendToBackground('debtor/set-times', { key, times }),
  };
}
