/**
 * The structure of a say-line template: plain parts, and optional parts written `[[ … ]]` that are shown only
 * when every variable inside them has a value. Shared by the validator (which checks the brackets and where
 * optional variables stand) and the renderer (which drops the optional parts whose values are missing).
 */

/** One part of a say-line template, in order. */
export interface SayTemplatePart {
  /** True for the text between `[[` and `]]` (the brackets themselves are not included). */
  optional: boolean;
  text: string;
}

/** What {@link splitSayTemplate} returns; `problem` describes unbalanced or nested brackets. */
export interface SayTemplateSplit {
  parts: SayTemplatePart[];
  problem?: string;
}

const OPEN = '[[';
const CLOSE = ']]';

/**
 * Splits a template into plain and optional parts. Optional parts do not nest. When the brackets are unbalanced
 * or nested the whole template is returned as one plain part with a `problem`, so nothing is ever dropped on a
 * malformed line: the agent sees it as the author typed it.
 */
export function splitSayTemplate(template: string): SayTemplateSplit {
  const parts: SayTemplatePart[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf(OPEN, at);
    const close = template.indexOf(CLOSE, at);
    if (open === -1) {
      if (close !== -1) return { parts: [{ optional: false, text: template }], problem: '"]]" without a matching "[["' };
      parts.push({ optional: false, text: template.slice(at) });
      break;
    }
    if (close !== -1 && close < open) return { parts: [{ optional: false, text: template }], problem: '"]]" without a matching "[["' };
    if (open > at) parts.push({ optional: false, text: template.slice(at, open) });
    const end = template.indexOf(CLOSE, open + OPEN.length);
    if (end === -1) return { parts: [{ optional: false, text: template }], problem: '"[[" without a matching "]]"' };
    const inner = template.slice(open + OPEN.length, end);
    if (inner.includes(OPEN)) return { parts: [{ optional: false, text: template }], problem: 'optional parts "[[ … ]]" cannot be nested' };
    parts.push({ optional: true, text: inner });
    at = end + CLOSE.length;
  }
  return { parts };
}
