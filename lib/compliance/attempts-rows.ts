/**
 * Imports earlier call attempts from the CSV files agents and leads actually have: a lead's attempts sheet
 * (`at,debtor_ref,number,outcome`) or OnScript's own daily export, saved by Excel or WPS with commas, semicolons
 * (European locales) or tabs, with notes that span lines inside quotes, and with dates as a spreadsheet writes them
 * (`3/9/2026 14:05`, `2026/3/9 14:05`, `09.03.2026 14:05`) as well as ISO 8601.
 *
 * This module maps a file's rows to attempts and says, line by line, what it could not read. The rows come from
 * csv-rows.ts (papaparse: quotes, quoted newlines, delimiter detection), read where the file is: the options page.
 * The worker maps them, without papaparse in its script (issue 17, worker start); attempts-csv.ts does both.
 */
import type { CsvRows } from './csv-rows';
import type { ContactAttempt } from './caps';
import { outcomeOfCall } from './assessment';
import type { AttemptOutcome } from './profiles';
import { normalizePhone } from './time-zones';
import { firstInstantAtOrAfterWallTime } from '../time/wall-clock';

/**
 * One thing wrong with a line, as data: the options page says it in the agent's language from `code` and `params`
 * (lib/i18n/catalogs/compliance.ts, keys `compliance.csv.<code>`); {@link csvProblemText} says it in English.
 */
export type CsvProblem =
  | { code: 'empty' }
  | { code: 'header'; params: { columns: string; missing: string } }
  | { code: 'field-count'; params: { expected: string; found: string } }
  | { code: 'time-format' | 'time-invalid' | 'time-clock' | 'time-no-zone'; params: { column: string; value: string } }
  | { code: 'time-invalid-order'; params: { column: string; value: string; order: 'day-first' | 'month-first' } }
  | { code: 'number'; params: { column: string; value: string } }
  | { code: 'direction'; params: { value: string } }
  | { code: 'outcome'; params: { value: string; allowed: string } }
  | { code: 'date-order-conflict' }
  | { code: 'unclosed-quote' };

/** One rejected CSV line. */
export interface CsvLineError {
  /** 1-based line number in the file (where the row starts, when a quoted field spans lines). */
  line: number;
  /** What is wrong, in English (the problems joined with `; `). */
  message: string;
  /** What is wrong, as data for a message in the reader's language. */
  problems: CsvProblem[];
}

/** A problem in English, as {@link CsvLineError.message} has it. */
export function csvProblemText(problem: CsvProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'the file is empty';
    case 'header':
      return `header must name ${problem.params.columns} (or be OnScript's own export); missing ${problem.params.missing}`;
    case 'field-count':
      return `expected ${problem.params.expected} fields, found ${problem.params.found}`;
    case 'time-format':
      return `"${problem.params.column}" must be a date and time: ISO 8601 such as 2026-03-09T14:05:00Z, or 2026-03-09 14:05, or 3/9/2026 14:05; got "${problem.params.value}"`;
    case 'time-invalid':
      return `"${problem.params.column}" is not a valid date; got "${problem.params.value}"`;
    case 'time-invalid-order':
      return `"${problem.params.column}" is not a valid date (read ${problem.params.order === 'day-first' ? 'day' : 'month'} first); got "${problem.params.value}"`;
    case 'time-clock':
      return `"${problem.params.column}" is not a valid time of day; got "${problem.params.value}"`;
    case 'time-no-zone':
      return `"${problem.params.column}" has no UTC offset (as in 2026-03-09T14:05:00Z) and no time zone was given to read it in; got "${problem.params.value}"`;
    case 'number':
      return `"${problem.params.column}" is not a phone number: "${problem.params.value}"`;
    case 'direction':
      return `"direction" must be inbound or outbound; got "${problem.params.value}"`;
    case 'outcome':
      return `"outcome" must be one of ${problem.params.allowed}; got "${problem.params.value}"`;
    case 'date-order-conflict':
      return 'the dates mix day-first (31/1/2026) and month-first (1/31/2026) order; choose the order and import again';
    case 'unclosed-quote':
      return 'unclosed double quote';
  }
}

function lineError(line: number, problems: CsvProblem[]): CsvLineError {
  return { line, message: problems.map(csvProblemText).join('; '), problems };
}

/**
 * How a date such as `3/9/2026` is read: `auto` decides from the file (a first number over 12 means day first, a
 * second one over 12 means month first) and, when no date in the file tells, from the region (month first in the
 * regions that write dates that way, day first elsewhere).
 */
export type DateOrder = 'auto' | 'month-first' | 'day-first';

/** Options of {@link parseAttemptsCsv}. */
export interface AttemptsCsvOptions {
  /** Region (ISO 3166 alpha-2) national numbers are read in; also decides `auto` date order when nothing else does. */
  defaultCountry?: string;
  /** IANA zone of times written without an offset (`3/9/2026 14:05`); without it such times are refused. */
  timeZone?: string;
  /** How ambiguous day/month dates are read (default `auto`). */
  dateOrder?: DateOrder;
}

