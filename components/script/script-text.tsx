import { Fragment } from 'preact';
import type { MarkdownBlock, MarkdownInline, SaySegment } from '../../lib/script/render';
import { parseSafeMarkdown } from '../../lib/script/render';

/**
 * Pack text as Preact elements. Every string a pack carries ends up as a text child, never as markup: this is
 * what keeps `<script>` or `<img onerror>` typed into a pack inert.
 */
export function SafeMarkdown({ text, class: className }: { text: string; class?: string }) {
  const blocks = parseSafeMarkdown(text);
  if (blocks.length === 0) return null;
  return (
    <div class={className}>
      {blocks.map((block, index) => (
        <MarkdownBlockView key={index} block={block} />
      ))}
    </div>
  );
}

function MarkdownBlockView({ block }: { block: MarkdownBlock }) {
  if (block.type === 'paragraph') return <p>{renderInline(block.children)}</p>;
  const items = block.items.map((item, index) => <li key={index}>{renderInline(item)}</li>);
  return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

function renderInline(tokens: MarkdownInline[]) {
  return tokens.map((token, index) => {
    switch (token.type) {
      case 'text':
        return <Fragment key={index}>{token.text}</Fragment>;
      case 'bold':
        return <strong key={index}>{renderInline(token.children)}</strong>;
      case 'italic':
        return <em key={index}>{renderInline(token.children)}</em>;
      case 'code':
        return <code key={index}>{token.text}</code>;
      case 'break':
        return <br key={index} />;
      default:
        return null;
    }
  });
}

/**
 * One "say this" line: filled variables are highlighted, unfilled ones show as a visible placeholder so the
 * agent sees the gap instead of reading it aloud.
 */
export function SayLineView({ segments, missingLabel }: { segments: SaySegment[]; missingLabel: (key: string) => string }) {
  return (
    <p class="say">
      {segments.map((segment, index) => {
        if (segment.kind === 'text') return <Fragment key={index}>{segment.text}</Fragment>;
        if (segment.kind === 'variable') {
          return (
            <mark key={index} class="say__var" data-key={segment.key}>
              {segment.text}
            </mark>
          );
        }
        return (
          <span key={index} class="say__missing" data-key={segment.key} title={missingLabel(segment.key ?? '')}>
            {segment.text}
          </span>
        );
      })}
    </p>
  );
}
