// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isTypingTarget, readScriptKey, type KeyInput } from '../../../components/script/script-keyboard';

const key = (code: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: code.replace(/^(Digit|Key)/, '').toLowerCase(),
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...extra,
});

describe('script keys', () => {
  it('maps plain keys when not typing', () => {
    expect(readScriptKey(key('ArrowRight'), false)).toEqual({ kind: 'next' });
    expect(readScriptKey(key('ArrowLeft'), false)).toEqual({ kind: 'back' });
    expect(readScriptKey(key('Digit1'), false)).toEqual({ kind: 'choose', index: 0 });
    expect(readScriptKey(key('Numpad9'), false)).toEqual({ kind: 'choose', index: 8 });
    expect(readScriptKey(key('Slash', { key: '/' }), false)).toEqual({ kind: 'search' });
    expect(readScriptKey(key('KeyN'), false)).toEqual({ kind: 'notes' });
    expect(readScriptKey(key('KeyC'), false)).toEqual({ kind: 'checklist' });
    expect(readScriptKey(key('Digit0'), false)).toBeNull();
    expect(readScriptKey(key('KeyQ'), false)).toBeNull();
  });

  it('leaves typing, browser shortcuts and IME composition alone; Alt+Shift works everywhere', () => {
    expect(readScriptKey(key('Digit2'), true)).toBeNull();
    expect(readScriptKey(key('ArrowRight'), true)).toBeNull();
    expect(readScriptKey(key('Digit2', { altKey: true, shiftKey: true }), true)).toEqual({ kind: 'choose', index: 1 });
    expect(readScriptKey(key('KeyF', { altKey: true, shiftKey: true }), true)).toEqual({ kind: 'search' });
    expect(readScriptKey(key('Digit2', { ctrlKey: true }), false)).toBeNull();
    expect(readScriptKey(key('ArrowLeft', { metaKey: true }), false)).toBeNull();
    expect(readScriptKey(key('ArrowLeft', { altKey: true }), false)).toBeNull();
    expect(readScriptKey(key('Digit1', { shiftKey: true, key: '!' }), false)).toBeNull();
    expect(readScriptKey(key('Digit1', { isComposing: true }), false)).toBeNull();
  });

  it('treats text fields, selects and editable elements as typing, checkboxes and buttons not', () => {
    const make = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      return host.firstElementChild;
    };
    expect(isTypingTarget(make('<input type="search">'))).toBe(true);
    expect(isTypingTarget(make('<input>'))).toBe(true);
    expect(isTypingTarget(make('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(make('<select></select>'))).toBe(true);
    expect(isTypingTarget(make('<div contenteditable="true"></div>'))).toBe(true);
    expect(isTypingTarget(make('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(make('<button></button>'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
