import { readManagedPolicy } from './managed-policy';

/** What the team's managed policy says about retention. */
export interface RetentionPolicy {
  /** A retention the agent cannot change. */
  lockedDays?: number;
  /** The team's default, used while the agent has not chosen one. */
  teamDays?: number;
  /** How long compliance evidence is kept at least, whatever the agent chooses (`complianceRetentionDays`). */
  complianceFloorDays?: number;
}

/**
 * Retention from the browser's managed policy (public/managed-schema.json): `retentionDays` is a lock when
 * `lockedSettings` names it or when no `lockedSettings` list is published, and otherwise the team's default.
 * Managed storage is read-only for the agent, which is what makes it a lock.
 */
export async function readRetentionPolicy(): Promise<RetentionPolicy> {
  // No policy installed (or no managed storage in this browser): nothing is locked.
  const managed = await readManagedPolicy(['retentionDays', 'lockedSettings', 'complianceRetentionDays']);
  const floor = managed['complianceRetentionDays'];
  const withFloor = typeof floor === 'number' && Number.isInteger(floor) ? { complianceFloorDays: floor } : {};
  if (typeof managed['retentionDays'] !== 'number') return withFloor;
  const locks = Array.isArray(managed['lockedSettings']) ? (managed['lockedSettings'] as unknown[]) : undefined;
  const days = managed['retentionDays'];
  return { ...(!locks || locks.includes('retentionDays') ? { lockedDays: days } : { teamDays: days }), ...withFloor };
}
