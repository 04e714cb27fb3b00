/**
 * The calling window: may this number be called at this instant under this profile, until when, or from when.
 *
 * Permitted means: in every candidate zone the local wall time is inside the profile's hours, the local day is open
 * (day of week, holidays) and no debtor-stated restriction covers it. Membership can only change where some zone's
 * wall clock reaches a boundary minute (hours, restrictions, midnight) or jumps (an offset transition), so the
 * engine evaluates exactly those instants instead of stepping through time.
 */
import type { DeliveredCalendars } from './calendar-data';
import { evaluateDay } from './day-rules';
import type { DayVerdict } from './day-rules';
import { DAY_MS, MINUTE_MS, addDays, formatClockTime } from '../time/calendar';
import { formatLocal, instantsAtWallTime, wallTimeAt } from '../time/wall-clock';
import { offsetTransitions } from '../time/zone-offsets';
import { getProfile } from './profiles';
import type { ComplianceProfile } from './profiles';
import { matchingRestriction } from './restrictions';
import type { InconvenientTime } from './restrictions';
import { resolveTimeZones, type ZoneSource } from './jurisdiction';
import { englishReasons, reason, type Reason } from './reasons';
import { countryTimeZones } from './time-zones';
import type { AgentLocation } from './time-zones';

/** Input to {@link evaluateCallingWindow}. */
export interface CallingWindowInput {
  /** The number as dialled or typed: E.164 or national format (the profile's country is the region hint). */
  phone: string;
  /** The instant to judge, epoch ms. */
  at: number;
  /** A shipped profile id (e.g. `US-FDCPA`) or a profile object. */
  profile: string | ComplianceProfile;
  /** What the agent entered about where the debtor is; its zones are added to the number's. */
  location?: AgentLocation;
  /**
   * The debtor's candidate zones and countries, when the caller resolved the whole jurisdiction (number, entry and
   * CRM page together, see jurisdiction.ts): used as they are instead of `phone` and `location`.
   */
  zones?: { timeZones: readonly string[]; countries: readonly string[]; why?: readonly Reason[] };
  /** Debtor-stated inconvenient times. */
  restrictions?: readonly InconvenientTime[];
  /** How far ahead to look for the next opening or closing, in days (default 14). */
  searchDays?: number;
  /** Holiday tables delivered by a signed pack or the managed policy (calendar-data.ts); shipped data is the floor. */
  calendars?: DeliveredCalendars;
}

/** Verdict of {@link evaluateCallingWindow}. */
export interface CallingWindowResult {
  allowed: boolean;
  /** Candidate IANA zones the window was evaluated in (the country's zones when the zone is unknown). */
  timeZones: string[];
  /** When allowed: epoch ms at which the current permitted window ends (absent if it stays open past the search). */
  closesAt?: number;
  /** When not allowed: epoch ms of the next opening within the search horizon (absent if none). */
  opensAt?: number;
  /** Plain-English reasons, most important first (the record's evidence). */
  reasons: string[];
  /** The same reasons as data, for the agent's language (see reasons.ts). */
  why: Reason[];
  /** Whether the zones are the debtor's (true) or a fallback for an unknown zone (false). */
  zoneKnown: boolean;
  zoneSource: ZoneSource;
  profileId: string;
  /** The number in E.164 when it could be read. */
  phoneE164?: string;
}

/** Default search horizon for the next opening/closing. */
export const DEFAULT_SEARCH_DAYS = 14;

interface ZoneState {
  open: boolean;
  /** Why the zone is closed at this instant (empty when open). */
  why: Reason[];
  /** Caveats that did not close the zone (a holiday calendar without data), keyed by their English text. */
  notes: ReadonlyMap<string, Reason>;
}

/** Evaluates the profile's hours, days and the debtor's restrictions in each zone, with a per-date day cache. */
class WindowModel {
  private readonly dayCache = new Map<string, DayVerdict>();
  private readonly boundaryMinutes: number[];

