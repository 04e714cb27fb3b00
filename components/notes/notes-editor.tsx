import { localize } from '../../lib/packs';
import { findForbiddenPhrases } from '../../lib/script/forbidden-phrases';
import { usePanelState, useScriptState } from '../side-panel-model';
import { formatDateTime, formatTime } from './format';
import { useNotesState } from '../side-panel-model';

/**
 * The notes textarea. Every change is autosaved; what was masked and any save problem are announced. The
 * follow-up fields are {@link NotesFollowUp}.
 */
export function NotesEditor() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  return (
    <section class="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{tr('notes.title')}</h2>
      {notes.recordId.value === undefined ? (
        <p class="muted" data-testid="notes-no-call">
          {tr('notes.noCall')}
        </p>
      ) : !notes.loaded.value ? (
        <p class="muted">{tr('notes.loading')}</p>
      ) : (
        <NotesForm />
      )}
    </section>
  );
}

function NotesForm() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  return (
    <form class="notes__form" onSubmit={(event) => event.preventDefault()}>
      {notes.pinned.value ? <EditingBanner /> : null}
      <label for="onscript-notes">{tr('notes.label')}</label>
      <textarea
        id="onscript-notes"
        name="notes"
        rows={4}
        aria-describedby="onscript-notes-hint onscript-notes-status"
        value={notes.text.value}
        onInput={(event) => notes.edit('text', event.currentTarget.value)}
      />
      <p id="onscript-notes-hint" class="muted">
        {tr('notes.hint')}
      </p>
      <SaveStatus />
      <MaskNotice />
      <ForbiddenPhraseNotice />
      <SaveProblem />
    </form>
  );
}

/**
 * The follow-up this feature owns (promise to pay, callback time), autosaved with the notes. The panel shows it
 * under the notes box during a call and right under the outcome at wrap-up, where it leads.
 */
export function NotesFollowUp() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  if (notes.recordId.value === undefined || !notes.loaded.value) return null;
  return (
    <form class="notes__form notes__form--follow-up" onSubmit={(event) => event.preventDefault()} data-testid="notes-follow-up">
      <fieldset class="notes__follow-up">
        <legend>{tr('notes.followUp')}</legend>
        <label>
          {tr('notes.promise.amount')}
          <input
            name="promiseAmount"
            inputMode="decimal"
            value={notes.promiseAmount.value}
            onInput={(event) => notes.edit('promiseAmount', event.currentTarget.value)}
          />
        </label>
        <label>
          {tr('notes.promise.currency')}
          <input
            name="promiseCurrency"
            maxLength={3}
            size={4}
            value={notes.promiseCurrency.value}
            onInput={(event) => notes.edit('promiseCurrency', event.currentTarget.value.toUpperCase())}
          />
        </label>
        <label>
          {tr('notes.promise.date')}
          <input
            name="promiseDate"
            type="date"
            value={notes.promiseDate.value}
            onInput={(event) => notes.edit('promiseDate', event.currentTarget.value)}
          />
        </label>
        <PromiseHint />
        <label>
          {tr('notes.callback')}
          <input
            name="callbackAt"
            type="datetime-local"
            value={notes.callbackLocal.value}
            onInput={(event) => notes.edit('callbackLocal', event.currentTarget.value)}
          />
        </label>
      </fieldset>
    </form>
  );
}

function EditingBanner() {
  const notes = useNotesState();
  const { t, language } = usePanelState();
  const entry = notes.history.value.find((h) => h.id === notes.recordId.value);
  const record = notes.openedRecord.value;
  if (!record && !entry) return null;
  const number = record?.remoteNumber ?? entry?.remoteNumber ?? '';
  const startedAt = record?.startedAt ?? entry?.startedAt ?? 0;
  return (
    <p class="notes__editing" data-testid="notes-editing">
      {t.value('notes.editing', { number, time: formatDateTime(startedAt, language.value, notes.timeZone) })}
    </p>
  );
}

function SaveStatus() {
  const notes = useNotesState();
  const { t, language } = usePanelState();
  const tr = t.value;
  let text = '';
  if (notes.saving.value) text = tr('notes.status.saving');
  else if (notes.dirty.value) text = tr('notes.status.unsaved');
  else if (notes.lastSavedAt.value !== undefined) {
    text = tr('notes.status.saved', { time: formatTime(notes.lastSavedAt.value, language.value, notes.timeZone) });
  }
  return (
    <p id="onscript-notes-status" class="muted" data-testid="notes-save-status">
      {text}
    </p>
  );
}

function MaskNotice() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  const list = notes.masked.value.map((finding) => tr(`notes.masked.${finding.kind}`, { masked: finding.masked })).join(', ');
  // Always rendered, so screen readers hear the notice when it fills in.
  return (
    <p aria-live="polite" class="notes__masked" data-testid="notes-masked">
      {list === '' ? '' : tr('notes.masked', { list })}
    </p>
  );
}

/**
 * Warns when the note mentions one of the script pack's forbidden phrases (a threat of arrest, posing as a court):
 * a prompt to check what was said on the call. It never blocks: the note is saved exactly as written.
 */
function ForbiddenPhraseNotice() {
  const notes = useNotesState();
  const script = useScriptState();
  const { t } = usePanelState();
  const pack = script.pack.value ?? script.settingPack.value;
  const language = script.language.value;
  const matches = findForbiddenPhrases(notes.text.value, pack.forbiddenPhrases ?? []);
  // Always rendered, so screen readers hear the warning when it fills in.
  return (
    <div aria-live="polite" class="notes__forbidden" data-testid="notes-forbidden">
      {matches.length > 0 && (
        <>
          <p>{t.value('notes.forbidden')}</p>
          <ul>
            {matches.map((match) => (
              <li key={match.phrase.id}>{t.value('notes.forbidden.item', { term: match.term, reason: localize(match.phrase.reason, language, pack) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function SaveProblem() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const problem = notes.problem.value;
  if (problem === undefined) return null;
  return (
    <p role="alert" class="notes__problem" data-testid="notes-problem">
      {t.value(`notes.error.${problem}`)}
    </p>
  );
}

function PromiseHint() {
  const notes = useNotesState();
  const { t } = usePanelState();
  if (!notes.promiseIncomplete.value) return null;
  return <p class="muted">{t.value('notes.promise.incomplete')}</p>;
}
