/**
 * A CSV file's rows, as papaparse reads them (quotes, quoted newlines, delimiter detection), each with the line it
 * starts on. Read where the file is (the options page) and sent to the worker as rows, so papaparse stays out of the
 * worker's script (issue 17, worker start); attempts-rows.ts maps them.
 */
import Papa from 'papaparse';

/** A file's rows, and the lines where an unclosed quote was given up on. */
export interface CsvRows {
  rows: { line: number; fields: string[] }[];
  /** Lines an unclosed double quote opened on: reading resumed on the line after each. */
  unclosedQuoteLines: number[];
}

/** The rows of a CSV text (a byte-order mark is dropped). */
export function readCsvRows(text: string): CsvRows {
  return tokenise(text.replace(/^\uFEFF/, ''));
}

/**
 * Splits the text into rows with papaparse, each with the line it starts on. An unclosed quote would swallow the rest
 * of the file into one field; instead that line is reported and tokenising starts again on the line after it.
 */
function tokenise(text: string): CsvRows {
  const rows: CsvRows['rows'] = [];
  const unclosedQuoteLines: number[] = [];
  // The delimiter is guessed once, from the whole file, so a restart after a bad quote keeps it.
  const delimiter = Papa.parse<string[]>(text, { preview: 20, delimitersToGuess: [',', ';', '\t'] }).meta.delimiter || ',';
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const rest = text.slice(offset);
    const result = Papa.parse<string[]>(rest, { delimiter, skipEmptyLines: false });
    const broken = result.errors.find((error) => error.code === 'MissingQuotes');
    const usable = broken?.row === undefined ? result.data : result.data.slice(0, broken.row);
    let cursor = 0;
    let rowLine = line;
    for (const fields of usable) {
      rows.push({ line: rowLine, fields });
      // Each row ends at its first line break outside quotes; count every line break it spans.
      const end = nextRowStart(rest, cursor);
      rowLine += countLineBreaks(rest, cursor, end);
      cursor = end;
    }
    if (!broken) break;
    unclosedQuoteLines.push(rowLine);
    const nextLine = rest.indexOf('\n', cursor);
    if (nextLine < 0) break;
    offset += nextLine + 1;
    line = rowLine + 1;
  }
  return { rows, unclosedQuoteLines };
}

/** Where the row starting at `from` ends (after its line break), honouring quotes. */
function nextRowStart(text: string, from: number): number {
  let quoted = false;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') return index + 1;
    else if (!quoted && char === '\r') return text[index + 1] === '\n' ? index + 2 : index + 1;
  }
  return text.length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index += 1) {
    if (text[index] === '\n' || (text[index] === '\r' && text[index + 1] !== '\n')) count += 1;
  }
  return count;
}
