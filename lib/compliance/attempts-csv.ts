/**
 * Imports earlier call attempts from the CSV files agents and leads actually have: a lead's attempts sheet
 * (`at,debtor_ref,number,outcome`) or OnScript's own daily export, saved by Excel or WPS with commas, semicolons
 * (European locales) or tabs, with notes that span lines inside quotes, and with dates as a spreadsheet writes them
 * (`3/9/2026 14:05`, `2026/3/9 14:05`, `09.03.2026 14:05`) as well as ISO 8601.
 *
 * Here the whole import from text: csv-rows.ts reads the rows (papaparse), attempts-rows.ts maps them. The
 * extension splits the two between the options page and the worker; Node and the tests read files whole.
 */
import { attemptsFromCsvRows, type AttemptsCsvOptions, type AttemptsCsvResult } from './attempts-rows';
import { readCsvRows } from './csv-rows';

export { attemptsFromCsvRows, csvProblemText } from './attempts-rows';
export type { AttemptsCsvOptions, AttemptsCsvResult, CsvLineError, CsvProblem, DateOrder } from './attempts-rows';
export { readCsvRows, type CsvRows } from './csv-rows';

/**
 * Imports earlier attempts from a CSV file's text: {@link readCsvRows}, then {@link attemptsFromCsvRows} (which
 * says which layouts, delimiters, dates and numbers are read, and how bad lines are reported).
 */
export function parseAttemptsCsv(text: string, options: AttemptsCsvOptions = {}): AttemptsCsvResult {
  return attemptsFromCsvRows(readCsvRows(text), options);
}
