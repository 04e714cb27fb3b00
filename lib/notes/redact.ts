/**
 * Masks card numbers, Chinese resident ID numbers and US social security numbers in free text before it is
 * stored. Agents must not keep such numbers in notes (brief: "such numbers must not end up in free-text notes").
 *
 * Every candidate must pass its check (Luhn and a first digit other than 0, ISO 7064 MOD 11-2 plus a real
 * birth date, SSN ranges) and stand apart from letters, digits and decimal points, so phone numbers, amounts,
 * dates and account references are left alone. Masks keep the last four characters and show how many were
 * hidden, one `•` (U+2022) per hidden character:
 * - card `4111 1111 1111 1111` → `••••••••••••1111` (spaces or dashes between groups are dropped);
 * - Chinese ID `11010519491231002X` → `••••••••••••••002X`;
 * - SSN `123-45-6789` → `•••-••-6789`; a labelled bare `SSN 123456789` → `SSN •••••6789`.
 *
 * Redaction is idempotent: a mask never starts a new match, because `•` counts as part of a word and a
 * number that touches a word is never a candidate.
 */
import type { RedactionKind } from './types.ts';

/** One number that was masked. */
export interface RedactionFinding {
  kind: RedactionKind;
  /** The mask that replaced it (never the original). */
  masked: string;
}

/** The redacted text and what was masked in it. */
export interface RedactionResult {
  /** `text` with every finding masked; the same string when nothing was found. */
  text: string;
  /** Findings in the order they appear in the text. */
  findings: RedactionFinding[];
}

/** The character that stands for each hidden digit. */
export const MASK_CHAR = '•';

/**
 * Masks every card number, Chinese resident ID number and US SSN in `text` except its last four characters.
 * Linear in the length of the text.
 */
export function redactSensitive(text: string): RedactionResult {
  // Longest, most specific shapes first: an 18-digit ID could also pass Luhn, and must be reported as an ID.
  const stages = [maskChineseIds, maskSsns, maskCards];
  let current = text;
  const located: LocatedFinding[] = [];
  for (const stage of stages) {
    const pass = stage(current);
    current = pass.text;
    // Positions from earlier stages shift when a later stage shortens text before them; re-anchor them.
    shiftIndices(located, pass.edits);
    located.push(...pass.findings);
    located.sort((a, b) => a.index - b.index);
  }
  return { text: current, findings: located.map(({ kind, masked }) => ({ kind, masked })) };
}

/** Luhn (mod 10) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True for an 18-character PRC resident identity number (GB 11643-1999): 17 digits and a check character
 * (`0`–`9` or `X`/`x`) matching ISO 7064 MOD 11-2, with a real birth date between 1900 and 2099 in
 * characters 7–14.
 */
export function isValidChineseId(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (id.charCodeAt(i) - 48) * CN_ID_WEIGHTS[i]!;
  const expected = CN_ID_CHECK_CHARS[sum % 11];
  return id[17]!.toUpperCase() === expected;
}

/**
 * True for an SSN in `AAA-GG-SSSS` form (or its 9 bare digits) outside the ranges the SSA never issues:
 * area 000, 666 or 900–999, group 00, serial 0000.
 */
export function isValidSsn(ssn: string): boolean {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(ssn);
  if (!match) return false;
  const [, area, group, serial] = match as unknown as [string, string, string, string];
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return group !== '00' && serial !== '0000';
}

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK_CHARS = '10X98765432';

/** Card numbers have 13 to 19 digits (ISO/IEC 7812). */
const CARD_MIN_DIGITS = 13;
const CARD_MAX_DIGITS = 19;

interface LocatedFinding extends RedactionFinding {
  /** Where the mask starts in the final text. */
  index: number;
}

/** A replacement a stage made: `[start, start + removed)` in its input became `added` characters. */
interface Edit {
  start: number;
  removed: number;
  added: number;
}

interface StageResult {
  text: string;
  findings: LocatedFinding[];
  edits: Edit[];
}

/** Characters that glue a number to its neighbour: a number touching one is part of a larger token. */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[0-9A-Za-z_•*]/.test(char);
}

