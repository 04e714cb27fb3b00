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
