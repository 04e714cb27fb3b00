/**
 * Per-call values the open page (a CRM) shows, read by the page's DOM rule `fields`, turned into offers for the
 * per-call form. The agent confirms each one: a value read off a web page is a suggestion, never a fact the
 * script states on its own. Pure: no DOM, no extension APIs.
 */
import type { VariableDefinition, VariableType } from '../packs/types';

/**
 * The field key a DOM rule uses for the debtor or account reference: it fills the call's `debtorRef` (the form's
 * first field, which history and caps group calls by), not a pack variable.
 */
export const DEBTOR_REF_FIELD = 'debtor.ref';

/** What the page offers for one field of the form. */
export interface PageValueOffer {
  /** The pack variable's key, or {@link DEBTOR_REF_FIELD}. */
  key: string;
  /** The value in the form's own format (`YYYY-MM-DD` for dates, `1234.50` for money). */
  value: string;
  /** The text as the page showed it (trimmed), for the agent to compare. */
  shown: string;
}

/** Longest value offered; longer page text is not a form value (the protocol caps form values as well). */
const MAX_OFFER_CHARS = 200;

/**
 * The offers for the form: one per pack variable (and the debtor reference) whose page field holds a value that
 * reads as the variable's type and differs from what the form holds. Location fields (`location.*`) are for
 * compliance and are never offered. A value the page shows in a form it cannot be read from with certainty (an
 * ambiguous `03/04/2026`) is left for the agent to type.
 */
export function pageValueOffers(input: {
  variables: readonly Pick<VariableDefinition, 'key' | 'type'>[];
  fields: Readonly<Record<string, string>> | undefined;
  values: Readonly<Record<string, string>>;
  debtorRef: string;
}): PageValueOffer[] {
  const fields = input.fields;
  if (!fields) return [];
  const offers: PageValueOffer[] = [];
  const shownRef = cleanShown(fields[DEBTOR_REF_FIELD]);
  if (shownRef && shownRef !== input.debtorRef.trim()) offers.push({ key: DEBTOR_REF_FIELD, value: shownRef, shown: shownRef });
  for (const variable of input.variables) {
    if (!Object.hasOwn(fields, variable.key)) continue;
    const shown = cleanShown(fields[variable.key]);
    if (!shown) continue;
    const value = readPageValue(variable.type, shown);
    if (value === undefined || value === (input.values[variable.key] ?? '').trim()) continue;
    offers.push({ key: variable.key, value, shown });
  }
  return offers;
}

function cleanShown(raw: string | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/\s+/g, ' ').trim();
  return text === '' || text.length > MAX_OFFER_CHARS ? undefined : text;
}

/**
 * Reads page text as a form value of `type`, or undefined when it does not read as one. Money drops currency
 * signs, codes and grouping (`¥12,345.60`, `$1,234.56`, `1.234,56 €`, `12,345.60元`); dates accept ISO,
 * `2026/3/4`, `2026年3月4日`, English month names, and day/month orders only where a part over 12 settles them.
 */
export function readPageValue(type: VariableType, text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  switch (type) {
    case 'money':
      return readMoney(value);
    case 'number': {
      const plain = value.replace(/[\s,，]/g, '').replace(/(天|日|days?)$/i, '');
      return /^\d{1,9}$/.test(plain) ? String(Number(plain)) : undefined;
    }
    case 'date':
      return readDate(value);
    default:
      return value;
  }
}

function readMoney(text: string): string | undefined {
  // Currency signs, ISO codes and the Chinese unit words go; what is left must be a number with grouping.
  let core = text
    .replace(/[A-Za-z]{3}\b/g, '')
    .replace(/[¥￥$€£]|人民币|元|圆/g, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  // A negative balance or a credit is not an amount owed.
  if (/^[-−(]/.test(core)) return undefined;
  core = core.replace(/，/g, ',');
  if (!/^\d[\d.,]*$/.test(core)) return undefined;
  const lastDot = core.lastIndexOf('.');
  const lastComma = core.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the later one is the decimal mark.
    const mark = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    integer = core.slice(0, at);
    fraction = core.slice(at + 1);
    const grouping = mark === '.' ? ',' : '.';
    if (integer.includes(mark) || !groupedCorrectly(integer, grouping)) return undefined;
    integer = integer.split(grouping).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = core.split(mark);
    const tail = parts[parts.length - 1]!;
    if (parts.length === 2 && tail.length !== 3) {
      integer = parts[0]!;
      fraction = tail;
    } else if (groupedCorrectly(core, mark)) {
      // `1,234` and `1.234.567` are grouping, as every CRM writes thousands.
      integer = parts.join('');
    } else {
      return undefined;
    }
  } else {
    integer = core;
  }
  if (!/^\d{1,12}$/.test(integer) || !/^\d{0,2}$/.test(fraction)) return undefined;
  const whole = String(Number(integer));
  return fraction === '' ? whole : `${whole}.${fraction.padEnd(2, '0')}`;
}

function groupedCorrectly(integer: string, separator: string): boolean {
  if (!integer.includes(separator)) return /^\d+$/.test(integer);
  const groups = integer.split(separator);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function readDate(text: string): string | undefined {
  const value = text.replace(/\s+/g, ' ');
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = Number(match[3]);
    // 03/04/2026 is March 4 in the US and 3 April elsewhere: only a part over 12 says which.
    if (first > 12 && second <= 12) return isoDate(year, second, first);
    if (second > 12 && first <= 12) return isoDate(year, first, second);
    return undefined;
  }
  match = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(value);
  if (match) return isoDate(Number(match[3]), monthNumber(match[1]!), Number(match[2]));
  match = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(value);
  if (match) return isoDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
  return undefined;
}

/** 1-12 for an English month name or its abbreviation of three letters or more (`Mar`, `Sept`, `March`), else 0. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
