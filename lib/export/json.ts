/**
 * The JSON export: one array of objects, keys as the CSV columns, values typed (numbers as numbers, absent
 * values as `null`, compliance events in full). Streamed in chunks like the CSV export.
 */
import { zoneClock, type ZoneClock } from '../time/wall-clock.ts';
import type { ComplianceEventKind } from '../notes/types.ts';
import { chunkRecords } from './stream.ts';
import { talkSeconds, type ExportableCall, type ExportOptions, type ExportStreamOptions } from './types.ts';
import type { CallDirection, EndReason } from '../calls/types.ts';

/** A compliance event as exported: its time as ISO 8601 with offset. */
export interface ExportedComplianceEvent {
  at: string;
  kind: ComplianceEventKind;
  code: string;
  detail: string;
  reason: string | null;
}

/** One call in the JSON export. Keys match the CSV columns. */
export interface ExportedCall {
  call_id: string;
  agent: string | null;
  /** ISO 8601 with the offset of the export's zone. */
  started_at: string;
  ended_at: string | null;
  /** Talk time in whole seconds; 0 when never answered; null while not ended. */
  duration_s: number | null;
  /** Why the call ended (`hangup`, `cancelled`, `rejected`, `failed`, `ended-unknown`); null while not ended. */
  end_reason: EndReason | null;
  direction: CallDirection;
  number_e164: string | null;
  number_raw: string;
  debtor_ref: string | null;
  disposition: string | null;
  /** Decimal string, kept as text so no cent is lost to floating point. */
  promise_amount: string | null;
  promise_currency: string | null;
  promise_date: string | null;
  callback_at: string | null;
  pack_id: string | null;
  pack_version: string | number | null;
  compliance_flags: ExportedComplianceEvent[];
  notes: string | null;
}

/** Renders the JSON export one record at a time. */
export interface JsonExporter {
  /** The opening of the array. */
  open(): string;
  /** One record, preceded by the separator it needs after the `index`-th (0-based) position. */
  row(record: ExportableCall, index: number): string;
  /** The end of the array. */
  close(): string;
}

/**
 * Converts one call to its exported object, timestamps in `timeZone`.
 * @throws RangeError when `timeZone` is unknown.
 */
export function toExportedCall(record: ExportableCall, timeZone: string): ExportedCall {
  return exportedCall(record, zoneClock(timeZone));
}

/**
 * Creates a JSON renderer; `open() + row(r0, 0) + row(r1, 1) + … + close()` is a JSON array.
 * @throws RangeError when `timeZone` is unknown.
 */
export function createJsonExporter(options: ExportOptions): JsonExporter {
  const clock = zoneClock(options.timeZone);
  return {
    open: () => '[',
    row: (record, index) => (index === 0 ? '\n' : ',\n') + JSON.stringify(exportedCall(record, clock)),
    close: () => '\n]\n',
  };
}

/** Streams the whole JSON array as chunks of bounded size, reading `records` one at a time. */
export function exportJsonChunks(
  records: AsyncIterable<ExportableCall> | Iterable<ExportableCall>,
  options: ExportStreamOptions,
): AsyncGenerator<string, void, undefined> {
  const exporter = createJsonExporter(options);
  return chunkRecords(records, (record, index) => exporter.row(record, index), exporter.open(), exporter.close(), options);
}

function exportedCall(record: ExportableCall, clock: ZoneClock): ExportedCall {
  const promise = record.promiseToPay;
  return {
    call_id: record.id,
    agent: record.agentName ?? null,
    started_at: clock.toIsoString(record.startedAt),
    ended_at: record.endedAt === undefined ? null : clock.toIsoString(record.endedAt),
    duration_s: talkSeconds(record) ?? null,
    end_reason: record.endReason ?? null,
    direction: record.direction,
    number_e164: record.numberE164 ?? null,
    number_raw: record.remoteNumber,
    debtor_ref: record.debtorRef ?? null,
    disposition: record.disposition ?? null,
    promise_amount: promise?.amount ?? null,
    promise_currency: promise?.currency ?? null,
    promise_date: promise?.date ?? null,
    callback_at: record.callbackAt === undefined ? null : clock.toIsoString(record.callbackAt),
    pack_id: record.packId ?? null,
    pack_version: record.packVersion ?? null,
    compliance_flags: (record.complianceEvents ?? []).map((event) => ({
      at: clock.toIsoString(event.at),
      kind: event.kind,
      code: event.code,
      detail: event.detail,
      reason: event.reason ?? null,
    })),
    notes: record.notes ?? null,
  };
}
