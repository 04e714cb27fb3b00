/**
 * Safe rendering of pack text. Nothing here produces HTML: "say this" lines become text segments and Markdown
 * bodies become a small token tree, which components turn into Preact elements whose strings are text nodes.
 * Markup typed by a pack author (`<b>`, `<script>`, `javascript:` links, images) therefore always shows as the
 * literal characters the author typed.
 */
import { splitSayTemplate } from '../packs/say-template.ts';
import type { PackLanguage, VariableDefinition } from '../packs/types.ts';

/** A piece of a rendered say line. `missing` marks a placeholder whose value the per-call form lacks. */
export interface SaySegment {
  kind: 'text' | 'variable' | 'missing';
  /** What to show: literal text, the filled value, or a visible placeholder such as `[debt.amount]`. */
  text: string;
  /** Variable key, for `variable` and `missing` segments. */
  key?: string;
}

/** Options for {@link renderSayLine}. */
export interface RenderSayLineOptions {
  /** Text shown for an unfilled variable; defaults to `[key]`. */
  placeholder?: (key: string) => string;
}

const PLACEHOLDER = /\{\{\s*([a-z][a-zA-Z0-9]{0,31}(?:\.[a-z][a-zA-Z0-9]{0,31}){0,3})\s*\}\}/g;

/**
 * Fills the `{{key}}` placeholders of a say line.
 * Values are looked up as own properties only (a `{{constructor}}` placeholder never finds a prototype member);
 * a blank or absent value yields a `missing` segment so the agent sees the gap instead of reading it aloud.
 * An optional part `[[ … ]]` is kept, without its brackets, only when every variable inside it has a value;
 * otherwise its words are left out whole, so an empty optional value never leaves a gap in a sentence. A line
 * whose only content was such a part renders as no segments. Malformed placeholders, and brackets that do not
 * balance, stay literal text.
 * @param template - The say line in the language being shown.
 * @param values - Per-call form values by variable key, already formatted for display.
 */
export function renderSayLine(
  template: string,
  values: Readonly<Record<string, string | number | undefined>>,
  options: RenderSayLineOptions = {},
): SaySegment[] {
  const placeholder = options.placeholder ?? ((key: string) => `[${key}]`);
  const valueOf = (key: string): string => {
    const raw = Object.hasOwn(values, key) ? values[key] : undefined;
    return raw === undefined ? '' : String(raw);
  };
  const segments: SaySegment[] = [];
  for (const part of splitSayTemplate(template).parts) {
    if (part.optional && [...part.text.matchAll(PLACEHOLDER)].some((match) => valueOf(match[1] ?? '').trim() === '')) continue;
    let last = 0;
    for (const match of part.text.matchAll(PLACEHOLDER)) {
      const start = match.index;
      const key = match[1] ?? '';
      if (start > last) pushText(segments, part.text.slice(last, start));
      const value = valueOf(key);
      if (value.trim() === '') segments.push({ kind: 'missing', text: placeholder(key), key });
      else segments.push({ kind: 'variable', text: value, key });
      last = start + match[0].length;
    }
    if (last < part.text.length) pushText(segments, part.text.slice(last));
  }
  return segments;
}

function pushText(segments: SaySegment[], text: string): void {
  const previous = segments[segments.length - 1];
  if (previous && previous.kind === 'text') previous.text += text;
  else segments.push({ kind: 'text', text });
}

/**
 * Formats a per-call form value for a say line: money with the currency symbol of the language, dates
 * (`YYYY-MM-DD`) in the language's long form, numbers grouped. Values that do not parse are returned as typed.
 */
export function formatVariableValue(variable: Pick<VariableDefinition, 'type' | 'currency'>, raw: string, language: PackLanguage): string {
  const value = raw.trim();
  if (value === '') return '';
  switch (variable.type) {
    case 'money': {
      const amount = Number(value.replace(/[,\s]/g, ''));
      if (!Number.isFinite(amount)) return value;
      if (!variable.currency) return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
      return new Intl.NumberFormat(language, { style: 'currency', currency: variable.currency }).format(amount);
    }
    case 'number': {
      const amount = Number(value.replace(/[,\s]/g, ''));
      return Number.isFinite(amount) ? new Intl.NumberFormat(language).format(amount) : value;
    }
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return value;
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      if (date.getUTCDate() !== Number(match[3])) return value;
      // UTC on both sides: a calendar date must not move a day with the agent's time zone.
      return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
    }
    default:
      return value;
  }
}

/** Inline Markdown tokens. Every string is plain text. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: MarkdownInline[] }
  | { type: 'italic'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'break' };

/** Block Markdown tokens: paragraphs and flat lists. */
export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; items: MarkdownInline[][] };

