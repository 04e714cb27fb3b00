/**
 * Settings a team lead can lock through the managed policy (`lockedSettings`), and the values the policy gives
 * them. Pure: the caller reads managed storage. A locked setting the policy gives no (valid) value keeps its
 * default; either way the agent's own value no longer counts.
 */

/** The settings a lead can lock. */
export const LOCKABLE_SETTINGS = [
  'defaultCountry',
  'uiLanguage',
  'agentName',
  'companyName',
  'retentionDays',
  'complianceProfile',
  'complianceTightening',
  'scriptPack',
] as const;

/** One lockable setting's name. */
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** What the policy locks, and the values it sets. */
export interface LockedSettings {
  locked: readonly LockableSetting[];
  values: { defaultCountry?: string; uiLanguage?: 'en' | 'zh-CN' | 'auto'; agentName?: string; companyName?: string };
  /** Entries of the policy that were not understood. */
  ignored: string[];
}

/** Reads `lockedSettings` and the values of lockable settings from the managed policy's raw values. */
export function parseLockedSettings(raw: Readonly<Record<string, unknown>>): LockedSettings {
  const ignored: string[] = [];
  const locked: LockableSetting[] = [];
  const list = raw['lockedSettings'];
  if (list !== undefined && !Array.isArray(list)) ignored.push('lockedSettings is not an array');
  for (const entry of Array.isArray(list) ? list : []) {
    if (typeof entry === 'string' && (LOCKABLE_SETTINGS as readonly string[]).includes(entry)) {
      if (!locked.includes(entry as LockableSetting)) locked.push(entry as LockableSetting);
    } else ignored.push(`lockedSettings: ${JSON.stringify(entry)} is not a setting that can be locked (${LOCKABLE_SETTINGS.join(', ')})`);
  }
  const values: LockedSettings['values'] = {};
  const country = raw['defaultCountry'];
  if (country !== undefined) {
    if (typeof country === 'string' && /^[A-Za-z]{2}$/.test(country)) values.defaultCountry = country.toUpperCase();
    else ignored.push('defaultCountry: expected a two-letter country code such as CN or US');
  }
  const language = raw['uiLanguage'];
  if (language !== undefined) {
    if (language === 'en' || language === 'zh-CN' || language === 'auto') values.uiLanguage = language;
    else ignored.push('uiLanguage: expected "en", "zh-CN" or "auto"');
  }
  for (const key of ['agentName', 'companyName'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim().length > 0 && value.length <= 100) values[key] = value.trim();
    else ignored.push(`${key}: expected a name of at most 100 characters`);
  }
  return { locked, values, ignored };
}

/**
 * A setting's value in force: the policy's when it locks the setting (or its default when it locks it without a
 * value), else the agent's.
 */
export function lockedOr<T>(locks: LockedSettings, key: LockableSetting, policyValue: T | undefined, agentValue: T, fallback: T): T {
  if (!locks.locked.includes(key)) return agentValue;
  return policyValue ?? fallback;
}
