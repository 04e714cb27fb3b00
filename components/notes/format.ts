import type { UiLanguage } from '../../lib/i18n/ui-messages';

/** Formatters kept once made: building an `Intl.DateTimeFormat` costs far more than formatting with one, and a
 * list of earlier calls formats two dates per entry on every redraw. Keyed by style, language and zone; few. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 32;

function formatter(style: 'date-time' | 'time', language: UiLanguage, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${language}|${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(language, style === 'date-time' ? { dateStyle: 'short', timeStyle: 'short', timeZone } : { timeStyle: 'medium', timeZone });
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    formatters.set(key, made);
  }
  return made;
}

/** A short local date and time in the UI language, in `timeZone`. */
export function formatDateTime(epochMs: number, language: UiLanguage, timeZone: string): string {
  return formatter('date-time', language, timeZone).format(epochMs);
}

/** A local time of day with seconds, for "saved at". */
export function formatTime(epochMs: number, language: UiLanguage, timeZone: string): string {
  return formatter('time', language, timeZone).format(epochMs);
}
