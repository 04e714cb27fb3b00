import { usePanelState } from '../side-panel-model';
import { formatDateTime } from './format';
import { useNotesState } from '../side-panel-model';

/** Follow-ups due today (callbacks and promise dates), each opening its record. */
export function TodayList() {
  const notes = useNotesState();
  const { t, language } = usePanelState();
  const tr = t.value;
  const due = notes.today.value;
  return (
    <section class="notes-today" aria-labelledby="notes-today-title">
      <h2 id="notes-today-title">{tr('notes.today.title')}</h2>
      {due.length === 0 ? (
        <p class="muted">{tr('notes.today.empty')}</p>
      ) : (
        <ul>
          {due.map((followUp) => {
            const kind = tr(followUp.kind === 'callback' ? 'notes.today.callback' : 'notes.today.promise');
            return (
              <li key={`${followUp.recordId}:${followUp.kind}`} data-testid="notes-today-item">
                <button
                  type="button"
                  class="link"
                  aria-label={tr('notes.today.open', { kind, number: followUp.remoteNumber })}
                  onClick={() => void notes.openRecord(followUp.recordId)}
                >
                  {formatDateTime(followUp.dueAt, language.value, notes.timeZone)} · {kind} · {followUp.remoteNumber}
                  {followUp.debtorRef ? ` (${followUp.debtorRef})` : ''}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
