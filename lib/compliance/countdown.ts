/**
 * The countdown's arithmetic, derived from `now` on every tick: nothing counts down on its own, so a panel that
 * slept or a worker that restarted shows the right time at once.
 */

/** The warning thresholds, in minutes before the window closes, largest first. */
export const WARNING_MINUTES = [15, 5, 1] as const;

/** A warning level: the threshold that has been crossed, or none. */
export type WarningLevel = (typeof WARNING_MINUTES)[number] | undefined;

/** What the countdown shows at `now`. */
export interface CountdownView {
  /** `open`: inside the window; `closed`: outside it. */
  state: 'open' | 'closed';
  /** The instant counted to: the window's end when open, the next opening when closed (absent if none found). */
  target?: number;
  /** Milliseconds from `now` to `target`, never negative. */
  remainingMs?: number;
  /** When open: the smallest threshold the remaining time is within. */
  warning: WarningLevel;
}

/** Derives the countdown from a window verdict's instants and `now`. */
export function deriveCountdown(window: { allowed: boolean; closesAt?: number; opensAt?: number }, now: number): CountdownView {
  // A verdict fetched earlier may be stale: past its closing it is closed, past its opening it is open.
  const open = window.allowed ? window.closesAt === undefined || now < window.closesAt : window.opensAt !== undefined && now >= window.opensAt;
  if (!open) {
    const target = window.allowed ? undefined : window.opensAt;
    return target === undefined ? { state: 'closed', warning: undefined } : { state: 'closed', target, remainingMs: Math.max(0, target - now), warning: undefined };
  }
  const target = window.allowed ? window.closesAt : undefined;
  if (target === undefined) return { state: 'open', warning: undefined };
  const remainingMs = Math.max(0, target - now);
  return { state: 'open', target, remainingMs, warning: warningFor(remainingMs) };
}

/** The threshold `remainingMs` is within (e.g. 4 min 59 s → 5), or undefined above 15 minutes. */
export function warningFor(remainingMs: number): WarningLevel {
  let level: WarningLevel;
  for (const minutes of WARNING_MINUTES) if (remainingMs <= minutes * 60_000) level = minutes;
  return level;
}

/** `h:mm:ss`, hours unbounded (a window can close in 13 hours). Rounds up so 0:00:00 means closed. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
