/**
 * The daily CSV export: RFC 4180 with CRLF line ends, UTF-8 with a byte order mark so Excel and WPS detect
 * the encoding and show Chinese correctly, one row per call, columns {@link EXPORT_COLUMNS}.
 *
 * Spreadsheet formula injection: notes, debtor references and agent names are typed by people or copied from
 * other systems, and a cell such as `=HYPERLINK(...)` would run when the file is opened. Every cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return therefore gets a leading `'`, in every column,
 * with one exception: in the numeric columns `duration_s`, `promise_amount`, `number_e164` and `number_raw`
 * a value that is purely a number (`-12`, `-0.5`, `+8613800138000`) is written as is, since a spreadsheet
 * can only read it as a number. `number_raw` shares the exception because dialers report numbers such as
 * `+14155550100`; anything else in it (`+1 (415) 555-0100`, `=1+1`) is neutralised like free text.
 */
import { zoneClock, type ZoneClock } from '../time/wall-clock.ts';
import type { ComplianceEvent } from '../notes/types.ts';
import { chunkRecords } from './stream.ts';
import { EXPORT_COLUMNS, talkSeconds, type ExportableCall, type ExportColumn, type ExportOptions, type ExportStreamOptions } from './types.ts';

/** The UTF-8 byte order mark, as the string character that encodes to `EF BB BF`. */
export const UTF8_BOM = '\uFEFF';

/** Line end of every CSV record, per RFC 4180. */
export const CSV_LINE_END = '\r\n';

/** Options of {@link createCsvExporter}. */
export interface CsvExporterOptions extends ExportOptions {
  /** Start the header with {@link UTF8_BOM} (default true); turn off only to append to an existing file. */
  bom?: boolean;
}

/** Renders CSV one line at a time. */
export interface CsvExporter {
  /** The BOM (unless disabled) and the header line, ending in CRLF. */
  header(): string;
  /** One record as a CSV line ending in CRLF. */
  row(record: ExportableCall): string;
}

/** Columns whose purely numeric values are exempt from formula neutralisation. */
const NUMERIC_COLUMNS: ReadonlySet<ExportColumn> = new Set(['duration_s', 'promise_amount', 'number_e164', 'number_raw']);

const PURE_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Creates a CSV renderer whose timestamps carry the UTC offset of `timeZone` at each instant.
 * @throws RangeError when `timeZone` is unknown.
 */
export function createCsvExporter(options: CsvExporterOptions): CsvExporter {
  const clock = zoneClock(options.timeZone);
  const bom = options.bom ?? true;
  const headerLine = (bom ? UTF8_BOM : '') + EXPORT_COLUMNS.join(',') + CSV_LINE_END;
  return {
    header: () => headerLine,
    row(record) {
      const values = csvValues(record, clock);
      let line = '';
      for (let i = 0; i < EXPORT_COLUMNS.length; i += 1) {
        if (i > 0) line += ',';
        line += csvCell(values[i]!, EXPORT_COLUMNS[i]!);
      }
      return line + CSV_LINE_END;
    },
  };
}

/**
 * Streams a whole CSV file (BOM, header, one line per record) as chunks of bounded size. Reads `records` one
 * at a time, so a cursor over the store can be passed directly.
 */
export function exportCsvChunks(
  records: AsyncIterable<ExportableCall> | Iterable<ExportableCall>,
  options: ExportStreamOptions,
): AsyncGenerator<string, void, undefined> {
  const exporter = createCsvExporter(options);
  return chunkRecords(records, (record) => exporter.row(record), exporter.header(), '', options);
}

/**
 * Escapes one value for a cell of `column`: formula neutralisation first (see the module comment), then
 * RFC 4180 quoting when the value holds a comma, a double quote, CR or LF.
 */
export function csvCell(value: string, column: ExportColumn): string {
  let cell = value;
  if (startsFormula(cell) && !(NUMERIC_COLUMNS.has(column) && PURE_NUMBER.test(cell))) cell = `'${cell}`;
  if (NEEDS_QUOTES.test(cell)) cell = `"${cell.replaceAll('"', '""')}"`;
  return cell;
}

/** `=`, `+`, `-`, `@`, tab or CR first: what spreadsheets treat as the start of a formula. */
function startsFormula(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
      return true;
    default:
      return false;
  }
}

/**
 * The compact form of compliance events for one cell: distinct `kind:code` pairs in order of first
 * occurrence, joined by `;` (e.g. `warning:quiet-hours;override:quiet-hours`). Details and reasons are in
 * the JSON export.
 */
export function complianceFlags(events: readonly ComplianceEvent[] | undefined): string {
  if (!events || events.length === 0) return '';
  const seen = new Set<string>();
  for (const event of events) seen.add(`${event.kind}:${event.code}`);
  return [...seen].join(';');
}

/** The unescaped cell values of `record` in {@link EXPORT_COLUMNS} order. */
function csvValues(record: ExportableCall, clock: ZoneClock): string[] {
  const duration = talkSeconds(record);
  const promise = record.promiseToPay;
  return [
    record.id,
    record.agentName ?? '',
    clock.toIsoString(record.startedAt),
    record.endedAt === undefined ? '' : clock.toIsoString(record.endedAt),
    duration === undefined ? '' : String(duration),
    record.endReason ?? '',
    record.direction,
    record.numberE164 ?? '',
    record.remoteNumber,
    record.debtorRef ?? '',
    record.disposition ?? '',
    promise?.amount ?? '',
    promise?.currency ?? '',
    promise?.date ?? '',
    record.callbackAt === undefined ? '' : clock.toIsoString(record.callbackAt),
    record.packId ?? '',
    record.packVersion === undefined ? '' : String(record.packVersion),
    complianceFlags(record.complianceEvents),
    record.notes ?? '',
  ];
}
