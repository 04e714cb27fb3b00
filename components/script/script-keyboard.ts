/**
 * The script view's keys. Plain keys work when focus is not in a text field; with Alt+Shift the same keys work
 * everywhere (the agent may be typing in the form or the notes). Ctrl/Cmd combinations are always left to the
 * browser. Physical key codes are read, so the keys stay put on any keyboard layout and with an IME.
 */

/** What a key asks the script view to do. */
export type ScriptKey =
  | { kind: 'next' }
  | { kind: 'back' }
  | { kind: 'choose'; index: number }
  | { kind: 'search' }
  | { kind: 'notes' }
  | { kind: 'checklist' };

/** The parts of a keyboard event the mapping reads. */
export type KeyInput = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'> & {
  isComposing?: boolean;
};

/**
 * Maps a key press to a script key, or `null` to leave it alone.
 * @param typing - Whether focus is in a text field, select or editable element (see {@link isTypingTarget}).
 */
export function readScriptKey(event: KeyInput, typing: boolean): ScriptKey | null {
  if (event.ctrlKey || event.metaKey || event.isComposing) return null;
  const chord = event.altKey && event.shiftKey;
  if (event.altKey && !chord) return null;
  if (typing && !chord) return null;
  const code = event.code;
  if (code === 'ArrowRight') return { kind: 'next' };
  if (code === 'ArrowLeft') return { kind: 'back' };
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  // Shift+digit types symbols; only a plain digit (or the chord) picks an option.
  if (digit && (chord || !event.shiftKey)) return { kind: 'choose', index: Number(digit[1]) - 1 };
  if (code === 'KeyF' || code === 'Slash' || (!chord && event.key === '/')) return { kind: 'search' };
  if (code === 'KeyN') return { kind: 'notes' };
  if (code === 'KeyC') return { kind: 'checklist' };
  return null;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether keys typed at this element are text (so plain shortcut keys must not be taken). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has(((element as HTMLInputElement).type || 'text').toLowerCase());
  return element.isContentEditable === true || element.getAttribute('contenteditable') === 'true';
}
