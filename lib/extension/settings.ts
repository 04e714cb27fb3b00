import { storage } from 'wxt/utils/storage';
import type { UiLanguage } from '../i18n/ui-messages';

/**
 * Every setting OnScript keeps, in one place. Each item is versioned so later releases can migrate it.
 * Agent settings live in `storage.local`; nothing here is secret.
 */
export const agentNameSetting = storage.defineItem<string>('local:settings.agentName', {
  fallback: '',
  version: 1,
});

/** The UI language: `auto` follows the browser. */
export const uiLanguageSetting = storage.defineItem<UiLanguage | 'auto'>('local:settings.uiLanguage', {
  fallback: 'auto',
  version: 1,
});

/**
 * Notes: days call records are kept before the daily purge (issue 6); `null` until the agent sets it, so the
 * team's policy default (or 90) applies. A lead's managed policy can lock it (lib/extension/retention-lock.ts).
 */
export const retentionDaysSetting = storage.defineItem<number>('local:settings.notes.retentionDays', {
  version: 1,
});
