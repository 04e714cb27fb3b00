import { canonicalJson } from './canonical-json';
import type { ScriptPack } from './types';

/** What changed between two versions of a pack, by id, for "what changed" notices and the lead's diff view. */
export interface PackDiff {
  fromVersion: string;
  toVersion: string;
  steps: { added: string[]; removed: string[]; changed: string[] };
  objections: { added: string[]; removed: string[]; changed: string[] };
  dispositions: { added: string[]; removed: string[]; changed: string[] };
  /** Top-level fields other than the lists above whose value changed (title, compliance, variables, …). */
  otherFields: string[];
}

const LISTS = ['steps', 'objections', 'dispositions'] as const;

/** Compares two packs item by item (matched by id, dispositions by code; content compared as canonical JSON). */
export function diffPacks(from: ScriptPack, to: ScriptPack): PackDiff {
  const diff: PackDiff = {
    fromVersion: from.version,
    toVersion: to.version,
    steps: compareById(from.steps, to.steps, (item) => item.id),
    objections: compareById(from.objections, to.objections, (item) => item.id),
    dispositions: compareById(from.dispositions, to.dispositions, (item) => item.code),
    otherFields: [],
  };
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  for (const key of keys) {
    if ((LISTS as readonly string[]).includes(key) || key === 'version') continue;
    const a = (from as unknown as Record<string, unknown>)[key];
    const b = (to as unknown as Record<string, unknown>)[key];
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) diff.otherFields.push(key);
  }
  diff.otherFields.sort();
  return diff;
}

/** Whether anything at all differs. */
export function isEmptyDiff(diff: PackDiff): boolean {
  return (
    diff.otherFields.length === 0 &&
    LISTS.every((list) => diff[list].added.length + diff[list].removed.length + diff[list].changed.length === 0)
  );
}

function compareById<T>(before: readonly T[], after: readonly T[], idOf: (item: T) => string) {
  const old = new Map(before.map((item) => [idOf(item), canonicalJson(item)]));
  const now = new Map(after.map((item) => [idOf(item), canonicalJson(item)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)),
  };
}
