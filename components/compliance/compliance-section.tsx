import { renderReason } from '../../lib/compliance/reason-text';
import type { Reason } from '../../lib/compliance/reasons';
import type { UiLanguage } from '../../lib/i18n/language';
import { useComputed } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { LiveCall } from '../../lib/calls/types';
import type { ComplianceAssessment } from '../../lib/compliance/assessment';
import type { Translate } from '../../lib/i18n/ui-messages';
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
  const { t, tabId } = usePanelState();
  const { live, phone, now, current, shown } = useShownAssessment();

  useEffect(() => {
    if (!current && own.isStale(phone, now)) void own.refresh(phone, now);
  }, [own, phone, now, live, current]);

  const tr = t.value;
  return (
    <section class="compliance" aria-labelledby="compliance-title" data-testid="compliance-section">
      <h2 id="compliance-title">{tr('compliance.title')}</h2>
      {!live && <NextNumberForm state={own} />}
      {phone && <p class="muted">{tr('compliance.forNumber', { number: phone })}</p>}
      {phone && !shown && own.error.value && <p class="compliance__error">{tr('compliance.failed', { message: own.error.value })}</p>}
      {phone && !shown && !own.error.value && <p class="muted">{tr('compliance.loading')}</p>}
      {phone && shown && <Verdict assessment={shown} now={now} />}
      {phone && shown && <WorkNumberToggle state={own} phone={phone} assessment={shown} now={now} />}
      {live && tabId.value !== undefined && <FocusedLocationForm tabId={tabId.value} />}
    </section>
  );
}

/**
 * The verdict the panel shows: for a live call the one the background computed for it (the same the pre-dial
 * guard got) while its window edge has not passed and the number's kind was not marked since; otherwise the
 * panel's own last answer. Read by the section (which refreshes it) and by the glance in the call header.
 */
export function useShownAssessment() {
  const { compliance: own } = useSidePanelModel();
  const { focus, focusStage, clock } = usePanelState();
  const live = focusStage.value === 'live';
  // The call's number and verdict, each derived apart: a change of the call that leaves both as they were (its
  // phase) does not redraw the rules. The panel keeps an unchanged verdict as the same object (sharingUnchanged).
  const callNumber = useComputed(() => focus.value?.remoteNumber.trim() || undefined).value;
  const callAssessment = useComputed(() => focus.value?.verdict?.assessment).value;
  const phone = live ? callNumber : own.nextNumber.value.trim() || undefined;
  const now = clock.value;
  const callVerdict = live ? callAssessment : undefined;
  // Work numbers have caps of their own: a mark newer than the verdict makes the panel ask again.
  const marked = phone !== undefined ? own.numberKindMarks.value[phone] : undefined;
  const current = callVerdict && !edgePassed(callVerdict, now) && !(marked && marked.at >= callVerdict.at) ? callVerdict : undefined;
  const shown = current ?? own.assessment.value;
  return { live, phone, now, current, shown };
}

/** Whether the verdict's window edge (its closing, or its next opening) has passed: time for a fresh one. */
function edgePassed(assessment: ComplianceAssessment, now: number): boolean {
  const edge = assessment.window.allowed ? assessment.window.closesAt : assessment.window.opensAt;
  return edge !== undefined && now >= edge;
}

/** The location form for the call in focus. */
function FocusedLocationForm({ tabId }: { tabId: number }) {
  const { focus } = usePanelState();
  const call = focus.value;
  return call ? <DebtorLocationForm tabId={tabId} call={call} /> : null;
}

