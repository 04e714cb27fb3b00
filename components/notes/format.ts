import type { UiLanguage } from '../../lib/i18n/ui-messages';

/** A short local date and time in the UI language, in `timeZone`. */
export function formatDateTime(epochMs: number, language: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(epochMs);
}

/** A local time of day with seconds, for "saved at". */
export function formatTime(epochMs: number, language: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium', timeZone }).format(epochMs);
}
