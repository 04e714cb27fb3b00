/**
 * Markup that is safe by construction: the `html` tag escapes every interpolated value unless it is itself
 * markup made by `html` (a {@link SafeHtml}). Stored text (agent names, notes, debtor references) is only ever
 * interpolated, so it can never become markup, whatever it contains. Attribute values must be quoted in the
 * template (`title="${value}"`), which the escaping of `"` and `'` then keeps closed.
 */

/** Markup produced by {@link html}; the only thing interpolated without escaping. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

/** A value the template accepts: text and numbers are escaped, arrays are joined, null/undefined/false print nothing. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${name}</td>\`` with `name` escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0]!;
  values.forEach((value, index) => {
    markup += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(markup);
}