  constructor(
    readonly profile: ComplianceProfile,
    readonly zones: readonly string[],
    readonly restrictions: readonly InconvenientTime[],
    readonly calendars?: DeliveredCalendars,
  ) {
    const minutes = new Set<number>([0, profile.hours.startMinute, profile.hours.endMinute]);
    for (const restriction of restrictions) {
      minutes.add(restriction.fromMinute ?? 0);
      minutes.add(restriction.toMinute ?? 0);
    }
    this.boundaryMinutes = [...minutes].filter((minute) => minute >= 0 && minute < 1440).sort((a, b) => a - b);
  }

  private day(date: string, weekday: Parameters<typeof evaluateDay>[2]): DayVerdict {
    let verdict = this.dayCache.get(date);
    if (!verdict) {
      verdict = evaluateDay(this.profile, date, weekday, this.calendars);
      this.dayCache.set(date, verdict);
    }
    return verdict;
  }

  zoneState(at: number, zone: string): ZoneState {
    const wall = wallTimeAt(at, zone);
    const minute = wall.msOfDay / MINUTE_MS;
    const day = this.day(wall.date, wall.weekday);
    const why: Reason[] = [...day.why];
    const { startMinute, endMinute } = this.profile.hours;
    if (minute < startMinute || minute >= endMinute) {
      why.push(reason('reason.window.outsideHours', { time: formatClockTime(Math.floor(minute)), profile: this.profile.id, hours: hoursText(this.profile), zone }));
    }
    const restriction = matchingRestriction(this.restrictions, wall.weekday, minute);
    if (restriction) why.push(reason('reason.window.restriction', { label: restriction.label, zone }));
    return { open: why.length === 0, why, notes: new Map(day.noteWhy.map((note, index) => [day.notes[index] ?? '', note] as const)) };
  }

  isOpen(at: number): boolean {
    return this.zones.every((zone) => this.zoneState(at, zone).open);
  }

  /**
   * The first instant in `(after, until]` at which permission differs from `current`, or undefined.
   * Candidates are generated one day at a time so the usual case (a change later today) stays cheap.
   */
  nextChange(after: number, until: number, current: boolean): number | undefined {
    for (let chunkStart = after; chunkStart < until; chunkStart += DAY_MS) {
      const chunkEnd = Math.min(chunkStart + DAY_MS, until);
      for (const candidate of this.candidates(chunkStart, chunkEnd)) {
        if (candidate <= after) continue;
        if (this.isOpen(candidate) !== current) return candidate;
      }
    }
    return undefined;
  }

  /** Sorted instants in `(from, to]` where some zone's wall clock reaches a boundary or its offset changes. */
  private candidates(from: number, to: number): number[] {
    const found = new Set<number>();
    for (const zone of this.zones) {
      const firstDate = addDays(wallTimeAt(from, zone).date, -1);
      const lastDate = addDays(wallTimeAt(to, zone).date, 1);
      for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
        for (const minute of this.boundaryMinutes) {
          for (const instant of instantsAtWallTime(date, minute * MINUTE_MS, zone)) {
            if (instant > from && instant <= to) found.add(instant);
          }
        }
      }
      for (const transition of offsetTransitions(from, to + 1, zone)) {
        if (transition > from && transition <= to) found.add(transition);
      }
    }
    return [...found].sort((a, b) => a - b);
  }
}

function hoursText(profile: ComplianceProfile): string {
  return `${formatClockTime(profile.hours.startMinute)}–${formatClockTime(profile.hours.endMinute)}`;
}

function resolveProfile(profile: string | ComplianceProfile): ComplianceProfile {
  if (typeof profile !== 'string') return profile;
  const found = getProfile(profile);
  if (!found) throw new Error(`unknown compliance profile "${profile}"`);
  return found;
}

/**
 * Decides whether `phone` may be called at `at` under `profile`, and when the window closes (if open) or next
 * opens (if closed). See {@link CallingWindowResult}.
 */
