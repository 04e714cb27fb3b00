import { useState } from 'preact/hooks';
import { formatDuration } from '../../lib/time/format-duration';
import { usePanelState } from '../side-panel-model';
import { useNotesState } from '../side-panel-model';

/**
 * The daily summary: calls, connects, talk time, promises per currency, and a bar chart of outcomes. The bars
 * are CSS; each carries its number as text, so the chart reads the same to a screen reader.
 */
export function DaySummaryView() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  const [day, setDay] = useState(() => notes.todayDay());
  const summary = notes.summary.value;
  const outcomes = summary ? Object.entries(summary.outcomes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)) : [];
  const most = Math.max(1, ...outcomes.map(([, count]) => count));

  return (
    <section class="notes-summary" aria-labelledby="notes-summary-title">
      <h2 id="notes-summary-title">{tr('notes.summary.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void notes.refreshSummary(day);
        }}
      >
        <label>
          {tr('notes.summary.day')}
          <input name="summaryDay" type="date" value={day} onInput={(event) => setDay(event.currentTarget.value)} />
        </label>
        <button type="submit">{tr('notes.summary.refresh')}</button>
      </form>
      {summary ? (
        <>
          <dl class="notes-summary__figures" data-testid="notes-summary">
            <dt>{tr('notes.summary.calls')}</dt>
            <dd>{summary.calls}</dd>
            <dt>{tr('notes.summary.connects')}</dt>
            <dd>{summary.connects}</dd>
            <dt>{tr('notes.summary.talkTime')}</dt>
            <dd>{formatDuration(summary.talkTimeS * 1000)}</dd>
            <dt>{tr('notes.summary.promises')}</dt>
            <dd>
              {summary.promises.length === 0
                ? tr('notes.summary.none')
                : summary.promises.map((p) => `${p.total} ${p.currency} (${p.count})`).join(', ')}
            </dd>
          </dl>
          <h3 id="notes-summary-chart">{tr('notes.summary.outcomes')}</h3>
          <ul class="bar-chart" aria-labelledby="notes-summary-chart">
            {outcomes.map(([code, count]) => {
              const outcome = code === '' ? tr('notes.summary.noOutcome') : code;
              return (
                <li key={code} class="bar-chart__row">
                  <span class="bar-chart__label">{tr('notes.summary.bar', { outcome, count })}</span>
                  <span class="bar-chart__bar" aria-hidden="true" style={{
                      display: 'block',
                      height: '0.5rem',
                      background: 'currentColor',
                      opacity: 0.6,
                      width: `${Math.round((count / most) * 100)}%`,
                    }} />
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
