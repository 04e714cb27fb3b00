import type { DaySummary } from '../notes/summary';
import type { FollowUp } from '../notes/follow-ups';
import type { RedactionFinding } from '../notes/redact';
import { isCalendarDate, isValidPromiseToPay, type PromiseToPay } from '../notes/types';
import { accept, isBoundedString, isFiniteNumber, isRecord, refuse, unexpectedKey, type Checked } from './checks';
import { defineMessages } from './sender-rules';

/** Longest notes text the background stores for one call (about 30 pages of typing). */
export const MAX_NOTES_CHARS = 100_000;
/** Most records one export page carries, so a reply stays small whatever the range. */
export const MAX_EXPORT_PAGE = 2_000;
const MAX_ID_CHARS = 128;
const MAX_ZONE_CHARS = 64;

/** What the agent edits for one call: free text and the follow-up fields the notes editor owns. */
export interface NotesDraft {
  callId: string;
  notes: string;
  /** A complete promise to pay, `null` to clear it, absent to leave the stored one alone. */
  promiseToPay?: PromiseToPay | null;
  /** Epoch ms of the agreed callback, `null` to clear it, absent to leave it alone. */
  callbackAt?: number | null;
}

/** The outcome of a save: the text as stored (after masking) and what was masked, or why it failed. */
export type NotesSaveResult =
  | { saved: true; notes: string; findings: RedactionFinding[]; savedAt: number }
  | { saved: false; reason: 'quota' | 'no-record' };

/** The notes side of one call record, as the editor loads it. */
export interface NotesRecordView {
  id: string;
  remoteNumber: string;
  startedAt: number;
  notes: string;
  promiseToPay?: PromiseToPay;
  callbackAt?: number;
  disposition?: string;
  debtorRef?: string;
}

/** One earlier call with the same number or debtor, as the history list shows it. */
export interface NotesHistoryEntry {
  id: string;
  startedAt: number;
  remoteNumber: string;
  debtorRef?: string;
  disposition?: string;
  promiseToPay?: PromiseToPay;
  callbackAt?: number;
  /** Distinct `kind:code` compliance flags of that call. */
  flags: string[];
  notes: string;
}

/** Do-not-call flags in force for the number or debtor. */
export interface NotesHistoryFlag {
  reason: string;
  scope: 'number' | 'debtor';
  setAt: number;
}

/**
 * Where an export page stops: the last record written, in start-time order, or (with an empty id) the end of the
 * window of start times the page was read in, everything before `startedAt` written and nothing at or after it.
 */
export interface ExportCursor {
  startedAt: number;
  id: string;
}

/** Which records an export covers and how it is rendered. */
export interface ExportPageRequest {
  format: 'csv' | 'json';
  /** `[startMs, endMs)` in epoch ms. */
  startMs: number;
  endMs: number;
  timeZone: string;
  /** Records already written (0 on the first page, which carries the BOM and header / the array opening). */
  written: number;
  after?: ExportCursor;
  limit: number;
}

/** One page of an export: its text, where to continue, and whether the file is complete. */
export interface ExportPage {
  text: string;
  written: number;
  /**
   * Records in the whole range, on a first page that holds them all. The background does not count a larger range
   * (IndexedDB counts by walking the index, which would hold every page of the export back), so its progress is
   * told as records done so far.
   */
  total?: number;
  after?: ExportCursor;
  finished: boolean;
}

/** Messages of the notes feature. Type names are prefixed `notes/`. */
export interface NotesMessages {
  /** extension → background: store a call's notes (masked first) and follow-up fields. */
  'notes/save': { request: NotesDraft; response: NotesSaveResult };
  /** extension → background: the notes of one call. */
  'notes/get': { request: { callId: string }; response: NotesRecordView | null };
  /** extension → background: earlier calls with the same number or debtor, and do-not-call flags. */
  'notes/history': { request: { callId: string }; response: { entries: NotesHistoryEntry[]; flags: NotesHistoryFlag[] } };
  /** extension → background: follow-ups due on a local day. */
  'notes/today': { request: { day: string; timeZone: string }; response: FollowUp[] };
  /** extension → background: the daily summary. */
  'notes/summary': { request: { day: string; timeZone: string }; response: DaySummary };
  /** extension → background: one page of an export. */
  'notes/export-page': { request: ExportPageRequest; response: ExportPage };
  /** extension → background: the hash-chained compliance log kept, as an export file's JSON text. */
  'notes/export-log': { request: Record<string, never>; response: string };
}

