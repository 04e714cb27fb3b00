import type { UiLanguage } from '../../i18n/language';
import { readLockedSettings } from './locked-settings';
import { uiLanguageSetting } from './settings';

/**
 * The interface language setting in force: the administrator's when the policy locks `uiLanguage`; else the agent's
 * own choice; else (the agent left it on `auto`) the policy's `uiLanguage` as the default; else `auto`, which follows
 * the browser. Every surface that speaks to the agent reads it here (the side panel, the
 * options page, the pre-dial guard on the dialer, follow-up reminders, the automatic script pack), so a locked
 * language holds everywhere, not only where the lock is shown. An unreadable policy counts as no lock.
 */
export async function readUiLanguageInForce(): Promise<UiLanguage | 'auto'> {
  const [own, locks] = await Promise.all([
    uiLanguageSetting.getValue().catch(() => 'auto' as const),
    readLockedSettings().catch(() => undefined),
  ]);
  if (locks?.locked.includes('uiLanguage')) return locks.values.uiLanguage ?? 'auto';
  return own === 'auto' ? (locks?.values.uiLanguage ?? 'auto') : own;
}
