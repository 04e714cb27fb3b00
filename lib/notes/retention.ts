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

/** How long compliance evidence is kept when the lead's policy sets no floor of its own. */
export const DEFAULT_COMPLIANCE_RETENTION_DAYS = DEFAULT_RETENTION_DAYS;
/**
 * Calls and imported attempts are kept at least this long whatever the retention: the contact caps count the
 * attempts of the last week (plus time-zone margin and the cool-down after a conversation; LOG_LOOKBACK_MS in the
 * compliance feature), and a shorter retention would let an agent clear the count by choosing one day.
 */
export const CAPS_LOOKBACK_DAYS = 15;

/** The cutoffs one purge applies, epoch ms: what started (or happened) before each goes. */
export interface RetentionCutoffs {
  /** Call records without compliance events, and imported attempts. */
  records: number;
  /** Compliance evidence: records with compliance events, the compliance log, lifted do-not-call flags, old debtor-stated times. */
  evidence: number;
}

/**
 * The cutoffs in force: the retention chosen (locked by the lead, else the agent's, else the team's default), never
 * shorter than the caps' lookback; and for compliance evidence the lead's floor (`complianceRetentionDays`, else
 * {@link DEFAULT_COMPLIANCE_RETENTION_DAYS}), never shorter than the retention itself. The agent's setting moves
 * neither floor.
 */
export function retentionCutoffs(now: number, setting: { days?: number; lockedDays?: number; complianceFloorDays?: number }): RetentionCutoffs {
  const days = Math.max(effectiveRetentionDays(setting), CAPS_LOOKBACK_DAYS);
  const floor = effectiveRetentionDays({ days: setting.complianceFloorDays ?? DEFAULT_COMPLIANCE_RETENTION_DAYS });
  return { records: retentionCutoff(now, days), evidence: retentionCutoff(now, Math.max(days, floor)) };
}
