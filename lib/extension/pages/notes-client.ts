import type { DaySummary } from '../../notes/summary';
import type { FollowUp } from '../../notes/follow-ups';
import type {
  ExportPage,
  ExportPageRequest,
  NotesDraft,
  NotesHistoryEntry,
  NotesHistoryFlag,
  NotesRecordView,
  NotesSaveResult,
} from '../../protocol/notes-messages';
import { sendToBackground } from '../shared/messaging';
import { requestInBulk } from './bulk-channel';

/** What the notes section needs from the background, behind one interface so components test with a fake. */
export interface NotesClient {
  save(draft: NotesDraft): Promise<NotesSaveResult>;
  get(callId: string): Promise<NotesRecordView | null>;
  history(callId: string): Promise<{ entries: NotesHistoryEntry[]; flags: NotesHistoryFlag[] }>;
  today(day: string, timeZone: string): Promise<FollowUp[]>;
  summary(day: string, timeZone: string): Promise<DaySummary>;
  exportPage(request: ExportPageRequest): Promise<ExportPage>;
  /** The hash-chained compliance log, as an export file's JSON text. */
  exportLog(): Promise<string>;
}

/** The notes client backed by the background worker. */
export function createExtensionNotesClient(): NotesClient {
  return {
    save: (draft) => sendToBackground('notes/save', draft),
    get: (callId) => sendToBackground('notes/get', { callId }),
    history: (callId) => sendToBackground('notes/history', { callId }),
    today: (day, timeZone) => sendToBackground('notes/today', { day, timeZone }),
    summary: (day, timeZone) => sendToBackground('notes/summary', { day, timeZone }),
    // Half a megabyte of CSV per page: the bulk channel carries it as bytes instead of JSON.
    exportPage: (request) => requestInBulk('notes/export-page', request),
    exportLog: () => sendToBackground('notes/export-log', {}),
  };
}
