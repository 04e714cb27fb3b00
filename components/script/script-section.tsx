import { useEffect } from 'preact/hooks';
import { defaultPackFor } from '../../lib/packs/defaults';
import { localize } from '../../lib/packs';
import type { ScriptPack } from '../../lib/packs/types';
import type { ScriptCommand } from '../../lib/protocol/script-messages';
import { usePanelState } from '../side-panel-model';
import { isTypingTarget, readScriptKey, type ScriptKey } from './script-keyboard';
import { ObjectionSearch, SEARCH_INPUT_ID } from './script-search';
import { SCRIPT_FORM_ID, ScriptForm } from './script-form';
import { useScriptState } from '../side-panel-model';
import type { ScriptState } from './script-state';
import { checkInputId, ScriptStepView } from './script-step';
import { SafeMarkdown } from './script-text';
import { ScriptWrapUp } from './script-wrap-up';
import './script.css';

/** Id of the notes editor (the notes feature's), which the "N" key and the focus-notes command focus. */
export const NOTES_ELEMENT_ID = 'onscript-notes';

const COMMAND_KEYS: Record<ScriptCommand, ScriptKey> = {
  'script-next': { kind: 'next' },
  'script-back': { kind: 'back' },
  'script-focus-search': { kind: 'search' },
  'script-focus-notes': { kind: 'notes' },
};

/**
 * The call script in the side panel. Before a call it previews the pack new calls start with; during a call it
 * shows the call's current step, the form and the objection search; once the script or the call has ended, the
 * wrap-up.
 */
export function ScriptSection() {
  return <ScriptView state={useScriptState()} />;
}

function ScriptView({ state }: { state: ScriptState }) {
  const { t, focusStage } = usePanelState();
  useEffect(() => {
    void state.start();
    return () => state.dispose();
  }, [state]);
  useScriptKeys(state);
  // Not the call itself: a phase change (ringing → connected) must not redraw the script.
  const stage = focusStage.value;
  return (
    <section class="script" aria-labelledby="script-title" data-testid="script">
      <div class="script__head">
        <h2 id="script-title">{t.value('script.title')}</h2>
        <PackSwitcher state={state} />
      </div>
      {state.error.value && (
        <p role="alert" class="panel__error">
          {t.value('script.error', { message: state.error.value })}
        </p>
      )}
      {state.notice.value === 'pack-later' && (
        <p role="status" class="muted">
          {t.value('script.packLater')}
        </p>
      )}
      {stage !== 'none' ? <CallScript state={state} callEnded={stage === 'ended'} /> : <PackPreview state={state} pack={state.settingPack.value} />}
    </section>
  );
}

function CallScript({ state, callEnded }: { state: ScriptState; callEnded: boolean }) {
  const { t } = usePanelState();
  const view = state.view.value;
  const pack = state.pack.value;
  if (!view) return <p class="muted">{t.value('script.loading')}</p>;
  if (!pack) return <p class="muted">{t.value('script.unavailable', { id: view.packId, version: view.packVersion })}</p>;
  const progress = view.progress;
  const finished = progress.disposition !== null;
  return (
    <>
      <PageOffersNotice state={state} />
      {finished || callEnded ? (
        <ScriptWrapUp state={state} pack={pack} progress={progress} callEnded={callEnded} />
      ) : (
        <ScriptStepView state={state} pack={pack} progress={progress} />
      )}
    </>
  );
}

/**
 * One line above the step while the CRM page offers values the call details form does not hold: the form itself
 * sits below the notes, off the first screen. "Review" opens it on the offers and puts the keyboard on the first.
 */
function PageOffersNotice({ state }: { state: ScriptState }) {
  const { t } = usePanelState();
  const count = state.pageOffers.value.length;
  if (count === 0 || state.formOpen.value) return null;
  return (
    <p class="script-offers-notice" data-testid="script-page-offers-notice">
      <span>{t.value('script.pageOffers.notice', { count: String(count) })}</span>{' '}
      <button
        type="button"
        onClick={() => {
          state.formOpen.value = true;
          // After the render that opened the form.
          setTimeout(() => {
            const first = document.querySelector<HTMLElement>(`#${SCRIPT_FORM_ID} [data-testid="script-page-offers"] button`);
            first?.scrollIntoView({ block: 'center' });
            first?.focus();
          }, 0);
        }}
      >
        {t.value('script.pageOffers.review')}
      </button>
    </p>
  );
}

