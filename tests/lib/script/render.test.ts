import { describe, expect, it } from 'vitest';
import { parsePack, type LocalizedText, type ScriptPack } from '../../../lib/packs/index.ts';
import { DEFAULT_PACKS } from '../../../lib/packs/defaults/index.ts';
import {
  formatVariableValue,
  parseSafeMarkdown,
  renderSayLine,
  type MarkdownBlock,
  type MarkdownInline,
} from '../../../lib/script/render.ts';
import { mapTexts, minimalPack } from '../packs/fixtures.ts';

/** Plain text of a token tree: what the parser kept, to compare with the input. */
function markdownToPlainText(blocks: readonly MarkdownBlock[]): string {
  const inline = (tokens: readonly MarkdownInline[]): string =>
    tokens
      .map((token) => {
        switch (token.type) {
          case 'text':
          case 'code':
            return token.text;
          case 'break':
            return '\n';
          default:
            return inline(token.children);
        }
      })
      .join('');
  return blocks
    .map((block) => (block.type === 'paragraph' ? inline(block.children) : block.items.map((item) => `• ${inline(item)}`).join('\n')))
    .join('\n\n');
}

const HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> [click](javascript:alert(3)) ![i](http://x/i.png) &lt;b&gt;';

function inlineTexts(tokens: readonly MarkdownInline[]): string[] {
  return tokens.flatMap((token) => {
    if (token.type === 'text' || token.type === 'code') return [token.text];
    if (token.type === 'break') return [];
    return inlineTexts(token.children);
  });
}

function blockTypes(blocks: readonly MarkdownBlock[]): Set<string> {
  const types = new Set<string>();
  const visit = (tokens: readonly MarkdownInline[]): void => {
    for (const token of tokens) {
      types.add(token.type);
      if (token.type === 'bold' || token.type === 'italic') visit(token.children);
    }
  };
  for (const block of blocks) {
    types.add(block.type);
    if (block.type === 'paragraph') visit(block.children);
    else block.items.forEach(visit);
  }
  return types;
}

describe('renderSayLine', () => {
  it('fills variables and marks missing ones with a visible placeholder', () => {
    expect(renderSayLine('您好，我是{{company.name}}的{{ agent.name }}。', { 'agent.name': '李明' })).toEqual([
      { kind: 'text', text: '您好，我是' },
      { kind: 'missing', text: '[company.name]', key: 'company.name' },
      { kind: 'text', text: '的' },
      { kind: 'variable', text: '李明', key: 'agent.name' },
      { kind: 'text', text: '。' },
    ]);
  });

  it('treats blank values as missing and accepts a custom placeholder', () => {
    expect(renderSayLine('{{debt.amount}}', { 'debt.amount': '  ' }, { placeholder: (key) => `⟨${key}⟩` })).toEqual([
      { kind: 'missing', text: '⟨debt.amount⟩', key: 'debt.amount' },
    ]);
  });

  it('keeps HTML in templates and values as literal text', () => {
    const segments = renderSayLine(`${HOSTILE} {{agent.name}}`, { 'agent.name': '<script>steal()</script>' });
    expect(segments).toEqual([
      { kind: 'text', text: `${HOSTILE} ` },
      { kind: 'variable', text: '<script>steal()</script>', key: 'agent.name' },
    ]);
  });

  it('never reads prototype members as values, and leaves malformed placeholders alone', () => {
    const segments = renderSayLine('{{constructor}} {{toString}} {{ bad key }} {{x', {});
    expect(segments.filter((s) => s.kind === 'variable')).toEqual([]);
    expect(segments.map((s) => s.text).join('')).toBe('[constructor] [toString] {{ bad key }} {{x');
  });

  it('keeps an optional part [[ … ]] without its brackets only when every variable in it has a value', () => {
    const template = 'Due on {{debt.dueDate}}[[, including {{debt.interest}} in fees]].';
    const text = (values: Record<string, string>) => renderSayLine(template, values).map((segment) => segment.text).join('');
    expect(text({ 'debt.dueDate': 'May 1', 'debt.interest': '$12' })).toBe('Due on May 1, including $12 in fees.');
    expect(text({ 'debt.dueDate': 'May 1', 'debt.interest': '  ' })).toBe('Due on May 1.');
    // A required value outside the part still shows its gap.
    expect(renderSayLine(template, {}).map((segment) => segment.kind)).toEqual(['text', 'missing', 'text']);
    expect(text({})).toBe('Due on [debt.dueDate].');
    // A whole-line part with an empty value renders as nothing at all.
    expect(renderSayLine('[[Reply by {{validation.endDate}}.]]', {})).toEqual([]);
    expect(renderSayLine('[[我会在{{followUp.date}}再联系您。]]您也可以来电。', { 'followUp.date': '5月3日' }).map((s) => s.text).join('')).toBe(
      '我会在5月3日再联系您。您也可以来电。',
    );
  });

  it('shows brackets that do not balance as typed', () => {
    for (const template of ['a [[b {{x}}', 'a ]] b', 'a [[b [[c]] d]]', '[[x]] ]]']) {
      expect(renderSayLine(template, { x: 'X' }).map((segment) => segment.text).join('')).toBe(template.replace('{{x}}', 'X'));
    }
  });
});

describe('parseSafeMarkdown', () => {
  it('parses paragraphs, breaks, lists, bold, italic and code', () => {
    expect(parseSafeMarkdown('Say **your name** and *company*.\nThen `wait`.\n\n- one\n- _two_\n\n1. first\n2. second')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Say ' },
          { type: 'bold', children: [{ type: 'text', text: 'your name' }] },
          { type: 'text', text: ' and ' },
          { type: 'italic', children: [{ type: 'text', text: 'company' }] },
          { type: 'text', text: '.' },
          { type: 'break' },
          { type: 'text', text: 'Then ' },
          { type: 'code', text: 'wait' },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'one' }], [{ type: 'italic', children: [{ type: 'text', text: 'two' }] }]] },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'first' }], [{ type: 'text', text: 'second' }]] },
    ]);
  });

  it('handles Chinese emphasis and leaves arithmetic, snake_case and escapes literal', () => {
    expect(parseSafeMarkdown('**不要**提及欠款')).toEqual([
      { type: 'paragraph', children: [{ type: 'bold', children: [{ type: 'text', text: '不要' }] }, { type: 'text', text: '提及欠款' }] },
    ]);
    expect(markdownToPlainText(parseSafeMarkdown('2 * 3 * 4 and debt_due_date and \\*not italic\\*'))).toBe('2 * 3 * 4 and debt_due_date and *not italic*');
  });

  it('keeps HTML, links, images and headings as literal text', () => {
    const blocks = parseSafeMarkdown(`# Heading\n${HOSTILE}\n\n<a href="javascript:alert(1)">x</a>`);
    expect(markdownToPlainText(blocks)).toBe(`# Heading\n${HOSTILE}\n\n<a href="javascript:alert(1)">x</a>`);
    expect([...blockTypes(blocks)].sort()).toEqual(['break', 'paragraph', 'text']);
  });

  it('keeps pathological input literal', () => {
    // Thousands of markers none of which closes: every one stays literal text (speed is npm run bench's).
    const input = '*a '.repeat(2000) + '_b '.repeat(2000) + '**c '.repeat(1000) + '`'.repeat(3000);
    const blocks = parseSafeMarkdown(input);
    expect(markdownToPlainText(blocks)).toBe(input);
    expect(parseSafeMarkdown('a ``')).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'a ``' }] }]);
  });
});

