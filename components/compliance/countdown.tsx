import type { CallingWindowResult } from '../../lib/compliance/calling-window';
import { deriveCountdown, formatCountdown } from '../../lib/compliance/countdown';
import { formatLocalClock, formatLocalDateTime } from '../../lib/time/locale-format';
import type { Translate, UiLanguage } from '../../lib/i18n/ui-messages';

/** Props of {@link Countdown}. */
export interface CountdownProps {
  window: CallingWindowResult;
  now: number;
  language: UiLanguage;
  t: Translate;
}

/**
 * Time left in the debtor's window, or until it opens, recomputed from `now` on every render. The timer holds a
 * `<time datetime>` with the instant counted to, so assistive tech and tests read the same fact the agent sees.
 * Warnings go to a polite live region whose text changes only when a threshold is crossed.
 */
export function Countdown({ window, now, language, t }: CountdownProps) {
  const view = deriveCountdown(window, now);
  const open = view.state === 'open';
  const zone = window.timeZones[0];
  const label = open ? t('compliance.timeLeft') : t('compliance.opensIn');
  const announcement = !open
    ? t('compliance.nowClosed')
    : view.warning === 15
      ? t('compliance.warning15')
      : view.warning === 5
        ? t('compliance.warning5')
        : view.warning === 1
          ? t('compliance.warning1')
          : '';

  return (
    <div
      class={`compliance-countdown compliance-countdown--${view.state}`}
      data-state={view.state}
      data-warning={view.warning ?? ''}
      data-testid="compliance-countdown"
    >
      <p class="compliance-countdown__verdict" data-testid="compliance-verdict">
        {open ? t('compliance.open') : t('compliance.closed')}
      </p>
      {view.target !== undefined && view.remainingMs !== undefined ? (
        <>
          <p class="compliance-countdown__time">
            <span class="compliance-countdown__label">{label}</span>{' '}
            <span role="timer" aria-label={label} data-testid="compliance-timer">
              <time dateTime={new Date(view.target).toISOString()}>{formatCountdown(view.remainingMs)}</time>
            </span>
          </p>
          {zone && (
            <p class="muted" data-testid="compliance-boundary">
              {open ? t('compliance.closesAt') : t('compliance.opensAt')}: {formatLocalDateTime(view.target, zone, language)} ({zone})
            </p>
          )}
        </>
      ) : (
        <p class="muted">{open ? t('compliance.noClosing') : t('compliance.noOpening')}</p>
      )}
      <p aria-live="polite" class="compliance-countdown__announcement" data-testid="compliance-announcement">
        {announcement}
      </p>
    </div>
  );
}

/** The debtor's local time in each candidate zone. */
export function DebtorLocalTime({ window, now, language, t }: CountdownProps) {
  return (
    <dl class="compliance-facts">
      <dt>{t('compliance.localTime')}</dt>
      <dd data-testid="compliance-local-time">
        {window.timeZones.map((zone) => (
          <span key={zone} class="compliance-facts__zone-time">
            {formatLocalClock(now, zone, language)} <span class="muted">({zone})</span>
          </span>
        ))}
      </dd>
      <dt>{t('compliance.zones')}</dt>
      <dd data-testid="compliance-zones">
        {window.zoneKnown ? window.timeZones.join(', ') : `${window.timeZones.join(', ')}: ${t('compliance.zoneUnknown')}`}
      </dd>
    </dl>
  );
}
