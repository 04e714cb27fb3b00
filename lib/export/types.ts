/**
 * What the exporters read and the options they share.
 */
import type { CallRecord } from '../calls/types.ts';
import type { CallWrapUp } from '../notes/types.ts';

/**
 * One call as the exporters read it: the stored call record, whatever wrap-up it has, and the remote
 * number normalised to E.164 when the background could parse it.
 */
export interface ExportableCall extends CallRecord, Partial<CallWrapUp> {
  /** `remoteNumber` as E.164 (`+8613800138000`), absent when it could not be parsed. */
  numberE164?: string;
}

/** The columns of a CSV export, in order; the JSON export uses the same names as object keys. */
export const EXPORT_COLUMNS = [
  'call_id',
  'agent',
  'started_at',
  'ended_at',
  'duration_s',
  'end_reason',
  'direction',
  'number_e164',
  'number_raw',
  'debtor_ref',
  'disposition',
  'promise_amount',
  'promise_currency',
  'promise_date',
  'callback_at',
  'pack_id',
  'pack_version',
  'compliance_flags',
  'notes',
] as const;

/** A column name of the export. */
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Called after each chunk with the number of records written so far and the expected total, if known. */
export type ExportProgress = (done: number, total?: number) => void;

/** Options every exporter takes. */
export interface ExportOptions {
  /** IANA zone whose offset the timestamps carry, e.g. `Asia/Shanghai`. */
  timeZone: string;
}

/** Options of the streaming generators. */
export interface ExportStreamOptions extends ExportOptions {
  /** Target chunk size in UTF-16 code units (default 64 KiB); a chunk exceeds it only by its last record. */
  chunkSize?: number;
  /** Expected number of records, passed through to `onProgress`. */
  total?: number;
  onProgress?: ExportProgress;
  /** Stops the export between records; the generator then throws the signal's reason. */
  signal?: AbortSignal;
}

/** The default {@link ExportStreamOptions.chunkSize}. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/**
 * Talk time in whole seconds (connect to end, rounded), `0` for a call that ended without being answered,
 * `undefined` while the call has not ended.
 */
export function talkSeconds(call: Pick<CallRecord, 'connectedAt' | 'endedAt'>): number | undefined {
  if (call.endedAt === undefined) return undefined;
  if (call.connectedAt === undefined) return 0;
  return Math.max(0, Math.round((call.endedAt - call.connectedAt) / 1000));
}