/** Digits, and the mask characters that stand for digits. */
function isDigitLike(char: string | undefined): boolean {
  return char !== undefined && /[0-9•*]/.test(char);
}

/** Punctuation that joins numbers into decimals, dates or ranges when a digit sits on its other side. */
function isJoiner(char: string | undefined): boolean {
  return char === '.' || char === ',' || char === '-' || char === '/' || char === ':';
}

/** True when the candidate starting at `start` is not glued to what comes before it. */
function isBoundaryBefore(text: string, start: number): boolean {
  const before = text[start - 1];
  if (isWordChar(before) || before === '+') return false;
  if (isJoiner(before) && isDigitLike(text[start - 2])) return false;
  return true;
}

/** True when the candidate ending just before `end` is not glued to what comes after it. */
function isBoundaryAfter(text: string, end: number): boolean {
  const after = text[end];
  if (isWordChar(after)) return false;
  if (isJoiner(after) && isDigitLike(text[end + 1])) return false;
  return true;
}

/** Replaces every character but the last four with {@link MASK_CHAR}, keeping listed separators. */
function maskKeepingLastFour(value: string, keep: RegExp = /(?!)/): string {
  let out = '';
  const visibleFrom = value.length - 4;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    out += i >= visibleFrom || keep.test(char) ? char : MASK_CHAR;
  }
  return out;
}

/** Applies sorted, non-overlapping replacements in one pass. */
function applyReplacements(
  text: string,
  replacements: { start: number; end: number; masked: string; kind: RedactionKind }[],
): StageResult {
  if (replacements.length === 0) return { text, findings: [], edits: [] };
  let out = '';
  let cursor = 0;
  const findings: LocatedFinding[] = [];
  const edits: Edit[] = [];
  for (const { start, end, masked, kind } of replacements) {
    out += text.slice(cursor, start);
    findings.push({ kind, masked, index: out.length });
    out += masked;
    edits.push({ start, removed: end - start, added: masked.length });
    cursor = end;
  }
  out += text.slice(cursor);
  return { text: out, findings, edits };
}

/** Moves each finding (sorted by index) past the edits (sorted by start) made before it, in one walk. */
function shiftIndices(findings: LocatedFinding[], edits: Edit[]): void {
  let delta = 0;
  let next = 0;
  for (const finding of findings) {
    while (next < edits.length && edits[next]!.start < finding.index) {
      delta += edits[next]!.added - edits[next]!.removed;
      next += 1;
    }
    finding.index += delta;
  }
}

const CN_ID_PATTERN = /[1-9]\d{16}[\dXx]/g;

function maskChineseIds(text: string): StageResult {
  const replacements: { start: number; end: number; masked: string; kind: RedactionKind }[] = [];
  for (const match of text.matchAll(CN_ID_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isBoundaryBefore(text, start) || !isBoundaryAfter(text, end)) continue;
    if (!isValidChineseId(match[0])) continue;
    replacements.push({ start, end, masked: maskKeepingLastFour(match[0]), kind: 'cn-id' });
  }
  return applyReplacements(text, replacements);
}