describe('a pack whose every text holds HTML and script', () => {
  const hostilePack = mapTexts(minimalPack(), (text) =>
    Object.fromEntries(Object.keys(text).map((language) => [language, `${HOSTILE} ${text[language] ?? ''}`])),
  ) as ScriptPack;

  it('is accepted (with warnings) and keeps the markup as typed', () => {
    const result = parsePack(hostilePack);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.steps[0]!.title.en).toBe(`${HOSTILE} Greeting`);
    expect(result.warnings.length).toBeGreaterThan(10);
  });

  it('renders every text as inert strings only: no token beyond the safe subset', () => {
    const texts: string[] = [];
    mapTexts(hostilePack, (text) => {
      texts.push(...Object.values(text));
      return text;
    });
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      const blocks = parseSafeMarkdown(text);
      for (const type of blockTypes(blocks)) expect(['paragraph', 'list', 'text', 'bold', 'italic', 'code', 'break']).toContain(type);
      const shown = blocks.flatMap((block) => (block.type === 'paragraph' ? inlineTexts(block.children) : block.items.flatMap(inlineTexts))).join('');
      expect(shown).toContain('<script>alert(1)</script>');
      expect(shown).toContain('javascript:alert(3)');
      const segments = renderSayLine(text, {});
      expect(segments.map((segment) => segment.text).join('')).toContain('<script>alert(1)</script>');
    }
  });
});

describe('formatVariableValue', () => {
  it('formats money, dates and numbers per language', () => {
    expect(formatVariableValue({ type: 'money', currency: 'CNY' }, '12345.5', 'zh-CN')).toBe('¥12,345.50');
    expect(formatVariableValue({ type: 'money', currency: 'USD' }, '1,234.5', 'en')).toBe('$1,234.50');
    expect(formatVariableValue({ type: 'date' }, '2026-03-05', 'zh-CN')).toBe('2026年3月5日');
    expect(formatVariableValue({ type: 'date' }, '2026-03-05', 'en')).toBe('March 5, 2026');
    expect(formatVariableValue({ type: 'number' }, '12000', 'en')).toBe('12,000');
  });

  it('returns unparseable input as typed', () => {
    expect(formatVariableValue({ type: 'date' }, '2026-02-30', 'en')).toBe('2026-02-30');
    expect(formatVariableValue({ type: 'money', currency: 'USD' }, 'about 500', 'en')).toBe('about 500');
    expect(formatVariableValue({ type: 'text' }, ' <b>x</b> ', 'en')).toBe('<b>x</b>');
  });
});

describe('default packs render', () => {
  it('every say line of both default packs fills completely from a full form', () => {
    for (const pack of DEFAULT_PACKS) {
      const values = Object.fromEntries(pack.variables.map((variable) => [variable.key, 'X']));
      for (const step of pack.steps) {
        for (const line of step.say ?? []) {
          for (const language of pack.languages) {
            const segments = renderSayLine((line.text as LocalizedText)[language] ?? '', values);
            expect(segments.some((segment) => segment.kind === 'missing')).toBe(false);
            expect(segments.map((segment) => segment.text).join('')).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
          }
        }
      }
    }
  });
});
