/**
 * Finding a pack's forbidden phrases (things agents must never say) in text the agent typed: the call notes and
 * the objection search. Pure and small: it runs on every keystroke.
 */
import type { ForbiddenPhrase, PackLanguage, ScriptPack } from '../packs/types.ts';

// Zero-width characters an input method or a paste can leave inside a word.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const TYPOGRAPHIC_APOSTROPHE = /[\u2018\u2019\u02bc\uff07]/g;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const LATIN_EDGE = /[a-z0-9]/;

/**
 * Text folded for matching: Unicode NFKC (full-width letters and digits, compatibility forms), lower case,
 * invisible characters dropped, curly apostrophes made straight, and runs of white space as one space.
 */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(TYPOGRAPHIC_APOSTROPHE, "'").toLowerCase().replace(/\s+/g, ' ');
}

/** One forbidden phrase found in a text, by the first of its terms that occurs. */
export interface ForbiddenPhraseMatch {
  phrase: ForbiddenPhrase;
  /** The term as the pack writes it. */
  term: string;
}

/**
 * Whether `term` occurs in `text` (both already normalized). Terms that start or end with a Latin letter or
 * digit must stand as whole words there ("sue" is not found in "issue"); Chinese has no spaces, so other terms
 * match anywhere.
 */
function occurs(text: string, term: string): boolean {
  if (term === '') return false;
  const wholeStart = LATIN_EDGE.test(term[0] as string);
  const wholeEnd = LATIN_EDGE.test(term[term.length - 1] as string);
  let at = text.indexOf(term);
  while (at !== -1) {
    const before = text[at - 1];
    const after = text[at + term.length];
    const startOk = !wholeStart || before === undefined || !WORD_CHARACTER.test(before);
    const endOk = !wholeEnd || after === undefined || !WORD_CHARACTER.test(after);
    if (startOk && endOk) return true;
    at = text.indexOf(term, at + 1);
  }
  return false;
}

/**
 * The forbidden phrases whose terms occur in `text`, in pack order, each once.
 * @param text - What the agent wrote (notes), any length; it is normalized here.
 * @param phrases - The pack's `forbiddenPhrases`.
 */
export function findForbiddenPhrases(text: string, phrases: readonly ForbiddenPhrase[]): ForbiddenPhraseMatch[] {
  const normalized = normalizeForMatch(text);
  if (normalized.trim() === '') return [];
  const matches: ForbiddenPhraseMatch[] = [];
  for (const phrase of phrases) {
    const term = phrase.terms.find((candidate) => occurs(normalized, normalizeForMatch(candidate).trim()));
    if (term !== undefined) matches.push({ phrase, term });
  }
  return matches;
}

/**
 * The forbidden phrases a search in the objection library brings up: every word of the query occurs in one of
 * the entry's terms or in its example sentence (in any language). An empty query brings up none: these entries
 * answer a question, they are not a list to scroll.
 */
export function searchForbiddenPhrases(pack: Pick<ScriptPack, 'forbiddenPhrases'>, query: string, language: PackLanguage): ForbiddenPhrase[] {
  const words = normalizeForMatch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  return (pack.forbiddenPhrases ?? [])
    .map((phrase) => {
      const terms = phrase.terms.map((term) => normalizeForMatch(term));
      const shown = normalizeForMatch(phrase.phrase[language] ?? '');
      const others = normalizeForMatch(Object.values(phrase.phrase).join(' '));
      let score = 0;
      for (const word of words) {
        if (terms.some((term) => term === word)) score += 3;
        else if (terms.some((term) => term.includes(word)) || shown.includes(word)) score += 2;
        else if (others.includes(word)) score += 1;
        else return { phrase, score: 0 };
      }
      return { phrase, score };
    })
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((hit) => hit.phrase);
}
