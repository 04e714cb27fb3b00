import { useState } from 'preact/hooks';
import type { Translate } from '../../../lib/i18n/ui-messages';
import { localize } from '../../../lib/packs';
import type { PackLanguage, ScriptPack, ScriptStep, VariableDefinition } from '../../../lib/packs/types';
import { SafeMarkdown, SayLineView } from '../../script/script-text';
import { checkLabels, sayLineSegments, variableLabel } from '../../script/script-text-helpers';
import { LockIcon } from '../../lock-icon';
import '../../script/script.css';

/** Sample per-call values by variable type, in the `YYYY-MM-DD` / plain-number form the call form stores. */
function sampleValue(variable: VariableDefinition, pack: ScriptPack, language: PackLanguage, t: Translate): string {
  switch (variable.type) {
    case 'money':
      return '12800.5';
    case 'number':
      return '3';
    case 'date':
      return '2026-12-15';
    default:
      return t('editor.preview.sampleText', { label: variableLabel(pack, variable.key, language) });
  }
}

/** Checks a step's gate still needs when nothing is ticked yet (how an agent first meets it). */
function gateChecks(pack: ScriptPack, stepId: string | undefined): string[] {
  return stepId ? (pack.steps.find((step) => step.id === stepId)?.gate?.requires ?? []) : [];
}

/**
 * The selected step as the side panel shows it at the start of a call, built from the panel's own pieces
 * (say-line segments, the safe Markdown subset, check labels) in the UI language. It is read-only: nothing is
 * ticked, choices and Next only show where they lead and whether a gate locks them. Pack text only ever
 * becomes text nodes.
 */
export function PanelPreview({
  pack,
  language,
  t,
  selected,
  onSelect,
}: {
  pack: ScriptPack;
  language: PackLanguage;
  t: Translate;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const [samples, setSamples] = useState(true);
  const index = Math.max(0, Math.min(selected, pack.steps.length - 1));
  const step = pack.steps[index];
  const values: Record<string, string> = {};
  if (samples) for (const variable of pack.variables) values[variable.key] = sampleValue(variable, pack, language, t);

  return (
    <section class="pack-preview" aria-labelledby="pack-preview-title" data-testid="pack-editor-panel-preview">
      <h3 id="pack-preview-title">{t('editor.preview.title')}</h3>
      <div class="pack-form__row">
        <label class="pack-form__field">
          <span>{t('editor.preview.step')}</span>
          <select value={String(index)} onChange={(event) => onSelect(Number(event.currentTarget.value))}>
            {pack.steps.map((candidate, at) => (
              <option key={at} value={String(at)}>{`${at + 1}. ${localize(candidate.title, language, pack)}`}</option>
            ))}
          </select>
        </label>
        <label class="pack-form__checkbox">
          <input type="checkbox" checked={samples} onChange={(event) => setSamples(event.currentTarget.checked)} />
          {t('editor.preview.samples')}
        </label>
      </div>
      {step && <PreviewStep pack={pack} step={step} index={index} language={language} t={t} values={values} />}
    </section>
  );
}

function PreviewStep({
  pack,
  step,
  index,
  language,
  t,
  values,
}: {
  pack: ScriptPack;
  step: ScriptStep;
  index: number;
  language: PackLanguage;
  t: Translate;
  values: Record<string, string>;
}) {
  const text = (value: Parameters<typeof localize>[0]) => localize(value, language, pack);
  const ownGate = step.gate?.requires ?? [];
  const nextLock = gateChecks(pack, step.next);
  return (
    <div class="script-step" data-testid="pack-preview-step" data-step-id={step.id}>
      <p class="script-step__progress">{t('script.progress', { n: index + 1, m: pack.steps.length })}</p>
      <h4 class="script-step__title">{text(step.title)}</h4>
      {ownGate.length > 0 && (
        <p class="script-lock-note">
          {step.gate?.message ? `${text(step.gate.message)} ` : ''}
          {t('packs.editor.gate', { checks: checkLabels(pack, ownGate, language) })}
        </p>
      )}
      {step.say && step.say.length > 0 && (
        <div class="script-say" role="group" aria-label={t('script.say')}>
          {step.say.map((line, at) => (
            <SayLineView
              key={at}
              segments={sayLineSegments(pack, text(line.text), values, language)}
              missingLabel={(key) => t('script.missingValue', { label: variableLabel(pack, key, language) })}
            />
          ))}
        </div>
      )}
      {step.body && <SafeMarkdown class="script-step__body" text={text(step.body)} />}
      {step.checks && step.checks.length > 0 && (
        <fieldset class="script-checks" disabled>
          <legend>{t('script.checklist')}</legend>
          {step.checks.map((check) => (
            <label class="script-check" key={check.id}>
              <input type="checkbox" checked={false} readOnly />
              <span>
                {text(check.label)}
                {check.required && <span class="script-check__required"> ({t('script.required')})</span>}
              </span>
              {check.help && <small class="muted script-check__help">{text(check.help)}</small>}
            </label>
          ))}
        </fieldset>
      )}
      {step.choices && step.choices.length > 0 && (
        <div class="script-choices" role="group" aria-label={t('script.choices')}>
          <ol>
            {step.choices.map((choice, at) => {
              const lock = gateChecks(pack, choice.next);
              return (
                <li key={at}>
                  <span class={`script-choice${lock.length > 0 ? ' script-choice--locked' : ''}`} data-locked={lock.length > 0 ? 'true' : undefined}>
                    <kbd class="script-choice__key">{at + 1}</kbd>
                    <span class="script-choice__label">{text(choice.label)}</span>
                    <small class="muted">
                      {choice.next ? t('editor.preview.goesTo', { step: choice.next }) : t('editor.preview.ends', { code: choice.disposition ?? '' })}
                    </small>
                    {lock.length > 0 && (
                      <span aria-hidden="true">
                        <LockIcon size="0.9em" />
                      </span>
                    )}
                  </span>
                  {lock.length > 0 && <small class="script-lock-note">{t('script.locked', { checks: checkLabels(pack, lock, language) })}</small>}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {step.next && (
        <div class="script-nav">
          <span class="script-nav__next" data-locked={nextLock.length > 0 ? 'true' : undefined}>
            {t('script.next')} → <small class="muted">{t('editor.preview.goesTo', { step: step.next })}</small>
            {nextLock.length > 0 && (
              <span aria-hidden="true">
                {' '}
                <LockIcon size="0.9em" />
              </span>
            )}
          </span>
          {nextLock.length > 0 && <small class="script-lock-note">{t('script.locked', { checks: checkLabels(pack, nextLock, language) })}</small>}
        </div>
      )}
    </div>
  );
}
