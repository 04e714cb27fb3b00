import { signal } from '@preact/signals';
import type { ComplianceAssessment } from '../../lib/compliance/assessment';

import type { ComplianceClient } from '../../lib/extension/pages/compliance-client';

/** A verdict older than this is fetched again even without a boundary, so new calls and flags show up. */
export const REFRESH_AFTER_MS = 60_000;

/**
 * The countdown section's state: the number typed before a call, and the last verdict for the number shown.
 * The verdict holds absolute instants (closesAt / opensAt); the countdown is derived from them and the panel
 * clock, so nothing here ticks.
 */
export function createComplianceState(client: ComplianceClient) {
  const nextNumber = signal('');
  const assessment = signal<ComplianceAssessment | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
  const pending = signal(false);
  let latestPhone: string | undefined;
  let fetchedAt = 0;

  async function refresh(phone: string | undefined, now: number): Promise<void> {
    if (phone !== latestPhone) assessment.value = undefined;
    latestPhone = phone;
    if (!phone) {
      assessment.value = undefined;
      error.value = undefined;
      return;
    }
    fetchedAt = now;
    pending.value = true;
    try {
      const verdict = await client.evaluate(phone);
      // A slower answer for a number no longer shown must not replace the current one.
      if (latestPhone !== phone) return;
      assessment.value = verdict;
      error.value = undefined;
    } catch (failure) {
      if (latestPhone !== phone) return;
      assessment.value = undefined;
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (latestPhone === phone) pending.value = false;
    }
  }

  /** True when the verdict shown is for another number, crossed a boundary, or is old. */
  function isStale(phone: string | undefined, now: number): boolean {
    if (phone !== latestPhone) return true;
    const current = assessment.value;
    if (!phone || pending.value) return false;
    if (!current) return error.value === undefined || now - fetchedAt >= REFRESH_AFTER_MS;
    const boundary = current.window.allowed ? current.window.closesAt : current.window.opensAt;
    return (boundary !== undefined && now >= boundary) || now - fetchedAt >= REFRESH_AFTER_MS;
  }

  return { nextNumber, assessment, error, pending, refresh, isStale };
}

/** The compliance section's state type. */
export type ComplianceState = ReturnType<typeof createComplianceState>;