/**
 * What the agent reaches for during a call but does not read all the time: the objection search (the "/" key
 * focuses it) and the call details form (collapsed). Rendered below the notes, so the step and the notes box
 * share the first screen.
 */
export function ScriptExtras() {
  const state = useScriptState();
  const { focusStage, t } = usePanelState();
  const stage = focusStage.value;
  const view = state.view.value;
  const pack = state.pack.value;
  if (stage === 'none' || !view || !pack) return null;
  const open = view.progress.disposition === null && stage !== 'ended';
  return (
    <section class="script-extras" aria-label={t.value('script.tools')}>
      <ObjectionSearch state={state} pack={pack} canJump={open} />
      <ScriptForm state={state} pack={pack} />
      <p class="script__keys muted">{t.value('script.keys')}</p>
    </section>
  );
}

function PackSwitcher({ state }: { state: ScriptState }) {
  const { t, language } = usePanelState();
  const automatic = defaultPackFor(language.value);
  return (
    <label class="script__pack">
      <span>{t.value('script.pack')}</span>
      <select
        data-testid="script-pack"
        value={state.packSetting.value}
        onChange={(event) => void state.choosePack(event.currentTarget.value)}
      >
        <option value="auto">{t.value('script.packAuto', { title: localize(automatic.title, language.value, automatic) })}</option>
        {state.packs.value.map((pack) => (
          <option key={`${pack.id}@${pack.version}`} value={pack.id}>
            {localize(pack.title, language.value, pack)} ({pack.version})
          </option>
        ))}
      </select>
    </label>
  );
}

function PackPreview({ state, pack }: { state: ScriptState; pack: ScriptPack }) {
  const { t } = usePanelState();
  const language = state.language.value;
  return (
    <section class="script-preview" aria-labelledby="script-preview-title" data-testid="script-preview">
      <h3 id="script-preview-title">
        {t.value('script.preview')}: {localize(pack.title, language, pack)}
      </h3>
      {pack.description && <SafeMarkdown class="muted" text={localize(pack.description, language, pack)} />}
      <p class="muted">{t.value('script.previewHint')}</p>
      <ol class="script-preview__steps">
        {pack.steps.map((step) => (
          <li key={step.id}>{localize(step.title, language, pack)}</li>
        ))}
      </ol>
      <ObjectionSearch state={state} pack={pack} canJump={false} />
    </section>
  );
}

/** The panel's script keys and the extension's commands, both acting on the focused call. */
function useScriptKeys(state: ScriptState) {
  const { view } = usePanelState();
  useEffect(() => {
    // Script keys act on the call: from the day view they bring the call view back first (a hidden element
    // cannot take focus, so the key runs once the view has rendered).
    const run = (key: ScriptKey): boolean => {
      if (view.value === 'call') return runScriptKey(state, key);
      view.value = 'call';
      setTimeout(() => runScriptKey(state, key), 0);
      return true;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const key = readScriptKey(event, isTypingTarget(event.target));
      if (key && run(key)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    const stopCommands = state.onCommand((command) => void run(COMMAND_KEYS[command]));
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      stopCommands();
    };
  }, [state, view]);
}

/** Carries out a script key; returns whether it applied (so the key's default action is suppressed). */
export function runScriptKey(state: ScriptState, key: ScriptKey): boolean {
  switch (key.kind) {
    case 'search':
      return focusElement(document.getElementById(SEARCH_INPUT_ID));
    case 'notes':
      return focusElement(document.getElementById(NOTES_ELEMENT_ID));
    default:
      break;
  }
  const view = state.view.value;
  const pack = state.pack.value;
  if (!view || !pack) return false;
  const progress = view.progress;
  const step = pack.steps.find((candidate) => candidate.id === progress.currentStepId);
  switch (key.kind) {
    case 'next':
      if (progress.disposition) return false;
      void state.act({ type: 'next' });
      return true;
    case 'back':
      void state.act({ type: 'back' });
      return true;
    case 'choose':
      if (progress.disposition || !step?.choices || key.index >= step.choices.length) return false;
      void state.act({ type: 'choose', index: key.index });
      return true;
    case 'checklist': {
      const checks = step?.checks ?? [];
      const target = checks.find((check) => !progress.checked.includes(check.id)) ?? checks[0];
      return target ? focusElement(document.getElementById(checkInputId(target.id))) : false;
    }
    default:
      return false;
  }
}

function focusElement(element: HTMLElement | null): boolean {
  if (!element) return false;
  element.focus();
  if (element instanceof HTMLInputElement && element.type !== 'checkbox') element.select();
  return true;
}
