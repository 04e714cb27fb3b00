import { useEffect } from 'preact/hooks';
import type { ComplianceAssessment } from '../../lib/compliance/assessment';
import { usePanelState, useSidePanelModel } from '../side-panel-model';
import type { ComplianceState } from './compliance-state';
import { Countdown, DebtorLocalTime } from './countdown';
import './compliance.css';

/**
 * The compliance countdown for the focused live call's number, or before a call for the number typed in
 * "Next number".
 */
export function ComplianceSection() {
  const { compliance: own } = useSidePanelModel();
  const { focus, clock, t } = usePanelState();
  const call = focus.value;
  const live = call !== undefined && call.phase !== 'ended';
  const phone = live ? call.remoteNumber.trim() || undefined : own.nextNumber.value.trim() || undefined;
  const now = clock.value;

  useEffect(() => {
    if (own.isStale(phone, now)) void own.refresh(phone, now);
  }, [own, phone, now, call?.phase]);

  const tr = t.value;
  return (
    <section class="compliance" aria-labelledby="compliance-title" data-testid="compliance-section">
      <h2 id="compliance-title">{tr('compliance.title')}</h2>
      {!live && <NextNumberForm state={own} />}
      {phone && <p class="muted">{tr('compliance.forNumber', { number: phone })}</p>}
      {phone && own.error.value && <p class="compliance__error">{tr('compliance.failed', { message: own.error.value })}</p>}
      {phone && !own.assessment.value && !own.error.value && <p class="muted">{tr('compliance.loading')}</p>}
      {phone && own.assessment.value && <Verdict assessment={own.assessment.value} now={now} />}
    </section>
  );
}

function NextNumberForm({ state }: { state: ComplianceState }) {
  const { t } = usePanelState();
  const tr = t.value;
  return (
    <form
      class="compliance__next"
      onSubmit={(event) => {
        event.preventDefault();
        const input = event.currentTarget.elements.namedItem('nextNumber') as HTMLInputElement | null;
        state.nextNumber.value = input?.value ?? '';
      }}
    >
      <label for="compliance-next-number">{tr('compliance.nextNumber')}</label>
      <input
        id="compliance-next-number"
        name="nextNumber"
        inputMode="tel"
        autocomplete="off"
        maxLength={64}
        aria-describedby="compliance-next-hint"
        defaultValue={state.nextNumber.value}
      />
      <button type="submit">{tr('compliance.check')}</button>
      <p id="compliance-next-hint" class="muted">
        {tr('compliance.nextNumberHint')}
      </p>
    </form>
  );
}

function Verdict({ assessment, now }: { assessment: ComplianceAssessment; now: number }) {
  const { t, language } = usePanelState();
  const tr = t.value;
  const { window, caps, doNotCall } = assessment;
  return (
    <div class="compliance__verdict" data-action={assessment.action}>
      <Countdown window={window} now={now} language={language.value} t={tr} />
      <DebtorLocalTime window={window} now={now} language={language.value} t={tr} />
      <dl class="compliance-facts">
        <dt>{tr('compliance.profile')}</dt>
        <dd data-testid="compliance-profile">
          {assessment.profileName} ({assessment.profileId})
        </dd>
      </dl>
      <details>
        <summary>{tr('compliance.why')}</summary>
        <ul data-testid="compliance-reasons">
          {window.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      </details>
      <h3>{tr('compliance.caps')}</h3>
      <p data-testid="compliance-caps" class={caps.allowed ? '' : 'compliance__bad'}>
        {caps.allowed ? tr('compliance.capsOk') : tr('compliance.capsOver')}{' '}
        {tr('compliance.capsCounts', {
          attempts: caps.counts.attempts,
          conversations: caps.counts.conversations,
          unanswered: caps.counts.unansweredToNumberToday,
        })}
      </p>
      {!caps.allowed && (
        <ul>
          {caps.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
      <p class="muted" data-testid="compliance-caps-note">
        {tr('compliance.capsNote')}
      </p>
      <h3>{tr('compliance.dnc')}</h3>
      <p data-testid="compliance-dnc" class={doNotCall.blocked ? 'compliance__bad' : ''}>
        {doNotCall.blocked ? tr('compliance.dncBlocked') : tr('compliance.dncNone')}
      </p>
      {doNotCall.blocked && (
        <ul>
          {doNotCall.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
