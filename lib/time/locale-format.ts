/**
 * Local date and time in a zone, worded for people in their UI language (`Intl` picks the order and separators).
 * A panel re-renders these every second, so each formatter is built once per language and zone.
 */

const CACHE_LIMIT = 256;
const formatters = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(style: 'clock' | 'date-time', locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      locale,
      style === 'clock'
        ? { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : {
            timeZone,
            weekday: 'short',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          },
    );
    if (formatters.size >= CACHE_LIMIT) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Local weekday and wall time `HH:MM:SS` at `at` in `timeZone`, in `locale`, for "the debtor's local time".
 * @throws RangeError when `timeZone` or `locale` is invalid.
 */
export function formatLocalClock(at: number, timeZone: string, locale: string): string {
  return cachedFormatter('clock', locale, timeZone).format(at);
}

/**
 * Local weekday, date and time `YYYY-MM-DD HH:MM` (in the locale's order) at `at` in `timeZone`, for the next
 * opening or closing of a window.
 * @throws RangeError when `timeZone` or `locale` is invalid.
 */
export function formatLocalDateTime(at: number, timeZone: string, locale: string): string {
  return cachedFormatter('date-time', locale, timeZone).format(at);
}
