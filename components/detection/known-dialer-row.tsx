import type { KnownDialer } from '../../lib/extension/shared/detection-settings';
import type { Translate } from '../../lib/i18n/ui-messages';

/** One known dialer; one the policy requires says so and has no Disable. */
export function KnownDialerRow({
  t,
  dialer,
  enabled,
  policy = [],
  onChange,
}: {
  t: Translate;
  dialer: KnownDialer;
  enabled: readonly string[];
  policy?: readonly string[];
  onChange(patterns: readonly string[], on: boolean): unknown;
}) {
  const on = dialer.matches.every((pattern) => enabled.includes(pattern));
  const required = dialer.matches.every((pattern) => policy.includes(pattern));
  return (
    <li>
      <span>{dialer.name}</span> <span>{on ? t('detection.enabled') : t('detection.notEnabled')}</span>{' '}
      {required && on ? (
        <span>{t('detection.policyRequired')}</span>
      ) : (
        <button
          type="button"
          aria-label={t(on ? 'detection.disableName' : 'detection.enableName', { name: dialer.name })}
          onClick={() => void onChange(dialer.matches, !on)}
        >
          {on ? t('detection.disable') : t('detection.enable')}
        </button>
      )}
    </li>
  );
}
