import { usePanelState } from '../side-panel-model';
import { formatDateTime } from './format';
import { useNotesState } from '../side-panel-model';

/**
 * Earlier calls with the same number or debtor (outcome, promise, callback, compliance flags, notes) and the
 * do-not-call flags in force, shown as soon as a call is in focus.
 */
export function NotesHistory() {
  const notes = useNotesState();
  const { t, language } = usePanelState();
  const tr = t.value;
  if (notes.recordId.value === undefined) return null;
  const entries = notes.history.value;
  return (
    <section class="notes-history" aria-labelledby="notes-history-title">
      <h2 id="notes-history-title">{tr('notes.history.title')}</h2>
      {notes.flags.value.length > 0 ? (
        <ul class="notes-history__flags">
          {notes.flags.value.map((flag, index) => (
            <li key={index} class="notes-history__flag">
              {tr('notes.history.dnc', { scope: flag.scope, reason: flag.reason })}
            </li>
          ))}
        </ul>
      ) : null}
      {entries.length === 0 ? (
        <p class="muted">{tr('notes.history.empty')}</p>
      ) : (
        <ul>
          {entries.map((entry) => {
            const time = formatDateTime(entry.startedAt, language.value, notes.timeZone);
            const parts = [entry.disposition ?? tr('notes.history.noOutcome')];
            if (entry.promiseToPay) parts.push(tr('notes.history.promise', { ...entry.promiseToPay }));
            if (entry.callbackAt !== undefined) {
              parts.push(tr('notes.history.callback', { time: formatDateTime(entry.callbackAt, language.value, notes.timeZone) }));
            }
            if (entry.flags.length > 0) parts.push(tr('notes.history.flags', { flags: entry.flags.join(', ') }));
            return (
              <li key={entry.id} data-testid="notes-history-entry">
                <button type="button" class="link" onClick={() => void notes.openRecord(entry.id)}>
                  {tr('notes.history.open', { time })}
                </button>{' '}
                <span>{parts.join(' · ')}</span>
                {entry.notes ? <p class="notes-history__notes">{entry.notes}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
