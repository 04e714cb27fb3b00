import { useEffect, useRef } from 'preact/hooks';
import { localize } from '../../lib/packs';
import type { ScriptPack, ScriptStep } from '../../lib/packs/types';
import { missingGateChecks, timeOnStep, type ScriptProgress } from '../../lib/script/engine';
import { formatDuration } from '../../lib/time/format-duration';
import { usePanelState } from '../side-panel-model';
import { SafeMarkdown, SayLineView } from './script-text';
import { checkLabels, refusalText, sayLineSegments, variableLabel } from './script-text-helpers';
import type { ScriptState } from './script-state';
import { LockIcon } from '../lock-icon';

/** Id of the current step's heading; focus lands there when the step changes. */
export const STEP_HEADING_ID = 'script-step-title';

/**
 * The current step, large: progress, what to say, the checklist, the numbered options, Back/Next and the
 * guidance. Options and Next into a gated step show a lock naming the checks still missing.
 */
export function ScriptStepView({ state, pack, progress }: { state: ScriptState; pack: ScriptPack; progress: ScriptProgress }) {
  const { t, clock } = usePanelState();
  const tr = t.value;
  const language = state.language.value;
  const step = pack.steps.find((candidate) => candidate.id === progress.currentStepId);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // A new step replaces the old one's controls; keep focus in the script rather than dropping it on <body>.
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) heading.current?.focus();
  }, [progress.currentStepId]);

  if (!step) return null;
  const index = pack.steps.indexOf(step);
  const refusal = state.refusal.value;

  return (
    <section class="script-step" aria-labelledby={STEP_HEADING_ID} key={step.id} data-step-id={step.id}>
      <p class="script-step__progress">
        <span data-testid="script-progress">{tr('script.progress', { n: index + 1, m: pack.steps.length })}</span>
        {' · '}
        {/* Not role=timer: the call card's duration is the panel's one timer. */}
        <span class="script-step__time" aria-live="off">
          {tr('script.timeOnStep', { time: formatDuration(timeOnStep(progress, step.id, clock.value)) })}
        </span>
      </p>
      <h3 id={STEP_HEADING_ID} class="script-step__title" tabIndex={-1} ref={heading}>
        {localize(step.title, language, pack)}
      </h3>
      {refusal && (
        <p role="alert" class="script-refusal" data-testid="script-refusal">
          {refusalText(tr, pack, refusal, language)}
        </p>
      )}
      <SayLines state={state} pack={pack} step={step} />
      <Checklist state={state} pack={pack} step={step} progress={progress} />
      <Choices state={state} pack={pack} step={step} progress={progress} />
      <StepNav state={state} pack={pack} step={step} progress={progress} />
      {/* The guidance last: what to say, what to check and where to go next come first on a narrow first screen. */}
      {step.body && <SafeMarkdown class="script-step__body" text={localize(step.body, language, pack)} />}
    </section>
  );
}

function SayLines({ state, pack, step }: { state: ScriptState; pack: ScriptPack; step: ScriptStep }) {
  const { t } = usePanelState();
  const language = state.language.value;
  if (!step.say || step.say.length === 0) return null;
  // A line made only of an optional part whose value is empty renders as nothing: it is left out, not shown blank.
  const lines = step.say
    .map((line) => sayLineSegments(pack, localize(line.text, language, pack), state.variables.value, language))
    .filter((segments) => segments.some((segment) => segment.kind !== 'text' || segment.text.trim() !== ''));
  return (
    <div class="script-say" role="group" aria-label={t.value('script.say')}>
      {lines.map((segments, index) => (
        <SayLineView
          key={index}
          segments={segments}
          missingLabel={(key) => t.value('script.missingValue', { label: variableLabel(pack, key, language) })}
        />
      ))}
    </div>
  );
}

/** Id of a check's checkbox, so the "C" key and gate notes can point at it. */
export const checkInputId = (checkId: string) => `script-check-${checkId}`;

function Checklist({ state, pack, step, progress }: { state: ScriptState; pack: ScriptPack; step: ScriptStep; progress: ScriptProgress }) {
  const { t } = usePanelState();
  const language = state.language.value;
  if (!step.checks || step.checks.length === 0) return null;
  return (
    <fieldset class="script-checks">
      <legend>{t.value('script.checklist')}</legend>
      {step.checks.map((check) => (
        <div class="script-check" key={check.id}>
          <input
            type="checkbox"
            id={checkInputId(check.id)}
            checked={progress.checked.includes(check.id)}
            aria-describedby={check.help ? `${checkInputId(check.id)}-help` : undefined}
            onChange={() => void state.act({ type: 'toggleCheck', checkId: check.id })}
          />
          <label for={checkInputId(check.id)}>
            {localize(check.label, language, pack)}
            {check.required && <span class="script-check__required"> ({t.value('script.required')})</span>}
          </label>
          {check.help && (
            <small id={`${checkInputId(check.id)}-help`} class="muted script-check__help">
              {localize(check.help, language, pack)}
            </small>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function Choices({ state, pack, step, progress }: { state: ScriptState; pack: ScriptPack; step: ScriptStep; progress: ScriptProgress }) {
  const { t } = usePanelState();
  const language = state.language.value;
  if (!step.choices || step.choices.length === 0) return null;
  return (
    <div class="script-choices" role="group" aria-label={t.value('script.choices')}>
      <ol>
        {step.choices.map((choice, index) => {
          const missing = choice.next ? missingGateChecks(pack, progress, choice.next) : [];
          const noteId = `script-choice-${index}-lock`;
          return (
            <li key={index}>
              <button
                type="button"
                class={`script-choice${missing.length > 0 ? ' script-choice--locked' : ''}`}
                aria-keyshortcuts={String(index + 1)}
                aria-describedby={missing.length > 0 ? noteId : undefined}
                data-locked={missing.length > 0 ? 'true' : undefined}
                onClick={() => void state.act({ type: 'choose', index })}
              >
                <kbd class="script-choice__key" aria-hidden="true">
                  {index + 1}
                </kbd>
                <span class="script-choice__label">{localize(choice.label, language, pack)}</span>
                {missing.length > 0 && (
                  <span class="script-lock" aria-hidden="true">
                    <LockIcon size="0.9em" />
                  </span>
                )}
              </button>
              {missing.length > 0 && (
                <small id={noteId} class="script-lock-note">
                  {t.value('script.locked', { checks: checkLabels(pack, missing, language) })}
                </small>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function StepNav({ state, pack, step, progress }: { state: ScriptState; pack: ScriptPack; step: ScriptStep; progress: ScriptProgress }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const missing = step.next ? missingGateChecks(pack, progress, step.next) : [];
  return (
    <div class="script-nav">
      <button type="button" aria-keyshortcuts="ArrowLeft" disabled={progress.history.length === 0} onClick={() => void state.act({ type: 'back' })}>
        ← {t.value('script.back')}
      </button>
      {step.next && (
        <button
          type="button"
          class="script-nav__next"
          aria-keyshortcuts="ArrowRight"
          aria-describedby={missing.length > 0 ? 'script-next-lock' : undefined}
          data-locked={missing.length > 0 ? 'true' : undefined}
          onClick={() => void state.act({ type: 'next' })}
        >
          {t.value('script.next')} →{missing.length > 0 && <span aria-hidden="true"> <LockIcon size="0.9em" /></span>}
        </button>
      )}
      {step.next && missing.length > 0 && (
        <small id="script-next-lock" class="script-lock-note">
          {t.value('script.locked', { checks: checkLabels(pack, missing, language) })}
        </small>
      )}
    </div>
  );
}