/** Result of {@link parseAttemptsCsv}: the good rows and an error per bad line. */
export interface AttemptsCsvResult {
  attempts: ContactAttempt[];
  errors: CsvLineError[];
  /** Rows of an OnScript export that are not attempts (calls still live, inbound calls without a conversation). */
  skipped?: number;
  /** Which layout the header matched. */
  format?: 'attempts' | 'onscript-export';
  /** How dates such as `3/9/2026` were read, when the file had any. */
  dateOrderUsed?: Exclude<DateOrder, 'auto'>;
}

const CSV_COLUMNS = ['at', 'debtor_ref', 'number', 'outcome'] as const;
/** The columns of OnScript's own export (lib/export/types.ts) that an attempt is made of. */
const EXPORT_COLUMNS = ['call_id', 'started_at', 'ended_at', 'duration_s', 'end_reason', 'direction', 'number_e164', 'number_raw', 'debtor_ref'] as const;
const OUTCOMES: readonly AttemptOutcome[] = ['unanswered', 'voicemail', 'conversation', 'no-connect'];
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Year first, no zone: `2026-03-09 14:05`, `2026/3/9 14:05:30`, `2026-03-09T14:05`. */
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Year last, no zone: `3/9/2026 14:05`, `09.03.2026 14:05:30`, `9-3-2026 8:05`. */
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Regions whose spreadsheets write the month first (3/9/2026 is March 9). */
const MONTH_FIRST_REGIONS: ReadonlySet<string> = new Set(['US', 'PH', 'CA', 'PR', 'GU', 'AS', 'VI', 'MP', 'UM', 'FM', 'MH', 'PW']);
/** The mark OnScript's export puts before a cell that would start a formula (lib/export/csv.ts). */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

type Row = CsvRows['rows'][number];

/**
 * Maps a CSV file's rows (csv-rows.ts) to earlier attempts. Two layouts are recognised by their header (any column order,
 * case-insensitive): a lead's attempts sheet `at,debtor_ref,number,outcome` with `outcome` one of unanswered /
 * voicemail / conversation / no-connect, and OnScript's own CSV export, whose finished calls become attempts the
 * way this browser's log counts them (a connected call is a conversation, a failed one did not connect, inbound
 * calls only when they reached a conversation; disposition codes are not read, as their meaning lives in the pack).
 *
 * The delimiter (comma, semicolon, tab) is detected; quoted fields may hold delimiters, `""` and newlines. Times are
 * ISO 8601 with a zone, or a spreadsheet's local time (`3/9/2026 14:05`, `2026/3/9 14:05`) read in
 * `options.timeZone`, with day/month order per {@link DateOrder}. Numbers in national format are read with
 * `defaultCountry`. Bad lines are reported one by one and skipped; an unclosed quote is reported on the line it
 * opens and reading resumes on the next line.
 */
