/**
 * How long call records are kept. The background purges records that started before the cutoff, daily.
 */

/** Retention when neither the agent nor the lead has set one. */
export const DEFAULT_RETENTION_DAYS = 90;

/** Bounds of the setting: at least a day, at most ten years. */
export const MIN_RETENTION_DAYS = 1;
/** @see MIN_RETENTION_DAYS */
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 86_400_000;

/**
 * The epoch ms before which records are purged: exactly `days` × 24 h before `now`. A record is expired
 * when its `startedAt` is strictly less than the cutoff.
 * @throws RangeError when `days` is not a whole number within the setting's bounds.
 */
export function retentionCutoff(now: number, days: number): number {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw new RangeError(`Retention must be ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} whole days, got ${days}`);
  }
  if (!Number.isFinite(now)) throw new RangeError(`now must be an epoch ms, got ${now}`);
  return now - days * DAY_MS;
}

/**
 * The retention in force: a lead's locked value wins over the agent's setting; an unset or invalid value
 * falls back to {@link DEFAULT_RETENTION_DAYS}.
 */
export function effectiveRetentionDays(setting: { days?: number; lockedDays?: number }): number {
  for (const candidate of [setting.lockedDays, setting.days]) {
    if (
      candidate !== undefined &&
      Number.isInteger(candidate) &&
      candidate >= MIN_RETENTION_DAYS &&
      candidate <= MAX_RETENTION_DAYS
    ) {
      return candidate;
    }
  }
  return DEFAULT_RETENTION_DAYS;
}
