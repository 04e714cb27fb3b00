import { sendToBackground } from '../shared/messaging';
import type { ComplianceClient } from '../../../components/compliance/compliance-state';

/** The compliance client backed by the background worker. */
export const extensionComplianceClient: ComplianceClient = {
  evaluate: (phone) => sendToBackground('compliance/evaluate', { phone }),
};
