import { useState } from 'preact/hooks';
import { usePanelState } from '../side-panel-model';
import { useNotesState } from '../side-panel-model';
import type { ExportProgressState } from './notes-state';

type Translate = ReturnType<typeof usePanelState>['t']['value'];

/** What the progress says: done of total when the total is known, else what is done so far. */
function progressLabel(tr: Translate, progress: ExportProgressState): string {
  return progress.total === undefined
    ? tr('notes.export.progressSoFar', { done: progress.done })
    : tr('notes.export.progress', { done: progress.done, total: progress.total });
}

/**
 * The export's progress bar: determinate when the total is known, indeterminate (no value) while it is not, which
 * is most exports: the background does not count a range before reading it (notes-feature.ts, export pages).
 */
function ExportProgressBar({ done, total, label }: { done: number; total: number | undefined; label: string }) {
  return total === undefined ? <progress aria-label={label} /> : <progress max={total} value={done} aria-label={label} />;
}

/** Export of a day or a date range to CSV or JSON, downloaded by the browser, with progress for large ranges. */
export function ExportControls() {
  const notes = useNotesState();
  const { t } = usePanelState();
  const tr = t.value;
  const [from, setFrom] = useState(() => notes.todayDay());
  const [to, setTo] = useState(() => notes.todayDay());
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [rangeError, setRangeError] = useState(false);
  const progress = notes.exportProgress.value;
  const error = notes.exportError.value;

  async function start(event: Event) {
    event.preventDefault();
    const badRange = from > to || from === '' || to === '';
    setRangeError(badRange);
    if (badRange) return;
    await notes.exportRange(from, to, format);
  }

  return (
    <section class="notes-export" aria-labelledby="notes-export-title">
      <h2 id="notes-export-title">{tr('notes.export.title')}</h2>
      <form onSubmit={start}>
        <label>
          {tr('notes.export.from')}
          <input name="exportFrom" type="date" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label>
          {tr('notes.export.to')}
          <input name="exportTo" type="date" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
        </label>
        <label>
          {tr('notes.export.format')}
          <select name="exportFormat" value={format} onChange={(event) => setFormat(event.currentTarget.value as 'csv' | 'json')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button type="submit" disabled={progress !== undefined}>
          {tr('notes.export.button')}
        </button>
      </form>
      {progress ? (
        <p>
          <ExportProgressBar done={progress.done} total={progress.total} label={progressLabel(tr, progress)} />{' '}
          <span role="status">{progressLabel(tr, progress)}</span>{' '}
          <button type="button" onClick={() => notes.cancelExport()}>
            {tr('notes.export.cancel')}
          </button>
        </p>
      ) : notes.exportCancelledNotice.value ? (
        <p role="status" data-testid="notes-export-cancelled">
          {tr('notes.export.cancelled')}
        </p>
      ) : null}
      {rangeError || error !== undefined ? (
        <p role="alert" data-testid="notes-export-error">
          {rangeError || error === 'range' ? tr('notes.export.range') : tr('notes.export.error', { message: error ?? '' })}
        </p>
      ) : null}
    </section>
  );
}
