import { useComputed } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { promiseCurrencyFor } from '../../lib/notes/promise-currency';
import { recordIdFromSearch } from '../../lib/notes/record-link';
import { usePanelState, useSidePanelModel } from '../side-panel-model';
import { DaySummaryView } from './day-summary';
import { ExportControls } from './export-controls';
import { NotesEditor } from './notes-editor';
export { NotesFollowUp } from './notes-editor';
import { TodayList } from './today-list';

/**
 * The notes section of the call view: the editor for the call in focus (or a record opened from history, the
 * today list or a notification). It owns the notes state's lifecycle (loading, following the call, saving when
 * the panel closes); the history ({@link NotesHistory}) and the day's work ({@link NotesDayView}) read the same
 * state from elsewhere in the panel.
 */
export function NotesSection() {
  const { notes: state, script, search } = useSidePanelModel();
  const { focus, focusId } = usePanelState();
  const liveCallId = focusId.value;

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

  // The promise currency follows the debtor's country (entered, else the number's) or the call's pack. Derived
  // apart, so that the section redraws when the currency changes, not with every change of the call; and from the
  // two strings it reads, so that reading the number's country (libphonenumber) runs when they change, not with
  // every message about the call (a call connecting waited for it).
  const enteredCountry = useComputed(() => focus.value?.enteredLocation?.country);
  const phoneE164 = useComputed(() => {
    const call = focus.value;
    return call?.remoteE164 ? call.remoteE164 : call?.remoteNumber.startsWith('+') ? call.remoteNumber : undefined;
  });
  const currency = useComputed(() => {
    const pack = script.pack.value;
    return promiseCurrencyFor({
      ...(enteredCountry.value ? { country: enteredCountry.value } : {}),
      ...(phoneE164.value ? { phoneE164: phoneE164.value } : {}),
      ...(pack ? { pack } : {}),
    });
  }).value;
  useEffect(() => {
    state.suggestCurrency(currency);
  }, [state, currency]);

  return <NotesEditor />;
}

/** The notes feature's part of the day view: today's follow-ups, export and the daily summary. */
export function NotesDayView() {
  return (
    <>
      <TodayList />
      <ExportControls />
      <DaySummaryView />
    </>
  );
}
