import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate, UiMessageKey } from '../../../lib/i18n/ui-messages';
import { PACK_LANGUAGES, type PackLanguage } from '../../../lib/packs/types';
import {
  appendItem,
  draftCheckIds,
  freshStepId,
  isRecord,
  listAt,
  moveItem,
  removeItem,
  stringAt,
  updateDraft,
  valueAt,
  withLanguage,
  type DraftPath,
  type PackDraft,
} from './draft';
import './pack-editor.css';

/** What every part of the form needs: the draft, how to replace it, and the translator. */
interface FormContext {
  draft: PackDraft;
  onChange: (draft: PackDraft) => void;
  t: Translate;
}

/**
 * The pack as a form: pack fields, the list of steps (select, reorder, add, remove) and the selected step's
 * fields, each text in zh-CN and English side by side. Every change is a new draft that the caller writes back
 * as JSON, so the raw editor and the form never disagree. Inputs are text controls: pack text is shown as
 * values, never as markup.
 */
export function PackForm({
  draft,
  onChange,
  t,
  language,
  selected,
  onSelect,
}: FormContext & { language: PackLanguage; selected: number; onSelect: (index: number) => void }) {
  const context: FormContext = { draft, onChange, t };
  const steps = listAt(draft, ['steps']);
  const index = Math.min(selected, steps.length - 1);
  return (
    <div class="pack-form" data-testid="pack-form">
      <fieldset>
        <legend>{t('editor.pack')}</legend>
        <div class="pack-form__row">
          <TextField context={context} label={t('editor.packId')} path={['id']} />
          <TextField context={context} label={t('editor.version')} path={['version']} />
        </div>
        <LocalizedField context={context} label={t('editor.packTitle')} path={['title']} />
        <LocalizedField context={context} label={t('editor.description')} path={['description']} optional multiline />
      </fieldset>
      <StepList context={context} language={language} selected={index} onSelect={onSelect} />
      {index >= 0 && <StepFields key={index} context={context} index={index} />}
    </div>
  );
}

function TextField({ context, label, path, list }: { context: FormContext; label: string; path: DraftPath; list?: string }) {
  const { draft, onChange } = context;
  return (
    <label class="pack-form__field">
      <span>{label}</span>
      <input
        type="text"
        spellcheck={false}
        list={list}
        value={stringAt(draft, path)}
        // An emptied optional field is removed rather than written as "" (parsePack reports a missing one).
        onInput={(event) => onChange(updateDraft(draft, path, () => event.currentTarget.value || undefined))}
      />
    </label>
  );
}

const LANGUAGE_NAME_KEYS: Record<PackLanguage, UiMessageKey> = { 'zh-CN': 'editor.language.zh-CN', en: 'editor.language.en' };

/** One localized text: a labelled input per pack language, side by side. */
function LocalizedField({
  context,
  label,
  path,
  optional = false,
  multiline = false,
}: {
  context: FormContext;
  label: string;
  path: DraftPath;
  optional?: boolean;
  multiline?: boolean;
}) {
  const { draft, onChange, t } = context;
  return (
    <div class="pack-form__localized" role="group" aria-label={label}>
      {PACK_LANGUAGES.map((language) => {
        const name = t('editor.inLanguage', { field: label, language: t(LANGUAGE_NAME_KEYS[language]) });
        const value = stringAt(draft, [...path, language]);
        const onInput = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
          onChange(updateDraft(draft, path, (current) => withLanguage(current, language, event.currentTarget.value, optional)));
        return (
          <label key={language} class="pack-form__field">
            <span>{name}</span>
            {multiline ? (
              <textarea rows={2} lang={language} value={value} onInput={onInput} />
            ) : (
              <input type="text" lang={language} value={value} onInput={onInput} />
            )}
          </label>
        );
      })}
    </div>
  );
}