export function evaluateCallingWindow(input: CallingWindowInput): CallingWindowResult {
  const profile = resolveProfile(input.profile);
  const restrictions = input.restrictions ?? [];
  const searchDays = input.searchDays ?? DEFAULT_SEARCH_DAYS;
  const resolution = input.zones
    ? {
        timeZones: [...input.zones.timeZones],
        source: (input.zones.timeZones.length > 0 ? 'jurisdiction' : 'unknown') as ZoneSource,
        countries: [...input.zones.countries],
        why: [...(input.zones.why ?? [])],
        phone: undefined,
      }
    : resolveTimeZones({ phone: input.phone, location: input.location, defaultCountry: profile.country });
  const why: Reason[] = [...resolution.why];
  const profileLine = reason('reason.window.profile', { profile: profile.id, hours: hoursText(profile), citation: profile.source.citation, marker: profile.source.marker });
  const base = {
    zoneSource: resolution.source,
    profileId: profile.id,
    ...(resolution.phone ? { phoneE164: resolution.phone.e164 } : {}),
  };

  let zones = resolution.timeZones;
  let zoneKnown = zones.length > 0;
  if (!zoneKnown) {
    // Every country the debtor may be in: a toll-free number and a CRM country both count.
    const countries = resolution.countries.length > 0 ? resolution.countries : [profile.country];
    const country = countries.join(', ');
    const countryZones = profile.unknownZone === 'most-restrictive' ? [...new Set(countries.flatMap((code) => countryTimeZones(code)))].sort() : [];
    if (countryZones.length === 0) {
      why.push(
        profile.unknownZone === 'block' ? reason('reason.window.unknownBlocks', { profile: profile.id }) : reason('reason.window.unknownNoZones', { country }),
        profileLine,
      );
      return { ...base, allowed: false, timeZones: [], reasons: englishReasons(why), why, zoneKnown: false };
    }
    zones = countryZones;
    why.push(reason('reason.window.mostRestrictive', { profile: profile.id, country, zones: zones.join(', ') }));
  }
  why.push(profileLine);
  if (zones.length > 1) why.push(reason('reason.window.allZones', { count: zones.length }));
  for (const restriction of restrictions) why.push(reason('reason.window.stated', { label: restriction.label }));

  const model = new WindowModel(profile, zones, restrictions, input.calendars);
  const states = zones.map((zone) => ({ zone, state: model.zoneState(input.at, zone) }));
  const allowed = states.every(({ state }) => state.open);
  for (const { zone } of states) why.push(reason('reason.window.localTime', { zone, local: describeLocal(input.at, zone) }));
  const notes = new Map(states.flatMap(({ state }) => [...state.notes]));

  const until = input.at + searchDays * DAY_MS;
  const change = model.nextChange(input.at, until, allowed);
  const result: CallingWindowResult = { ...base, allowed, timeZones: [...zones], reasons: [], why, zoneKnown };
  if (allowed) {
    if (change !== undefined) {
      result.closesAt = change;
      why.unshift(reason('reason.window.allowedUntil', { at: describeInstant(change, zones) }));
    } else {
      why.unshift(reason('reason.window.allowedLong', { days: searchDays }));
    }
  } else {
    const causes = states.flatMap(({ state }) => state.why);
    if (change !== undefined) {
      result.opensAt = change;
      why.unshift(reason('reason.window.closed', { why: causes, at: describeInstant(change, zones) }));
    } else {
      why.unshift(reason('reason.window.closedLong', { why: causes, days: searchDays }));
    }
  }
  if (change !== undefined) {
    // Holiday-calendar caveats for the day the window changes matter as much as today's.
    for (const zone of zones) model.zoneState(change, zone).notes.forEach((note, text) => notes.set(text, note));
  }
  why.push(...notes.values());
  result.reasons = englishReasons(why);
  return result;
}

function describeLocal(at: number, zone: string): string {
  const wall = wallTimeAt(at, zone);
  return `${wall.weekday[0]?.toUpperCase()}${wall.weekday.slice(1)} ${formatLocal(at, zone)}`;
}

function describeInstant(at: number, zones: readonly string[]): Reason {
  return reason('reason.window.at', { local: zones.map((zone) => `${formatLocal(at, zone)} ${zone}`).join(' / '), iso: new Date(at).toISOString() });
}
