/**
 * Search in a pack's objection / FAQ library, fast enough to run on every keystroke in the side panel.
 */
import type { Objection, PackLanguage, ScriptPack } from '../packs/types.ts';
import { normalizeForMatch } from './forbidden-phrases.ts';

/** One search hit, best first. */
export interface ObjectionHit {
  objection: Objection;
  score: number;
}

/** NFKC and lower case: full-width ASCII from Chinese input methods matches half-width. */
const normalize = normalizeForMatch;

/**
 * Finds objections matching every word of the query (words split on spaces; Chinese is matched as substrings
 * since it has no spaces). Tags rank above questions, questions above answers. An empty query lists all, in
 * pack order.
 * @param language - The language shown; the other languages still match, ranked lower.
 */
export function searchObjections(pack: Pick<ScriptPack, 'objections'>, query: string, language: PackLanguage): ObjectionHit[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return pack.objections.map((objection) => ({ objection, score: 0 }));
  const hits: ObjectionHit[] = [];
  for (const objection of pack.objections) {
    const tags = objection.tags.map(normalize);
    const question = normalize(objection.question[language] ?? '');
    const answer = normalize(objection.answer[language] ?? '');
    const others = normalize(
      Object.entries(objection.question)
        .concat(Object.entries(objection.answer))
        .filter(([key]) => key !== language)
        .map(([, value]) => value ?? '')
        .join(' '),
    );
    let score = 0;
    let all = true;
    for (const word of words) {
      let best = 0;
      if (tags.some((tag) => tag === word)) best = 8;
      else if (tags.some((tag) => tag.includes(word))) best = 6;
      if (question.includes(word)) best = Math.max(best, 5);
      if (answer.includes(word)) best = Math.max(best, 2);
      if (best === 0 && others.includes(word)) best = 1;
      if (best === 0) {
        all = false;
        break;
      }
      score += best;
    }
    if (all) hits.push({ objection, score });
  }
  // Stable: equal scores keep pack order.
  return hits.sort((a, b) => b.score - a.score);
}
