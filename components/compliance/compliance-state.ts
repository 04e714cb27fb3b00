import { signal } from '@preact/signals';
import type { ComplianceAssessment } from '../../lib/compliance/assessment';
import type { NumberKind } from '../../lib/compliance/profiles';

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

  /** The last failure to save a number's kind, shown beside the checkbox (the verdict stays as it was). */
  const numberKindError = signal<string | undefined>(undefined);
  /** Numbers marked from this panel, with when: a live call's verdict from before the marking is out of date. */
  const numberKindMarks = signal<Readonly<Record<string, { kind: NumberKind; at: number }>>>({});

  /** Marks `phone` as a work number (or personal again), then fetches its verdict again: work numbers have caps of their own. */
  async function markNumberKind(phone: string, kind: NumberKind, now: number): Promise<void> {
    try {
      await client.setNumberKind(phone, kind);
      numberKindError.value = undefined;
    } catch (failure) {
      numberKindError.value = failure instanceof Error ? failure.message : String(failure);
      return;
    }
    numberKindMarks.value = { ...numberKindMarks.value, [phone]: { kind, at: now } };
    await refresh(phone, now);
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

  return { nextNumber, assessment, error, pending, refresh, isStale, numberKindError, numberKindMarks, markNumberKind };
}

/** The compliance section's state type. */
export type ComplianceState = ReturnType<typeof createComplianceState>;
