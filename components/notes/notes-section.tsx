import { useEffect } from 'preact/hooks';
import { recordIdFromSearch } from '../../lib/notes/record-link';
import { usePanelState, useSidePanelModel } from '../side-panel-model';
import { DaySummaryView } from './day-summary';
import { ExportControls } from './export-controls';
import { NotesEditor } from './notes-editor';
import { NotesHistory } from './notes-history';
import { TodayList } from './today-list';

/**
 * The notes section of the side panel: the editor for the call in focus (or a record opened from history, the
 * today list or a notification), the history of that number and debtor, today's follow-ups, export and the
 * daily summary.
 */
export function NotesSection() {
  const { notes: state, search } = useSidePanelModel();
  const { focus } = usePanelState();
  const liveCallId = focus.value?.id;

  useEffect(() => {
    const opened = recordIdFromSearch(search);
    if (opened !== undefined) void state.openRecord(opened, liveCallId);
    void state.refreshToday();
    void state.refreshSummary();
    // Closing the panel: save what is pending. The autosave has usually done it already (≤ 1 s).
    const flush = () => void state.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
      state.dispose();
    };
  }, [state]);

  useEffect(() => {
    void state.followCall(liveCallId);
  }, [state, liveCallId]);

  return (
    <>
      <NotesEditor />
      <NotesHistory />
      <TodayList />
      <ExportControls />
      <DaySummaryView />
    </>
  );
}
