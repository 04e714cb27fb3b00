import type { UiLanguage } from '../../i18n/language';
import type { LockedSettings } from '../../compliance/locked-settings';
import { readLockedSettings } from './locked-settings';
import { uiLanguageSetting } from './settings';

/** How long a page about to render waits for the policy before it goes with the agent's own choice. */
export const POLICY_WAIT_BEFORE_RENDER_MS = 300;

/**
 * The interface language setting in force: the administrator's when the policy locks `uiLanguage`; else the agent's
 * own choice; else (the agent left it on `auto`) the policy's `uiLanguage` as the default; else `auto`, which follows
 * the browser. Every surface that speaks to the agent reads it here (the side panel, the options page, the pre-dial
 * guard on the dialer, follow-up reminders, the automatic script pack), so a locked language holds everywhere, not
 * only where the lock is shown. An unreadable policy counts as no lock.
 *
 * Chromium answers the first managed-storage read of a browser session only after about 3 s (measured: 3,005 ms,
 * then 4–9 ms). A surface that must not wait that long passes `policyDeadline`: once it settles, the policy not yet
 * read counts as no lock, and the surface reads again later (the panel and Options do) to apply it.
 */
export async function readUiLanguageInForce({ policyDeadline }: { policyDeadline?: Promise<unknown> } = {}): Promise<UiLanguage | 'auto'> {
  const policy = readLockedSettings().catch(() => undefined);
  const late = policyDeadline ? policyDeadline.then(() => undefined, () => undefined) : undefined;
  const [own, locks] = await Promise.all([
    uiLanguageSetting.getValue().catch(() => 'auto' as const),
    late ? Promise.race([policy, late]) : policy,
  ]);
  return inForce(own, locks);
}

function inForce(own: UiLanguage | 'auto', locks: LockedSettings | undefined): UiLanguage | 'auto' {
  if (locks?.locked.includes('uiLanguage')) return locks.values.uiLanguage ?? 'auto';
  return own === 'auto' ? (locks?.values.uiLanguage ?? 'auto') : own;
}

/** A promise that settles after `ms`: a {@link readUiLanguageInForce} deadline for a page about to render. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
