/**
 * Masks card numbers, Chinese resident ID numbers and US social security numbers in free text before it is
 * stored. Agents must not keep such numbers in notes (brief: "such numbers must not end up in free-text notes").
 *
 * Numbers are matched the way agents type them, not only the way forms print them: the text is read through
 * NFKC (so full-width digits `４１１１` from a Chinese IME in full-width mode, full-width hyphens and ideographic or
 * no-break spaces count as `4111`, `-` and a space), and digit groups may be separated by any whitespace (line
 * breaks included), `.` or `-`. Only the matching is normalised: the text around a number is kept as written.
 *
 * Every candidate must pass its check (Luhn and a first digit other than 0, ISO 7064 MOD 11-2 plus a real
 * birth date, SSN ranges) and stand apart from letters, digits and decimal points, so phone numbers, amounts,
 * dates and account references are left alone; a card glued to its brand (`visa4111…`) is still a card. Masks
 * keep the last four characters and show how many were hidden, one `•` (U+2022) per hidden character:
 * - card `4111 1111 1111 1111` → `••••••••••••1111` (separators between groups are dropped);
 * - Chinese ID `11010519491231002X` → `••••••••••••••002X` (separators dropped too);
 * - SSN `123-45-6789` → `•••-••-6789` (its separators kept); a labelled bare `SSN 123456789` → `SSN •••••6789`.
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
  let current: Texts = { written: text, read: readable(text) };
  const located: LocatedFinding[] = [];
  for (const stage of stages) {
    const replacements = stage(current.read);
    if (replacements.length === 0) continue;
    const pass = applyReplacements(current, replacements);
    current = pass.texts;
    // Positions from earlier stages shift when a later stage shortens text before them; re-anchor them.
    shiftIndices(located, pass.edits);
    located.push(...pass.findings);
    located.sort((a, b) => a.index - b.index);
  }
  return { text: current.written, findings: located.map(({ kind, masked }) => ({ kind, masked })) };
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
/** A group of a card written in groups has at most this many digits (4-4-4-4, 4-6-5, 4-4-4-4-3, …). */
const CARD_MAX_GROUP_DIGITS = 6;

// Reading the text the way a person sees it.

/**
 * The text as written and as read for matching: the same length, character for character, so a match found in
 * `read` is replaced at the same place in `written`.
 */
interface Texts {
  written: string;
  read: string;
}

/**
 * The characters whose NFKC form can change how a number reads: no-break, ideographic and typographic spaces,
 * dashes and the minus sign, superscript and subscript digits, enclosed and circled numbers, and the full-width
 * forms (`０`–`９`, `Ｘ`, `．`, `－`). Only these are looked at, so the rest of the text (Chinese above all) costs
 * nothing to read.
 */
const MAY_READ_DIFFERENTLY = /[\u00a0\u00b2\u00b3\u00b9\u1680\u2000-\u200a\u2010-\u2015\u2028\u2029\u202f\u205f\u2070-\u209f\u2150-\u218f\u2212\u2460-\u24ff\u2776-\u2793\u3000\ufe58\ufe63\uff01-\uff5e]/g;
/** Dashes people type between digit groups (hyphen, non-breaking hyphen, figure and en/em dashes, minus). */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;

/**
 * Each UTF-16 unit of `text` as read for matching: its NFKC form when that is one unit (full-width digits and
 * letters, ideographic and no-break spaces), dashes as `-`; everything else unchanged. One unit in, one unit out,
 * so positions carry over between the two texts.
 */
function readable(text: string): string {
  return text.replace(MAY_READ_DIFFERENTLY, readUnit);
}

function readUnit(unit: string): string {
  let read = readUnits.get(unit);
  if (read === undefined) {
    const normalized = unit.normalize('NFKC');
    read = DASHES.test(normalized) ? '-' : normalized.length === 1 ? normalized : unit;
    readUnits.set(unit, read);
  }
  return read;
}

/** What each unit of {@link MAY_READ_DIFFERENTLY} reads as, once computed (a few hundred at most). */
const readUnits = new Map<string, string>();

// Boundaries: a number stands apart from what surrounds it.

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

/** Card brands an agent may glue to the number (`visa4111…`), read case-insensitively. */
const CARD_BRAND_BEFORE = /(?:^|[^0-9A-Za-z_•*])(?:visa|master(?:card)?|mc|amex|card|cc|unionpay|jcb|discover|diners|maestro)$/i;