const DASHED_SSN_PATTERN = /\d{3}-\d{2}-\d{4}/g;
/** "SSN", "SSN#", "social security number/no." then at most 20 non-digit characters, then 9 digits. */
const LABELLED_SSN_PATTERN = /\b(?:SSN|social\s+security(?:\s+(?:number|no\.?|#))?)[^0-9\r\n]{0,20}?(\d{9})/giu;

function maskSsns(text: string): StageResult {
  const replacements: { start: number; end: number; masked: string; kind: RedactionKind }[] = [];
  for (const match of text.matchAll(DASHED_SSN_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isBoundaryBefore(text, start) || !isBoundaryAfter(text, end)) continue;
    if (!isValidSsn(match[0])) continue;
    replacements.push({ start, end, masked: maskKeepingLastFour(match[0], /-/), kind: 'us-ssn' });
  }
  for (const match of text.matchAll(LABELLED_SSN_PATTERN)) {
    const digits = match[1]!;
    const end = match.index + match[0].length;
    const start = end - digits.length;
    if (!isBoundaryBefore(text, start) || !isBoundaryAfter(text, end)) continue;
    if (!isValidSsn(digits)) continue;
    replacements.push({ start, end, masked: maskKeepingLastFour(digits), kind: 'us-ssn' });
  }
  replacements.sort((a, b) => a.start - b.start);
  return applyReplacements(text, replacements);
}

/** Digit groups joined by single spaces or dashes: the shapes card numbers are written in. */
const DIGIT_RUN_PATTERN = /\d+(?:[ -]\d+)*/g;

function maskCards(text: string): StageResult {
  const replacements: { start: number; end: number; masked: string; kind: RedactionKind }[] = [];
  for (const match of text.matchAll(DIGIT_RUN_PATTERN)) {
    const run = match[0];
    const runStart = match.index;
    if (run.length < CARD_MIN_DIGITS) continue;
    const groups = splitGroups(run, runStart);
    let i = 0;
    while (i < groups.length) {
      const found = findCardAt(text, groups, i, runStart, runStart + run.length);
      if (found === undefined) {
        i += 1;
        continue;
      }
      const start = groups[i]!.start;
      const end = groups[found]!.end;
      const digits = text.slice(start, end).replace(/[ -]/g, '');
      replacements.push({ start, end, masked: maskKeepingLastFour(digits), kind: 'card' });
      i = found + 1;
    }
  }
  return applyReplacements(text, replacements);
}

interface DigitGroup {
  start: number;
  end: number;
  /** The separator before this group (`''` for the first). */
  separator: string;
}

function splitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  const pattern = /\d+/g;
  for (const match of run.matchAll(pattern)) {
    const start = offset + match.index;
    groups.push({ start, end: start + match[0].length, separator: match.index === 0 ? '' : run[match.index - 1]! });
  }
  return groups;
}

/**
 * The index of the last group of the longest card number starting at group `first`, or undefined. A card is
 * written with one kind of separator throughout; a window at the edge of the run must also be at a boundary.
 */
function findCardAt(text: string, groups: DigitGroup[], first: number, runStart: number, runEnd: number): number | undefined {
  const head = groups[first]!;
  if (head.start === runStart && !isBoundaryBefore(text, head.start)) return undefined;
  // No card number starts with 0 (ISO/IEC 7812 major industry identifier 0 is not issued), while trunk and
  // international dialling prefixes (010-…, 0086 …) and zero-filled placeholders do.
  if (text[head.start] === '0') return undefined;
  // Dashes bind groups into one token (an account or reference number), so a card never starts or ends
  // inside a dashed chain; spaces only separate, so a card may be followed by another number.
  if (head.separator === '-') return undefined;
  // Luhn doubles every second digit from the right, which depends on the final length; keep both
  // parities' sums so each longer window is checked without re-reading its digits.
  let count = 0;
  let sumDoublingEven = 0;
  let sumDoublingOdd = 0;
  let separator: string | undefined;
  let best: number | undefined;
  for (let last = first; last < groups.length; last += 1) {
    const group = groups[last]!;
    if (last > first) {
      separator ??= group.separator;
      if (group.separator !== separator) break;
    }
    if (count + group.end - group.start > CARD_MAX_DIGITS) break;
    for (let i = group.start; i < group.end; i += 1) {
      const digit = text.charCodeAt(i) - 48;
      const doubled = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      if (count % 2 === 0) {
        sumDoublingEven += doubled;
        sumDoublingOdd += digit;
      } else {
        sumDoublingEven += digit;
        sumDoublingOdd += doubled;
      }
      count += 1;
    }
    if (count < CARD_MIN_DIGITS) continue;
    if (group.end === runEnd && !isBoundaryAfter(text, group.end)) continue;
    if (groups[last + 1]?.separator === '-') continue;
    // In a number of even length the digits at even positions (from the left, 0-based) are doubled.
    const sum = count % 2 === 0 ? sumDoublingEven : sumDoublingOdd;
    if (sum % 10 === 0) best = last;
  }
  return best;
}