/** Where the agent says the debtor is: its zones and rules are added to the number's, never replace them. */
function DebtorLocationForm({ tabId, call }: { tabId: number; call: LiveCall }) {
  const { clients } = useSidePanelModel();
  const { t } = usePanelState();
  const tr = t.value;
  const [error, setError] = useState<string | undefined>(undefined);
  const entered = call.enteredLocation;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const location = { ...(value('region') ? { region: value('region') } : {}), ...(value('postalCode') ? { postalCode: value('postalCode') } : {}) };
    setError(undefined);
    try {
      await clients.compliance.setLocation(tabId, call.id, Object.keys(location).length > 0 ? location : null);
    } catch (failure) {
      setError(tr('compliance.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  };
  return (
    <form class="compliance__where" onSubmit={submit} aria-labelledby="compliance-where-title" data-testid="compliance-where">
      <h3 id="compliance-where-title">{tr('compliance.where')}</h3>
      <label>
        {tr('compliance.whereRegion')}
        <input name="region" maxLength={64} autocomplete="off" defaultValue={entered?.region ?? ''} />
      </label>
      <label>
        {tr('compliance.wherePostal')}
        <input name="postalCode" maxLength={16} autocomplete="off" defaultValue={entered?.postalCode ?? ''} />
      </label>
      <button type="submit">{tr('compliance.whereUse')}</button>
      <p class="muted">{tr('compliance.whereHint')}</p>
      {error && <p role="alert">{error}</p>}
    </form>
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

/** Whose calls the caps counted: this browser's, or the team's (fresh, or as last kept when the hub is unreachable). */
function capsNote(assessment: ComplianceAssessment, tr: Translate, language: string): string {
  const ledger = assessment.ledger;
  if (!ledger) return tr('compliance.capsNote');
  const time = ledger.asOf !== undefined ? new Date(ledger.asOf).toLocaleString(language) : '';
  if (ledger.source === 'team') return tr('team.capsNote.team', { time });
  return ledger.source === 'team-cached' ? tr('team.capsNote.cached', { time }) : tr('team.capsNote.local');
}

/** Which rules apply and why; sources that disagree; why no call may go ahead when no rules apply. */
function RulesWhy({ assessment }: { assessment: ComplianceAssessment }) {
  const { t, language } = usePanelState();
  const tr = t.value;
  const rules = assessment.rules;
  if (!rules) return null;
  return (
    <div class="compliance__rules">
      <ul aria-label={tr('compliance.rulesApply')} data-testid="compliance-rules">
        {rules.profiles.map((profile) => (
          <li key={profile.profileId}>{tr('compliance.ruleFrom', { profile: profile.profileId, why: said(profile.whyReason, profile.why, language.value) })}</li>
        ))}
      </ul>
      {rules.conflicts.map((conflict, index) => (
        <p key={conflict} class="compliance__bad" role="note" data-testid="compliance-conflict">
          {tr('compliance.conflict', { conflict: said(rules.conflictReasons?.[index], conflict, language.value) })}
        </p>
      ))}
      {rules.blocked && (
        <p class="compliance__bad" data-testid="compliance-no-rules">
          {tr('compliance.noRules', { reason: said(rules.blockedReason, rules.blocked, language.value) })}
        </p>
      )}
    </div>
  );
}

/** "This is a work number": marks the number for the caps that count calls to a workplace. */
function WorkNumberToggle({ state, phone, assessment, now }: { state: ComplianceState; phone: string; assessment: ComplianceAssessment; now: number }) {
  const { t } = usePanelState();
  const tr = t.value;
  const failure = state.numberKindError.value;
  return (
    <div class="compliance__work-number">
      <label>
        <input
          type="checkbox"
          data-testid="compliance-work-number"
          checked={assessment.caps.numberKind === 'work'}
          aria-describedby="compliance-work-number-hint"
          onChange={(event) => void state.markNumberKind(phone, event.currentTarget.checked ? 'work' : 'personal', now)}
        />{' '}
        {tr('compliance.workNumber')}
      </label>
      <p id="compliance-work-number-hint" class="muted">
        {tr('compliance.workNumberHint')}
      </p>
      {failure && <p class="compliance__error">{tr('compliance.workNumberFailed', { message: failure })}</p>}
    </div>
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
      <RulesWhy assessment={assessment} />
      <details>
        <summary>{tr('compliance.why')}</summary>
        <ReasonList testId="compliance-reasons" why={window.why} english={window.reasons} language={language.value} />
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
      {!caps.allowed && <ReasonList testId="compliance-caps-reasons" why={caps.why} english={caps.reasons} language={language.value} />}
      <p class={assessment.ledger && assessment.ledger.source !== 'team' ? 'compliance__bad' : 'muted'} data-testid="compliance-caps-note" data-ledger={assessment.ledger?.source ?? 'browser'}>
        {capsNote(assessment, tr, language.value)}
      </p>
      <h3>{tr('compliance.dnc')}</h3>
      <p data-testid="compliance-dnc" class={doNotCall.blocked ? 'compliance__bad' : ''}>
        {doNotCall.blocked ? tr('compliance.dncBlocked') : tr('compliance.dncNone')}
      </p>
      {doNotCall.blocked && <ReasonList testId="compliance-dnc-reasons" why={doNotCall.why} english={doNotCall.reasons} language={language.value} />}
    </div>
  );
}

/** A reason in the agent's language; the English evidence when a verdict from an older worker has no data form. */
function said(why: Reason | undefined, english: string, language: UiLanguage): string {
  return why ? renderReason(why, language) : english;
}

/** The reasons of a verdict part, each in the agent's language (as text: reasons carry page and debtor data). */
function ReasonList({ why, english, language, testId }: { why: readonly Reason[] | undefined; english: readonly string[]; language: UiLanguage; testId: string }) {
  const lines = why ? why.map((item) => renderReason(item, language)) : english;
  return (
    <ul data-testid={testId}>
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}