export function attemptsFromCsvRows(table: CsvRows, options: AttemptsCsvOptions = {}): AttemptsCsvResult {
  const rows: Row[] = table.rows;
  const errors: CsvLineError[] = table.unclosedQuoteLines.map((line) => lineError(line, [{ code: 'unclosed-quote' }]));
  const attempts: ContactAttempt[] = [];
  const headerAt = rows.findIndex((row) => !isBlank(row));
  const headerRow = rows[headerAt];
  if (!headerRow) return { attempts, errors: [lineError(1, [{ code: 'empty' }]), ...errors] };
  const header = headerRow.fields.map((name) => name.trim().toLowerCase());
  const isExport = EXPORT_COLUMNS.every((column) => header.includes(column));
  const missing = isExport ? [] : CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return { attempts, errors: [lineError(headerRow.line, [{ code: 'header', params: { columns: CSV_COLUMNS.join(','), missing: missing.join(', ') } }])] };
  }
  const body = rows.slice(headerAt + 1).filter((row) => !isBlank(row));
  const value = (row: Row, name: string): string => (row.fields[header.indexOf(name)] ?? '').trim().replace(NEUTRALISED, '');
  const atColumn = isExport ? 'started_at' : 'at';
  const dateOrder = resolveDateOrder(body.map((row) => value(row, atColumn)), options);
  let skipped = 0;

  for (const row of body) {
    if (row.fields.length !== header.length) {
      errors.push(lineError(row.line, [{ code: 'field-count', params: { expected: String(header.length), found: String(row.fields.length) } }]));
      continue;
    }
    const problems: CsvProblem[] = [];
    const atText = value(row, atColumn);
    const at = parseTime(atText, options.timeZone, dateOrder.order);
    if (typeof at !== 'number') problems.push(timeProblem(at, atColumn, atText));
    const numberText = isExport ? value(row, 'number_e164') || value(row, 'number_raw') : value(row, 'number');
    const phone = numberText === '' ? undefined : normalizePhone(numberText, options.defaultCountry);
    if (!phone) problems.push({ code: 'number', params: { column: isExport ? 'number_raw' : 'number', value: numberText } });
    let outcome: AttemptOutcome | undefined;
    let inbound = false;
    if (isExport) {
      if (value(row, 'ended_at') === '') {
        skipped += 1;
        continue;
      }
      const direction = value(row, 'direction');
      if (direction !== 'inbound' && direction !== 'outbound') problems.push({ code: 'direction', params: { value: direction } });
      inbound = direction === 'inbound';
      const seconds = Number(value(row, 'duration_s') || '0');
      outcome = outcomeOfCall({
        direction: inbound ? 'inbound' : 'outbound',
        phase: 'ended',
        remoteNumber: numberText,
        startedAt: 0,
        ...(seconds > 0 ? { connectedAt: 0 } : {}),
        endReason: value(row, 'end_reason'),
      });
      if (inbound && outcome !== 'conversation' && problems.length === 0) {
        skipped += 1;
        continue;
      }
    } else {
      const outcomeText = value(row, 'outcome').toLowerCase();
      outcome = OUTCOMES.find((candidate) => candidate === outcomeText);
      if (!outcome) problems.push({ code: 'outcome', params: { value: outcomeText, allowed: OUTCOMES.join(', ') } });
    }
    if (problems.length > 0 || typeof at !== 'number' || !phone || !outcome) {
      errors.push(lineError(row.line, problems));
      continue;
    }
    const attempt: ContactAttempt = { at, phoneE164: phone.e164, outcome };
    if (inbound) attempt.direction = 'inbound';
    const debtorRef = value(row, 'debtor_ref');
    if (debtorRef !== '') attempt.debtorRef = debtorRef;
    attempts.push(attempt);
  }
  if (dateOrder.conflict) errors.push(lineError(headerRow.line, [{ code: 'date-order-conflict' }]));
  errors.sort((a, b) => a.line - b.line);
  return {
    attempts,
    errors,
    format: isExport ? 'onscript-export' : 'attempts',
    ...(isExport ? { skipped } : {}),
    ...(dateOrder.used ? { dateOrderUsed: dateOrder.order } : {}),
  };
}

function isBlank(row: Row): boolean {
  return row.fields.every((field) => field.trim() === '');
}

/** How `A/B/YYYY` dates are read, whether any were seen, and an error when the file contradicts itself. */
function resolveDateOrder(
  values: readonly string[],
  options: AttemptsCsvOptions,
): { order: Exclude<DateOrder, 'auto'>; used: boolean; conflict?: true } {
  let dayFirst = false;
  let monthFirst = false;
  let used = false;
  for (const text of values) {
    const match = YEAR_LAST.exec(text);
    if (!match) continue;
    used = true;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  const regional = MONTH_FIRST_REGIONS.has((options.defaultCountry ?? '').toUpperCase()) ? 'month-first' : 'day-first';
  if (options.dateOrder && options.dateOrder !== 'auto') return { order: options.dateOrder, used };
  if (dayFirst && monthFirst) {
    return { order: regional, used, conflict: true };
  }
  return { order: dayFirst ? 'day-first' : monthFirst ? 'month-first' : regional, used };
}

/** Why a text is not a time (see {@link parseTime}). */
type TimeFault = 'format' | 'invalid' | 'clock' | 'no-zone' | { order: Exclude<DateOrder, 'auto'> };

function timeProblem(fault: TimeFault, column: string, value: string): CsvProblem {
  if (typeof fault === 'object') return { code: 'time-invalid-order', params: { column, value, order: fault.order } };
  return { code: `time-${fault}`, params: { column, value } };
}

/** Epoch ms, or why the text is not a time. */
function parseTime(text: string, timeZone: string | undefined, order: Exclude<DateOrder, 'auto'>): number | TimeFault {
  if (ISO_WITH_ZONE.test(text)) {
    const at = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(at) ? 'invalid' : at;
  }
  const yearFirst = YEAR_FIRST.exec(text);
  const yearLast = yearFirst ? undefined : YEAR_LAST.exec(text);
  if (!yearFirst && !yearLast) {
    return 'format';
  }
  const parts = (yearFirst ?? yearLast)!.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const [year, month, day] = yearFirst
    ? [parts[0]!, parts[1]!, parts[2]!]
    : order === 'day-first'
      ? [parts[2]!, parts[1]!, parts[0]!]
      : [parts[2]!, parts[0]!, parts[1]!];
  const [hours, minutes, seconds] = [parts[3]!, parts[4]!, parts[5]!];
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== day || month < 1 || month > 12) {
    return { order };
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return 'clock';
  if (!timeZone) return 'no-zone';
  return firstInstantAtOrAfterWallTime(date, ((hours * 60 + minutes) * 60 + seconds) * 1000, timeZone);
}