/** Longest Markdown text parsed; the pack validator allows 8000 characters per text. */
const MAX_MARKDOWN_LENGTH = 20_000;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+(.*)$/;

/**
 * Parses the safe Markdown subset of pack bodies and answers: paragraphs (blank-line separated), line breaks,
 * `- ` / `* ` and `1. ` lists, `**bold**`, `*italic*` / `_italic_`, `` `code` ``, and `\` escapes.
 * Everything else, including HTML, headings, links and images, stays literal text.
 */
export function parseSafeMarkdown(text: string): MarkdownBlock[] {
  const source = text.length > MAX_MARKDOWN_LENGTH ? text.slice(0, MAX_MARKDOWN_LENGTH) : text;
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flushParagraph = (): void => {
    if (paragraph.length === 0) return;
    const children: MarkdownInline[] = [];
    paragraph.forEach((line, index) => {
      if (index > 0) children.push({ type: 'break' });
      children.push(...parseInline(line));
    });
    blocks.push({ type: 'paragraph', children: mergeText(children) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (!list) return;
    blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = null;
  };

  for (const line of lines) {
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      if (!list) list = { ordered, items: [] };
      list.items.push((item[1] ?? '').trim());
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // An indented line continues the previous list item.
      const items = list.items;
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
}

/** Parses one line of inline Markdown. */
export function parseInline(text: string): MarkdownInline[] {
  return mergeText(parseInlineRange(text, 0));
}

function parseInlineRange(text: string, depth: number): MarkdownInline[] {
  const tokens: MarkdownInline[] = [];
  const closers = new ClosingMarkers(text);
  let buffer = '';
  const flush = (): void => {
    if (buffer) tokens.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const character = text[i] as string;
    if (character === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!<>]/.test(text[i + 1] as string)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (character === '`') {
      const close = closers.after('`', i + 1, true);
      if (close > i + 1) {
        flush();
        tokens.push({ type: 'code', text: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    // Nesting is capped: deeper markers are shown as typed. Content may not start with a space (`2 * 3 * 4`).
    const opensContent = !/\s/.test(text[i + (text.startsWith('**', i) ? 2 : 1)] ?? ' ');
    if (depth < 4 && opensContent && text.startsWith('**', i)) {
      const close = closers.after('**', i + 2);
      if (close > i + 2) {
        flush();
        tokens.push({ type: 'bold', children: parseInlineRange(text.slice(i + 2, close), depth + 1) });
        i = close + 2;
        continue;
      }
    }
    if (depth < 4 && opensContent && (character === '*' || character === '_') && !text.startsWith('**', i)) {
      // `_` emphasis must start at a word boundary so snake_case stays literal.
      const close = character === '*' || !isWordCharacter(text[i - 1]) ? closers.after(character, i + 1) : -1;
      if (close > i + 1) {
        flush();
        tokens.push({ type: 'italic', children: parseInlineRange(text.slice(i + 1, close), depth + 1) });
        i = close + 1;
        continue;
      }
    }
    buffer += character;
    i++;
  }
  flush();
  return tokens;
}

/**
 * Valid closing positions of each marker in one text, computed once, so parsing stays linear-ish even on text
 * full of unmatched markers. A closer follows a non-space; a single `*` is not half of `**`; a `_` ends a word.
 */
class ClosingMarkers {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  /** First valid closer of `marker` after `from` (or at it, when `inclusive`); -1 when there is none. */
  after(marker: string, from: number, inclusive = false): number {
    const positions = this.positions(marker);
    const bound = inclusive ? from - 1 : from;
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((positions[mid] as number) <= bound) low = mid + 1;
      else high = mid;
    }
    return positions[low] ?? -1;
  }

  private positions(marker: string): number[] {
    const cached = this.cache.get(marker);
    if (cached) return cached;
    const { text } = this;
    const found: number[] = [];
    let at = text.indexOf(marker);
    while (at !== -1) {
      let valid = marker === '`' || (at > 0 && !/\s/.test(text[at - 1] as string));
      if (valid && marker === '*') valid = text[at + 1] !== '*' && text[at - 1] !== '*';
      if (valid && marker === '_') valid = !isWordCharacter(text[at + 1]);
      if (valid) found.push(at);
      at = text.indexOf(marker, at + 1);
    }
    this.cache.set(marker, found);
    return found;
  }
}

function mergeText(tokens: MarkdownInline[]): MarkdownInline[] {
  const merged: MarkdownInline[] = [];
  for (const token of tokens) {
    const previous = merged[merged.length - 1];
    if (token.type === 'text' && previous?.type === 'text') previous.text += token.text;
    else merged.push(token);
  }
  return merged;
}
