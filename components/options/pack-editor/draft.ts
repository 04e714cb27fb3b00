import type { PackLanguage } from '../../../lib/packs/types';

/**
 * The pack as the form edits it: whatever the JSON text parses to, not yet checked by `parsePack`. The form
 * must keep working on packs that are still wrong (an unknown `next`, a missing title) so their errors can be
 * shown with paths, so nothing here assumes the shape is valid: readers fall back to empty values, and writers
 * change only the path they touch and keep every other field exactly as the lead wrote it.
 */
export type PackDraft = Record<string, unknown>;

/** A location in the draft: object keys and array indexes. */
export type DraftPath = readonly (string | number)[];

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The draft a JSON text describes, or undefined when the text does not parse to an object. */
export function readDraft(text: string): PackDraft | undefined {
  if (!text.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON text the form writes back into the raw editor (the same layout the starters use). */
export function writeDraft(draft: PackDraft): string {
  return JSON.stringify(draft, null, 2);
}

/** The value at a path, or undefined when any part of it is missing or of another kind. */
export function valueAt(root: unknown, path: DraftPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** A string field, or `''` when it is absent or not a string. */
export function stringAt(root: unknown, path: DraftPath): string {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : '';
}

/** An array field, or `[]` when it is absent or not an array. */
export function listAt(root: unknown, path: DraftPath): unknown[] {
  const value = valueAt(root, path);
  return Array.isArray(value) ? value : [];
}

/**
 * A copy of `root` with the value at `path` replaced by `change(current)`. Returning undefined from `change`
 * deletes an object key (optional fields disappear rather than being written as empty). Missing containers
 * along the path are created.
 */
export function updateAt(root: unknown, path: DraftPath, change: (current: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(root);
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    list[head] = updateAt(list[head], rest, change);
    return list;
  }
  const record: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const next = updateAt(Object.hasOwn(record, head) ? record[head] : undefined, rest, change);
  if (next === undefined) delete record[head];
  else record[head] = next;
  return record;
}

/** {@link updateAt} on a whole draft. */
export function updateDraft(draft: PackDraft, path: DraftPath, change: (current: unknown) => unknown): PackDraft {
  const next = updateAt(draft, path, change);
  return isRecord(next) ? next : {};
}

/**
 * A localized text with one language set. Clearing a language removes its key; an optional text with no
 * language left is removed altogether, a required one stays as `{}` so `parsePack` names what is missing.
 */
export function withLanguage(current: unknown, language: PackLanguage, text: string, optional: boolean): unknown {
  const next: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  if (text === '') delete next[language];
  else next[language] = text;
  return optional && Object.keys(next).length === 0 ? undefined : next;
}

/** An optional list with an item appended. */
export function appendItem(current: unknown, item: unknown): unknown[] {
  return [...(Array.isArray(current) ? current : []), item];
}

/** An optional list without the item at `index`; the list itself goes away when it empties. */
export function removeItem(current: unknown, index: number): unknown[] | undefined {
  const list = Array.isArray(current) ? current.filter((_, position) => position !== index) : [];
  return list.length > 0 ? list : undefined;
}

/** A list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem(current: unknown, from: number, to: number): unknown[] {
  const list = Array.isArray(current) ? [...current] : [];
  if (from < 0 || from >= list.length) return list;
  const target = Math.max(0, Math.min(list.length - 1, to));
  const [item] = list.splice(from, 1);
  list.splice(target, 0, item);
  return list;
}

/** A step id not yet used in the draft, for a newly added step. */
export function freshStepId(draft: PackDraft): string {
  const taken = new Set(listAt(draft, ['steps']).map((step) => stringAt(step, ['id'])));
  let counter = taken.size + 1;
  while (taken.has(`step-${counter}`)) counter += 1;
  return `step-${counter}`;
}

/** Every check id the draft declares, in step order, without duplicates. */
export function draftCheckIds(draft: PackDraft): string[] {
  const ids = new Set<string>();
  for (const step of listAt(draft, ['steps'])) {
    for (const check of listAt(step, ['checks'])) {
      const id = stringAt(check, ['id']);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
