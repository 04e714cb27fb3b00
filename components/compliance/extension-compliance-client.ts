import { sendToBackground } from '../../lib/extension/messaging';
import type { ComplianceClient } from './compliance-state';

/** The compliance client backed by the background worker. */
export const extensionComplianceClient: ComplianceClient = {
  evaluate: (phone) => sendToBackground('compliance/evaluate', { phone }),
};
