/**
 * The pre-dial guard's pure half: which call signals start a check, and what the guard says about a verdict.
 * The DOM overlay (lib/extension/content/guard-overlay.ts) only renders what this decides.
 */
import type { CallSignal, CallVerdict } from '../calls/types';

/**
 * Most calls a frame's guard keeps track of before forgetting the oldest. The bridge drops any signal about a
 * call it has forgotten (it keeps a few ended calls, see detection-bridge.ts), so the guard never needs to
 * remember more than the live calls and those few; a small cap keeps the page's memory flat over a shift.
 */
export const MAX_REMEMBERED_CALLS = 32;

/**
 * Decides when to ask the background about a call: once per call, on its first outbound signal while it is
 * still being set up (dialing or ringing). A call first seen already connected or ended is not checked: the
 * guard is about stopping a call before it reaches the debtor, and the background records the breach anyway.
 */
export function createDialWatcher() {
  const seen = new Set<string>();
  return {
    /** True when this signal is the start of an outbound call not checked yet. */
    shouldCheck(signal: Pick<CallSignal, 'callKey' | 'direction' | 'phase'>): boolean {
      if (seen.has(signal.callKey)) return false;
      seen.add(signal.callKey);
      if (seen.size > MAX_REMEMBERED_CALLS) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return signal.direction === 'outbound' && (signal.phase === 'dialing' || signal.phase === 'ringing');
    },
  };
}

/** How many reasons per broken rule the overlay lists; the side panel has the full list. */
export const REASONS_SHOWN = 3;

/** Whether the agent may dismiss the warning without a reason: warn profiles, or once the call is over. */
export function mayDismiss(action: 'warn' | 'block', state: { ended: boolean; overridden: boolean }): boolean {
  return action === 'warn' || state.ended || state.overridden;
}

/**
 * Whether a blocked outbound call can still be stopped without reaching the debtor: only before it is answered
 * (SIP CANCEL). Once connected, held or ended, the guard can only ask the agent to hang up.
 */
export function mayCancel(phase: CallSignal['phase'] | undefined): boolean {
  return phase === undefined || phase === 'dialing' || phase === 'ringing';
}

/**
 * What the guard did about a blocking verdict: `cancelled` (it pressed the dialer's hang-up before an answer),
 * `no-control` (no hang-up control found: the agent must end it), `answered` (too late to cancel).
 */
export type BlockOutcome = 'cancelled' | 'no-control' | 'answered';

/** How long an override lets the agent redial the same number without being blocked again. */
export const OVERRIDE_TTL_MS = 10 * 60_000;

/** An agent's override of the guard for one number, remembered for a short while. */
export interface NumberOverride {
  reason: string;
  /** The broken rules the agent saw and overrode (violation codes); a new kind of breach blocks again. */
  codes: string[];
  /** Epoch ms after which the override no longer applies. */
  until: number;
  /** The call record the override was given on. */
  callId: string;
}

/** Overrides by number (E.164 where known). */
export type NumberOverrides = Record<string, NumberOverride>;

/**
 * The override in force for a number at `at`, if it covers every rule the call breaks now. A call breaking
 * nothing needs none.
 */
export function activeOverride(overrides: NumberOverrides, number: string, codes: readonly string[], at: number): NumberOverride | undefined {
  const override = overrides[number];
  if (!override || override.until <= at || codes.length === 0) return undefined;
  return codes.every((code) => override.codes.includes(code)) ? override : undefined;
}

/** The overrides with one added (or renewed) for `number`, expired ones dropped so the map stays small. */
export function withOverride(overrides: NumberOverrides, number: string, override: NumberOverride, at: number): NumberOverrides {
  const kept: NumberOverrides = {};
  for (const [key, value] of Object.entries(overrides)) if (value.until > at) kept[key] = value;
  kept[number] = override;
  return kept;
}

/** What the pre-dial guard in the page is told about a call that just started. */
export interface GuardVerdict {
  action: 'none' | 'warn' | 'block';
  profileId: string;
  profileName: string;
  /** One line per broken rule, e.g. `outside-window`, with its reasons. */
  violations: { code: string; reasons: string[] }[];
  /** The next opening when outside the window, epoch ms. */
  opensAt?: number;
  /** The debtor's candidate zones. */
  timeZones: string[];
  /** Set when the rules are broken but the agent overrode them for this number a few minutes ago: `action` is then `none`. */
  override?: { reason: string; until: number };
}

/** The part of a call's verdict the guard in the page is told (it runs in someone else's page: no more). */
export function toGuardVerdict({ assessment, override }: CallVerdict): GuardVerdict {
  const verdict: GuardVerdict = {
    action: override ? 'none' : assessment.action,
    profileId: assessment.profileId,
    profileName: assessment.profileName,
    violations: assessment.violations.map(({ code, reasons }) => ({ code, reasons })),
    timeZones: assessment.window.timeZones,
  };
  if (assessment.window.opensAt !== undefined) verdict.opensAt = assessment.window.opensAt;
  if (override) verdict.override = { reason: override.reason, until: override.until };
  return verdict;
}
