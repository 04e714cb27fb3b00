/**
 * A zone's UTC offset at any instant and the instants it changes, read from `Intl.DateTimeFormat` (the runtime's
 * copy of the IANA database) and cached per zone. Everything else in lib/time that needs a zone goes through here.
 *
 * `Intl` only converts instants to wall readings, and each reading costs microseconds, while the compliance engine
 * asks for offsets many thousands of times per verdict. So offsets are read at whole UTC hours only and cached;
 * an hour whose two ends agree is taken to have one offset throughout, and an hour whose ends differ is searched
 * once for the exact second of its change. That rests on one fact of the database: a zone never changes offset
 * twice within six hours (the closest pair, Freetown 1939, is 95 hours apart), so the ends of an hour, or of a
 * six-hour block, cannot hide a change and its reversal.
 */
import { HOUR_MS } from './calendar';

/** Scan step of {@link offsetTransitions}: blocks aligned to UTC, so repeated scans share their readings. */
const BLOCK_MS = 6 * HOUR_MS;
/** Readings kept per zone (about 170 days of hours); a longer scan clears the cache rather than growing it. */
const CACHE_LIMIT = 4096;

/** One zone's reader and caches. */
interface ZoneOffsetCache {
  readonly format: Intl.DateTimeFormat;
  /** Offset in ms at the start of UTC hour `h` (the key is `h`, hours since the epoch). */
  readonly atHourStart: Map<number, number>;
  /** For an hour whose ends differ: the first instant of the new offset (the key is the hour). */
  readonly changeInHour: Map<number, number>;
}

const zones = new Map<string, ZoneOffsetCache>();

function cacheFor(timeZone: string): ZoneOffsetCache {
  let cache = zones.get(timeZone);
  if (!cache) {
    // Throws RangeError for a zone the runtime does not know, before anything is cached.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    cache = { format, atHourStart: new Map(), changeInHour: new Map() };
    zones.set(timeZone, cache);
  }
  return cache;
}

/** True when the runtime knows `timeZone` as an IANA zone (or link), in any letter case. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    cacheFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The exact offset from `Intl` at a whole second: the wall reading taken as UTC, minus the instant. */
function readOffset(cache: ZoneOffsetCache, wholeSecondMs: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of cache.format.formatToParts(wholeSecondMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  // Year 1 BC is astronomical year 0; setUTCFullYear, unlike Date.UTC, leaves years 0-99 alone.
  const wall = new Date(0);
  wall.setUTCFullYear(beforeCommonEra ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime() - wholeSecondMs;
}

function offsetAtHourStart(cache: ZoneOffsetCache, hour: number): number {
  let offset = cache.atHourStart.get(hour);
  if (offset === undefined) {
    offset = readOffset(cache, hour * HOUR_MS);
    if (cache.atHourStart.size >= CACHE_LIMIT) cache.atHourStart.clear();
    cache.atHourStart.set(hour, offset);
  }
  return offset;
}

/** The first instant of the new offset in `(start of hour, start of next hour]`; call only when the ends differ. */
function changeWithinHour(cache: ZoneOffsetCache, hour: number, before: number): number {
  let change = cache.changeInHour.get(hour);
  if (change === undefined) {
    // Offsets change on whole seconds (the database has no finer unit), so the search is over seconds.
    let low = (hour * HOUR_MS) / 1000; // still `before`
    let high = low + HOUR_MS / 1000; // already the new offset
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (readOffset(cache, middle * 1000) === before) low = middle;
      else high = middle;
    }
    change = high * 1000;
    if (cache.changeInHour.size >= CACHE_LIMIT) cache.changeInHour.clear();
    cache.changeInHour.set(hour, change);
  }
  return change;
}

/**
 * UTC offset of `timeZone` at `epochMs`, in milliseconds, positive east of Greenwich (Shanghai +28,800,000).
 * Exact to the millisecond, including historic offsets with seconds (Amsterdam's +00:19:32 before 1937).
 * @throws RangeError when `timeZone` is unknown.
 */
export function offsetAt(epochMs: number, timeZone: string): number {
  const cache = cacheFor(timeZone);
  const hour = Math.floor(epochMs / HOUR_MS);
  const before = offsetAtHourStart(cache, hour);
  const after = offsetAtHourStart(cache, hour + 1);
  if (before === after) return before;
  return epochMs < changeWithinHour(cache, hour, before) ? before : after;
}

/**
 * Instants in `[fromMs, toMs)` at which the UTC offset of `timeZone` changes (DST starting or ending, a zone
 * moving to another offset), each the first millisecond of the new offset, earliest first. Changes of
 * abbreviation or DST flag alone do not move the wall clock and are not reported.
 * @throws RangeError when `timeZone` is unknown.
 */
export function offsetTransitions(fromMs: number, toMs: number, timeZone: string): number[] {
  const cache = cacheFor(timeZone);
  const found: number[] = [];
  const blockHours = BLOCK_MS / HOUR_MS;
  // Block b covers (b·6 h, (b+1)·6 h]: a change exactly at a block start belongs to the block before.
  const firstBlock = Math.ceil(fromMs / BLOCK_MS) - 1;
  for (let block = firstBlock; block * BLOCK_MS < toMs; block += 1) {
    const firstHour = block * blockHours;
    if (offsetAtHourStart(cache, firstHour) === offsetAtHourStart(cache, firstHour + blockHours)) continue;
    for (let hour = firstHour; hour < firstHour + blockHours; hour += 1) {
      const before = offsetAtHourStart(cache, hour);
      if (before === offsetAtHourStart(cache, hour + 1)) continue;
      const change = changeWithinHour(cache, hour, before);
      if (change >= fromMs && change < toMs) found.push(change);
    }
  }
  return found;
}
