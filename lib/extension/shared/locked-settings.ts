import { parseLockedSettings, type LockedSettings } from '../../compliance/locked-settings';
import { readManagedPolicy } from './managed-policy';

/**
 * What the administrator's policy locks: the settings named in managed `lockedSettings`, with the values the
 * policy gives them. Managed storage is read-only for the agent, which is what makes it a lock. Read by the
 * background (which obeys) and the options page (which shows the lock).
 */
export async function readLockedSettings(): Promise<LockedSettings> {
  return parseLockedSettings(await readManagedPolicy(['lockedSettings', 'defaultCountry', 'uiLanguage', 'agentName', 'companyName', 'complianceTightening']));
}
