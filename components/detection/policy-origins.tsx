import { missingPolicyPatterns } from '../../lib/detection/dialer-access';
import type { Translate } from '../../lib/i18n/ui-messages';

/**
 * The origins the administrator's policy requires, marked as such, with one "Grant access" for all that are not
 * granted yet (Chrome cannot grant host permissions from policy, so the agent's click is still needed). Nothing
 * here disables them. Renders nothing without a policy.
 */
export function PolicyOrigins({
  t,
  policy,
  enabled,
  onGrant,
  showGranted = true,
}: {
  t: Translate;
  policy: readonly string[];
  enabled: readonly string[];
  onGrant(patterns: readonly string[]): void;
  /** The side panel only needs the missing ones; the options page lists them all. */
  showGranted?: boolean;
}) {
  const missing = missingPolicyPatterns(policy, enabled);
  const shown = showGranted ? policy : missing;
  if (shown.length === 0) return null;
  return (
    <div class="policy-origins">
      <h3 id="policy-origins-title">{t('detection.policyTitle')}</h3>
      <ul aria-labelledby="policy-origins-title">
        {shown.map((pattern) => (
          <li key={pattern}>
            <span>{pattern}</span>{' '}
            <span>{missing.includes(pattern) ? t('detection.policyMissing') : t('detection.policyRequired')}</span>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <button type="button" onClick={() => onGrant(missing)}>
          {t('detection.policyGrant')}
        </button>
      )}
    </div>
  );
}