const DRAFT_KEYS = new Set(['callId', 'notes', 'promiseToPay', 'callbackAt']);
const PROMISE_KEYS = new Set(['amount', 'currency', 'date']);
const EXPORT_KEYS = new Set(['format', 'startMs', 'endMs', 'timeZone', 'written', 'after', 'limit']);

function isId(value: unknown): value is string {
  return isBoundedString(value, MAX_ID_CHARS) && value.length > 0;
}

/** Checks a notes draft: bounded text, a complete valid promise or null, a finite callback time or null. */
export function validateNotesDraft(value: unknown): Checked<NotesDraft> {
  if (!isRecord(value)) return refuse('draft is not an object');
  if (unexpectedKey(value, DRAFT_KEYS) !== undefined) return refuse('unexpected field in draft');
  const { callId, notes, promiseToPay, callbackAt } = value;
  if (!isId(callId)) return refuse('bad callId');
  if (!isBoundedString(notes, MAX_NOTES_CHARS)) return refuse('notes too long or not text');
  const draft: NotesDraft = { callId, notes };
  if (promiseToPay === null) draft.promiseToPay = null;
  else if (promiseToPay !== undefined) {
    if (!isRecord(promiseToPay) || unexpectedKey(promiseToPay, PROMISE_KEYS) !== undefined) return refuse('bad promiseToPay');
    const { amount, currency, date } = promiseToPay;
    if (typeof amount !== 'string' || typeof currency !== 'string' || typeof date !== 'string') return refuse('bad promiseToPay');
    const promise = { amount, currency, date };
    if (!isValidPromiseToPay(promise)) return refuse('bad promiseToPay');
    draft.promiseToPay = promise;
  }
  if (callbackAt === null) draft.callbackAt = null;
  else if (callbackAt !== undefined) {
    if (!isFiniteNumber(callbackAt) || callbackAt <= 0) return refuse('bad callbackAt');
    draft.callbackAt = callbackAt;
  }
  return accept(draft);
}

function validateDayRequest(value: unknown): Checked<{ day: string; timeZone: string }> {
  if (!isRecord(value)) return refuse('not an object');
  const { day, timeZone } = value;
  if (typeof day !== 'string' || !isCalendarDate(day)) return refuse('bad day');
  if (!isBoundedString(timeZone, MAX_ZONE_CHARS) || timeZone.length === 0) return refuse('bad timeZone');
  return accept({ day, timeZone });
}

function validateCallId(value: unknown): Checked<{ callId: string }> {
  return isRecord(value) && isId(value['callId']) ? accept({ callId: value['callId'] }) : refuse('bad callId');
}

/** Checks an export page request. */
export function validateExportPageRequest(value: unknown): Checked<ExportPageRequest> {
  if (!isRecord(value)) return refuse('not an object');
  if (unexpectedKey(value, EXPORT_KEYS) !== undefined) return refuse('unexpected field in export request');
  const { format, startMs, endMs, timeZone, written, after, limit } = value;
  if (format !== 'csv' && format !== 'json') return refuse('bad format');
  if (!isFiniteNumber(startMs) || !isFiniteNumber(endMs) || endMs < startMs) return refuse('bad range');
  if (!isBoundedString(timeZone, MAX_ZONE_CHARS) || timeZone.length === 0) return refuse('bad timeZone');
  if (typeof written !== 'number' || !Number.isInteger(written) || written < 0) return refuse('bad written');
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_PAGE) return refuse('bad limit');
  const request: ExportPageRequest = { format, startMs, endMs, timeZone, written, limit };
  if (after !== undefined) {
    // An empty id is a window's end (background/export-windows.ts): every record at that start time comes after it.
    if (!isRecord(after) || !isFiniteNumber(after['startedAt']) || !(after['id'] === '' || isId(after['id']))) return refuse('bad after');
    request.after = { startedAt: after['startedAt'], id: after['id'] };
  }
  return accept(request);
}

/** Each notes message: who may send it and how its payload is checked. */
export const NOTES_MESSAGES = defineMessages<NotesMessages>({
  'notes/save': { senders: ['extension'], validate: validateNotesDraft },
  'notes/get': { senders: ['extension'], validate: validateCallId },
  'notes/history': { senders: ['extension'], validate: validateCallId },
  'notes/today': { senders: ['extension'], validate: validateDayRequest },
  'notes/summary': { senders: ['extension'], validate: validateDayRequest },
  'notes/export-page': { senders: ['extension'], validate: validateExportPageRequest },
  'notes/export-log': { senders: ['extension'], validate: () => accept({}) },
});