function StepList({
  context,
  language,
  selected,
  onSelect,
}: {
  context: FormContext;
  language: PackLanguage;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const { draft, onChange, t } = context;
  const steps = listAt(draft, ['steps']);
  const list = useRef<HTMLOListElement>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  useEffect(() => {
    // Reordering re-renders rows by position; keep focus on the button of the step that moved.
    if (!focusKey) return;
    const [, index] = focusKey.split('-');
    const target = list.current?.querySelector<HTMLButtonElement>(`[data-focus-key="${focusKey}"]:not([disabled])`);
    // At the top or bottom the arrow just used is disabled; the step's own button is the next best place.
    (target ?? list.current?.querySelector<HTMLButtonElement>(`[data-focus-key="select-${index}"]`))?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const move = (from: number, to: number, direction: 'up' | 'down') => {
    onChange(updateDraft(draft, ['steps'], (current) => moveItem(current, from, to)));
    onSelect(to);
    setFocusKey(`${direction}-${to}`);
  };
  const remove = (index: number) => {
    onChange(updateDraft(draft, ['steps'], (current) => (Array.isArray(current) ? current.filter((_, at) => at !== index) : [])));
    onSelect(Math.max(0, Math.min(index, steps.length - 2)));
  };
  const add = () => {
    const id = freshStepId(draft);
    onChange(updateDraft(draft, ['steps'], (current) => appendItem(current, { id, title: {} })));
    onSelect(steps.length);
    setFocusKey(`select-${steps.length}`);
  };

  return (
    <fieldset>
      <legend>{t('editor.steps')}</legend>
      <ol class="pack-form__steps" ref={list}>
        {steps.map((step, index) => {
          const title =
            [language, ...PACK_LANGUAGES].map((candidate) => stringAt(step, ['title', candidate])).find(Boolean) ||
            stringAt(step, ['id']) ||
            t('editor.untitled');
          return (
            <li key={index} class={index === selected ? 'pack-form__step pack-form__step--selected' : 'pack-form__step'}>
              <button type="button" class="pack-form__step-select" aria-pressed={index === selected} data-focus-key={`select-${index}`} onClick={() => onSelect(index)}>
                {`${index + 1}. ${title}`}
              </button>
              <button
                type="button"
                aria-label={t('editor.moveUp', { n: index + 1 })}
                disabled={index === 0}
                data-focus-key={`up-${index}`}
                onClick={() => move(index, index - 1, 'up')}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('editor.moveDown', { n: index + 1 })}
                disabled={index === steps.length - 1}
                data-focus-key={`down-${index}`}
                onClick={() => move(index, index + 1, 'down')}
              >
                ↓
              </button>
              <button type="button" aria-label={t('editor.removeStep', { n: index + 1 })} onClick={() => remove(index)}>
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        {t('editor.addStep')}
      </button>
    </fieldset>
  );
}

/** A titled block of repeated items (say lines, checks, choices) with an "add" button. */
function ItemGroup({ legend, addLabel, onAdd, children }: { legend: string; addLabel: string; onAdd: () => void; children: ComponentChildren }) {
  return (
    <fieldset class="pack-form__group">
      <legend>{legend}</legend>
      {children}
      <button type="button" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function RemoveButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" class="pack-form__remove" aria-label={label} onClick={onRemove}>
      ✕
    </button>
  );
}

function StepFields({ context, index }: { context: FormContext; index: number }) {
  const { draft, onChange, t } = context;
  const stepPath = ['steps', index] as const;
  const step = valueAt(draft, stepPath);
  const stepIds = listAt(draft, ['steps']).map((candidate) => stringAt(candidate, ['id'])).filter(Boolean);
  const codes = listAt(draft, ['dispositions']).map((candidate) => stringAt(candidate, ['code'])).filter(Boolean);
  const listField = (field: string) => [...stepPath, field] as const;
  const append = (field: string, item: unknown) => onChange(updateDraft(draft, listField(field), (current) => appendItem(current, item)));
  const remove = (field: string, at: number) => onChange(updateDraft(draft, listField(field), (current) => removeItem(current, at)));
  const stepIdsListId = `pack-form-step-ids-${index}`;
  const codesListId = `pack-form-codes-${index}`;

  return (
    <fieldset class="pack-form__step-fields" data-testid="pack-form-step">
      <legend>{t('editor.stepHeading', { n: index + 1 })}</legend>
      <datalist id={stepIdsListId}>
        {stepIds.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <datalist id={codesListId}>
        {codes.map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <div class="pack-form__row">
        <TextField context={context} label={t('editor.stepId')} path={[...stepPath, 'id']} />
        <TextField context={context} label={t('editor.next')} path={[...stepPath, 'next']} list={stepIdsListId} />
      </div>
      <LocalizedField context={context} label={t('editor.stepTitle')} path={[...stepPath, 'title']} />
      <label class="pack-form__checkbox">
        <input
          type="checkbox"
          checked={valueAt(step, ['open']) === true}
          // Only `true` is written: a step is gated unless it says otherwise (parsePack warns where a gate is missing).
          onChange={(event) => onChange(updateDraft(draft, [...stepPath, 'open'], () => (event.currentTarget.checked ? true : undefined)))}
        />
        {t('editor.stepOpen')}
      </label>
      <LocalizedField context={context} label={t('editor.body')} path={[...stepPath, 'body']} optional multiline />

      <ItemGroup legend={t('editor.sayLines')} addLabel={t('editor.addSayLine')} onAdd={() => append('say', { text: {} })}>
        {listAt(step, ['say']).map((_, at) => (
          <div class="pack-form__item" key={at}>
            <LocalizedField context={context} label={t('editor.sayLine', { n: at + 1 })} path={[...stepPath, 'say', at, 'text']} multiline />
            <RemoveButton label={t('editor.removeSayLine', { n: at + 1 })} onRemove={() => remove('say', at)} />
          </div>
        ))}
      </ItemGroup>

      <ItemGroup
        legend={t('editor.checks')}
        addLabel={t('editor.addCheck')}
        onAdd={() => append('checks', { id: `${stringAt(step, ['id']) || 'step'}-check-${listAt(step, ['checks']).length + 1}`, label: {}, required: false })}
      >
        {listAt(step, ['checks']).map((check, at) => (
          <div class="pack-form__item" key={at}>
            <div class="pack-form__row">
              <TextField context={context} label={t('editor.checkId', { n: at + 1 })} path={[...stepPath, 'checks', at, 'id']} />
              <label class="pack-form__checkbox">
                <input
                  type="checkbox"
                  checked={valueAt(check, ['required']) === true}
                  onChange={(event) => onChange(updateDraft(draft, [...stepPath, 'checks', at, 'required'], () => event.currentTarget.checked))}
                />
                {t('editor.checkRequired', { n: at + 1 })}
              </label>
            </div>
            <LocalizedField context={context} label={t('editor.checkLabel', { n: at + 1 })} path={[...stepPath, 'checks', at, 'label']} />
            <RemoveButton label={t('editor.removeCheck', { n: at + 1 })} onRemove={() => remove('checks', at)} />
          </div>
        ))}
      </ItemGroup>

      <ItemGroup legend={t('editor.choices')} addLabel={t('editor.addChoice')} onAdd={() => append('choices', { label: {}, next: '' })}>
        {listAt(step, ['choices']).map((choice, at) => (
          <ChoiceFields
            key={at}
            context={context}
            path={[...stepPath, 'choices', at]}
            choice={choice}
            n={at + 1}
            stepIdsListId={stepIdsListId}
            codesListId={codesListId}
            onRemove={() => remove('choices', at)}
          />
        ))}
      </ItemGroup>

      <GateFields context={context} stepPath={stepPath} />
    </fieldset>
  );
}

function ChoiceFields({
  context,
  path,
  choice,
  n,
  stepIdsListId,
  codesListId,
  onRemove,
}: {
  context: FormContext;
  path: DraftPath;
  choice: unknown;
  n: number;
  stepIdsListId: string;
  codesListId: string;
  onRemove: () => void;
}) {
  const { draft, onChange, t } = context;
  const kind = valueAt(choice, ['disposition']) !== undefined && valueAt(choice, ['next']) === undefined ? 'disposition' : 'next';
  const switchKind = (to: 'next' | 'disposition') => {
    // A choice carries exactly one of the two; switching moves the typed value across.
    const value = stringAt(choice, [kind]);
    onChange(
      updateDraft(draft, path, (current) => {
        const next: Record<string, unknown> = isRecord(current) ? { ...current } : {};
        delete next.next;
        delete next.disposition;
        next[to] = value;
        return next;
      }),
    );
  };
  return (
    <div class="pack-form__item">
      <LocalizedField context={context} label={t('editor.choiceLabel', { n })} path={[...path, 'label']} />
      <div class="pack-form__row">
        <label class="pack-form__field">
          <span>{t('editor.choiceKind', { n })}</span>
          <select value={kind} onChange={(event) => switchKind(event.currentTarget.value === 'disposition' ? 'disposition' : 'next')}>
            <option value="next">{t('editor.choiceKind.next')}</option>
            <option value="disposition">{t('editor.choiceKind.disposition')}</option>
          </select>
        </label>
        <label class="pack-form__field">
          <span>{kind === 'next' ? t('editor.choiceNext', { n }) : t('editor.choiceDisposition', { n })}</span>
          <input
            type="text"
            spellcheck={false}
            list={kind === 'next' ? stepIdsListId : codesListId}
            value={stringAt(choice, [kind])}
            // Kept even when empty: the choice still needs a target, and parsePack says so at this path.
            onInput={(event) => onChange(updateDraft(draft, [...path, kind], () => event.currentTarget.value))}
          />
        </label>
      </div>
      <RemoveButton label={t('editor.removeChoice', { n })} onRemove={onRemove} />
    </div>
  );
}

function GateFields({ context, stepPath }: { context: FormContext; stepPath: DraftPath }) {
  const { draft, onChange, t } = context;
  const requires = listAt(draft, [...stepPath, 'gate', 'requires']).filter((id): id is string => typeof id === 'string');
  // Ids the gate names but no step declares stay listed, so the lead can see and untick them.
  const ids = [...new Set([...draftCheckIds(draft), ...requires])];
  const toggle = (id: string, on: boolean) =>
    onChange(
      updateDraft(draft, [...stepPath, 'gate'], (current) => {
        const gate: Record<string, unknown> = isRecord(current) ? { ...current } : {};
        const next = on ? [...requires, id] : requires.filter((candidate) => candidate !== id);
        if (next.length === 0) return undefined;
        gate.requires = next;
        return gate;
      }),
    );
  return (
    <fieldset class="pack-form__group">
      <legend>{t('editor.gate')}</legend>
      {ids.length === 0 && <p class="muted">{t('editor.gateNone')}</p>}
      {ids.map((id) => (
        <label key={id} class="pack-form__checkbox">
          <input type="checkbox" checked={requires.includes(id)} onChange={(event) => toggle(id, event.currentTarget.checked)} />
          <code>{id}</code>
        </label>
      ))}
    </fieldset>
  );
}
