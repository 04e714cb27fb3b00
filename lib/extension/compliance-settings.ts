import { storage } from 'wxt/utils/storage';
import type { CompliancePolicy } from '../compliance/active-profile';
import type { InconvenientTime } from '../compliance/restrictions';
import type { NumberOverrides } from '../compliance/pre-dial';

/**
 * The compliance feature's settings, all in `storage.local`. The agent may choose a profile and a default region;
 * the policy is the lead's (written by a managed setup or a script pack) and is shown read-only.
 */
export const complianceProfileSetting = storage.defineItem<string | null>('local:compliance.profileId', {
  fallback: null,
  version: 1,
});

/** The lead's locked policy: profile and tightening. Nothing in the agent's UI writes it. */
export const compliancePolicySetting = storage.defineItem<CompliancePolicy | null>('local:compliance.policy', {
  fallback: null,
  version: 1,
});

/** ISO country for numbers typed without a country code; empty = the profile's country. */
export const complianceDefaultRegionSetting = storage.defineItem<string>('local:compliance.defaultRegion', {
  fallback: '',
  version: 1,
});

/**
 * Debtor-stated inconvenient times, keyed by the debtor reference or by the number in E.164 (whichever the
 * debtor's request was about). Stored as the engine's data so the window honours them directly.
 */
export const inconvenientTimesSetting = storage.defineItem<Record<string, InconvenientTime[]>>(
  'local:compliance.inconvenientTimes',
  { fallback: {}, version: 1 },
);

/**
 * The agent's recent overrides of the pre-dial guard, by number, in `storage.session`: they must outlive the
 * worker (stopped when idle) so an immediate redial is not blocked again, but not the browser session.
 */
export const guardOverridesItem = storage.defineItem<NumberOverrides>('session:compliance.guardOverrides', {
  fallback: {},
});
