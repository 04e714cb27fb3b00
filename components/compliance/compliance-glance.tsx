import { deriveCountdown, formatCountdown } from '../../lib/compliance/countdown';
import { usePanelState } from '../side-panel-model';
import { useShownAssessment } from './compliance-section';

/**
 * The calling rules in one line for the call header: a block by the rules themselves (no rules for where the
 * debtor may be, or a team pack that cannot be trusted), the window (open with the time left, or closed), the caps
 * and a do-not-call flag. Each state carries a symbol and a word as well as a colour, so it reads without colour.
 * The full section (why, zones, location, work number) is one click away; it keeps the verdict fresh.
 */
export function ComplianceGlance() {
  const { t } = usePanelState();
  const { live, phone, now, shown } = useShownAssessment();
  const tr = t.value;
  if (!live || !phone) return null;
  if (!shown) {
    return (
      <p class="glance glance--pending muted" data-testid="compliance-glance">
        {tr('compliance.glance.checking')}
      </p>
    );
  }
  const view = deriveCountdown(shown.window, now);
  const open = view.state === 'open';
  const time = view.remainingMs !== undefined ? formatCountdown(view.remainingMs) : undefined;
  const windowState = !open ? 'bad' : view.warning !== undefined ? 'warn' : 'ok';
  return (
    <ul class="glance" aria-label={tr('compliance.glance')} data-testid="compliance-glance" data-action={shown.action}>
      {shown.rules?.blocked && (
        // First: whatever the window and caps say, no call may go ahead (the section below says why).
        <li class="glance__item glance__item--bad" data-testid="glance-rules">
          <span class="glance__mark" aria-hidden="true">
            ⊘
          </span>
          <strong>{tr('compliance.glance.noRules')}</strong>
        </li>
      )}
      <li class={`glance__item glance__item--${windowState}`} data-testid="glance-window" data-state={view.state} data-warning={view.warning ?? ''}>
        <span class="glance__mark" aria-hidden="true">
          {windowState === 'ok' ? '◷' : windowState === 'warn' ? '⚠' : '⊘'}
        </span>
        <strong>{tr(open ? 'compliance.glance.open' : 'compliance.glance.closed')}</strong>
        {' · '}
        {time === undefined ? (
          tr('compliance.glance.noEdge')
        ) : (
          <time class="glance__time" dateTime={view.target !== undefined ? new Date(view.target).toISOString() : undefined}>
            {tr(open ? 'compliance.glance.left' : 'compliance.glance.opensIn', { time })}
          </time>
        )}
      </li>
      <li class={`glance__item glance__item--${shown.caps.allowed ? 'ok' : 'bad'}`} data-testid="glance-caps">
        <span class="glance__mark" aria-hidden="true">
          {shown.caps.allowed ? '✓' : '⊘'}
        </span>
        <strong>{tr(shown.caps.allowed ? 'compliance.glance.capsOk' : 'compliance.glance.capsOver')}</strong>
        {' · '}
        {tr('compliance.glance.attempts', { attempts: shown.caps.counts.attempts })}
      </li>
      {shown.doNotCall.blocked && (
        <li class="glance__item glance__item--bad" data-testid="glance-dnc">
          <span class="glance__mark" aria-hidden="true">
            ⊘
          </span>
          <strong>{tr('compliance.glance.dnc')}</strong>
        </li>
      )}
    </ul>
  );
}