/** True when the candidate starting at `start` is not glued to what comes before it. */
function isBoundaryBefore(text: string, start: number, allowBrand = false): boolean {
  const before = text[start - 1];
  if (before === '+') return false;
  if (isWordChar(before)) return allowBrand && CARD_BRAND_BEFORE.test(text.slice(Math.max(0, start - 12), start));
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

// Replacing.

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

/** One number to mask: `[start, end)` in the text, and its mask. */
interface Replacement {
  start: number;
  end: number;
  masked: string;
  kind: RedactionKind;
}

/** Replaces every character but the last four with {@link MASK_CHAR}, keeping listed separators. */
function maskKeepingLastFour(value: string, keep: (char: string) => boolean = () => false): string {
  let out = '';
  let visible = 0;
  for (let i = value.length - 1; i >= 0; i -= 1) {
    const char = value[i]!;
    if (keep(char)) out = char + out;
    else out = (visible++ < 4 ? char : MASK_CHAR) + out;
  }
  return out;
}

/** Applies sorted, non-overlapping replacements to both texts in one pass. */
function applyReplacements(texts: Texts, replacements: readonly Replacement[]): { texts: Texts; findings: LocatedFinding[]; edits: Edit[] } {
  // Parts joined once at the end: appending to a string per replacement makes ropes the next stage must flatten.
  const written: string[] = [];
  const read: string[] = [];
  let length = 0;
  let cursor = 0;
  const findings: LocatedFinding[] = [];
  const edits: Edit[] = [];
  for (const { start, end, masked, kind } of replacements) {
    written.push(texts.written.slice(cursor, start), masked);
    read.push(texts.read.slice(cursor, start), masked);
    length += start - cursor;
    findings.push({ kind, masked, index: length });
    length += masked.length;
    edits.push({ start, removed: end - start, added: masked.length });
    cursor = end;
  }
  written.push(texts.written.slice(cursor));
  read.push(texts.read.slice(cursor));
  return { texts: { written: written.join(''), read: read.join('') }, findings, edits };
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

// Digit groups.

/**
 * Digit groups joined by short separator runs (whitespace including line breaks, `.`, `-`), the last group
 * optionally ending in the `X` of a resident ID. The separators never contain digits, so the match is linear.
 */
const DIGIT_RUN_PATTERN = /\d+(?:[\s.-]{1,3}\d+)*[Xx]?/g;

/** How a separator run joins two groups: whitespace only separates; a dot or a dash binds them into one token. */
type Joint = 'space' | 'dot' | 'dash';

interface DigitGroup {
  start: number;
  /** End of the group's digits (and of its `X`, when it has one). */
  end: number;
  /** The joint before this group (`undefined` for the first of a run). */
  joint?: Joint;
}

function jointOf(separator: string): Joint {
  return separator.includes('-') ? 'dash' : separator.includes('.') ? 'dot' : 'space';
}

/** The groups of a run found by {@link DIGIT_RUN_PATTERN} at `offset`. */
function splitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let previousEnd = -1;
  for (const match of run.matchAll(/\d+[Xx]?/g)) {
    const start = offset + match.index;
    const group: DigitGroup = { start, end: start + match[0].length };
    if (previousEnd >= 0) group.joint = jointOf(run.slice(previousEnd - offset, match.index));
    groups.push(group);
    previousEnd = group.end;
  }
  return groups;
}

/**
 * Windows of consecutive groups `[first, last]` that could be one written number: one kind of joint throughout,
 * and not starting or ending inside a chain bound by dots or dashes (an account reference, a decimal, a date),
 * while spaces only separate, so a number may be followed by another. Calls `visit` for each, shortest first,
 * until it returns false.
 */
function forEachWindow(groups: readonly DigitGroup[], first: number, visit: (last: number) => boolean): void {
  const head = groups[first]!;
  if (head.joint === 'dot' || head.joint === 'dash') return;
  let joint: Joint | undefined;
  for (let last = first; last < groups.length; last += 1) {
    if (last > first) {
      joint ??= groups[last]!.joint;
      if (groups[last]!.joint !== joint) return;
    }
    const following = groups[last + 1]?.joint;
    if (following === 'dot' || following === 'dash') continue;
    if (!visit(last)) return;
  }
}

/** The characters of groups `[first, last]` without their separators. */
function groupChars(text: string, groups: readonly DigitGroup[], first: number, last: number): string {
  let out = '';
  for (let i = first; i <= last; i += 1) out += text.slice(groups[i]!.start, groups[i]!.end);
  return out;
}

// Stages.

function maskChineseIds(text: string): Replacement[] {
  const replacements: Replacement[] = [];
  for (const match of text.matchAll(DIGIT_RUN_PATTERN)) {
    const groups = splitGroups(match[0], match.index);
    let i = 0;
    while (i < groups.length) {
      let found: number | undefined;
      if (text[groups[i]!.start] !== '0' && isBoundaryBefore(text, groups[i]!.start)) {
        let length = 0;
        forEachWindow(groups, i, (last) => {
          length = groupChars(text, groups, i, last).length;
          if (length === 18 && isBoundaryAfter(text, groups[last]!.end) && isValidChineseId(groupChars(text, groups, i, last))) {
            found = last;
          }
          return length < 18;
        });
      }
      if (found === undefined) {
        i += 1;
        continue;
      }
      const id = groupChars(text, groups, i, found);
      replacements.push({ start: groups[i]!.start, end: groups[found]!.end, masked: maskKeepingLastFour(id), kind: 'cn-id' });
      i = found + 1;
    }
  }
  return replacements;
}

/** `AAA GG SSSS` with the same separator twice: a dash, a dot or whitespace. */
const SEPARATED_SSN_PATTERN = /\d{3}([\s.-]{1,3})\d{2}\1\d{4}/g;
/**
 * A label, then at most 20 characters on the same line that are not digits, then 9 digits: "SSN", "SSN#",
 * "social security number/no.", and the Chinese 社保号 / 社会保障号 / 社会安全号.
 */
const LABELLED_SSN_PATTERN =
  /(?:\b(?:SSN|social\s+security(?:\s+(?:number|no\.?|#))?)|社保号|社会保障号|社会安全号)[^0-9\r\n]{0,20}?(\d{9})/giu;

function maskSsns(text: string): Replacement[] {
  const replacements: Replacement[] = [];
  for (const match of text.matchAll(SEPARATED_SSN_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isBoundaryBefore(text, start) || !isBoundaryAfter(text, end)) continue;
    if (!isValidSsn(match[0].replace(/\D/g, ''))) continue;
    replacements.push({ start, end, masked: maskKeepingLastFour(match[0], (char) => !/\d/.test(char)), kind: 'us-ssn' });
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
  return replacements;
}

function maskCards(text: string): Replacement[] {
  const replacements: Replacement[] = [];
  for (const match of text.matchAll(DIGIT_RUN_PATTERN)) {
    const run = match[0];
    if (run.length < CARD_MIN_DIGITS) continue;
    const groups = splitGroups(run, match.index);
    let i = 0;
    while (i < groups.length) {
      const found = findCardAt(text, groups, i);
      if (found === undefined) {
        i += 1;
        continue;
      }
      const digits = groupChars(text, groups, i, found);
      replacements.push({ start: groups[i]!.start, end: groups[found]!.end, masked: maskKeepingLastFour(digits), kind: 'card' });
      i = found + 1;
    }
  }
  return replacements;
}

/** The index of the last group of the longest card number starting at group `first`, or undefined. */
function findCardAt(text: string, groups: readonly DigitGroup[], first: number): number | undefined {
  const head = groups[first]!;
  // No card number starts with 0 (ISO/IEC 7812 major industry identifier 0 is not issued), while trunk and
  // international dialling prefixes (010-…, 0086 …) and zero-filled placeholders do.
  if (text[head.start] === '0' || !isBoundaryBefore(text, head.start, true)) return undefined;
  // Luhn doubles every second digit from the right, which depends on the final length; keep both
  // parities' sums so each longer window is checked without re-reading its digits.
  let count = 0;
  let sumDoublingEven = 0;
  let sumDoublingOdd = 0;
  let summed = first - 1;
  let best: number | undefined;
  forEachWindow(groups, first, (last) => {
    for (let g = summed + 1; g <= last; g += 1) {
      const group = groups[g]!;
      // A group ending in X belongs to an ID, and a card written in groups has short groups.
      if (text[group.end - 1] === 'X' || text[group.end - 1] === 'x') return false;
      if (last > first && group.end - group.start > CARD_MAX_GROUP_DIGITS) return false;
      if (g === first + 1 && groups[first]!.end - groups[first]!.start > CARD_MAX_GROUP_DIGITS) return false;
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
    }
    summed = last;
    if (count > CARD_MAX_DIGITS) return false;
    if (count < CARD_MIN_DIGITS || !isBoundaryAfter(text, groups[last]!.end)) return true;
    // In a number of even length the digits at even positions (from the left, 0-based) are doubled.
    const sum = count % 2 === 0 ? sumDoublingEven : sumDoublingOdd;
    if (sum % 10 === 0) best = last;
    return true;
  });
  return best;
}
