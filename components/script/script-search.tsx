import { localize } from '../../lib/packs';
import type { ScriptPack } from '../../lib/packs/types';
import { searchForbiddenPhrases } from '../../lib/script/forbidden-phrases';
import { searchObjections } from '../../lib/script/search';
import { usePanelState } from '../side-panel-model';
import { SafeMarkdown } from './script-text';
import type { ScriptState } from './script-state';

/** Id of the objection search box, for the "/" key and the focus-search command. */
export const SEARCH_INPUT_ID = 'onscript-script-search';
/** Answers shown at once; the narrow panel has no room for more. */
const HITS_SHOWN = 5;

/**
 * The objection / FAQ library: a search box and the best answers, each with an optional jump to a step. The
 * pack's forbidden phrases that match come first, as "never say" entries with the rule behind them.
 */
export function ObjectionSearch({ state, pack, canJump }: { state: ScriptState; pack: ScriptPack; canJump: boolean }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const query = state.query.value;
  const hits = query.trim() === '' ? [] : searchObjections(pack, query, language).slice(0, HITS_SHOWN);
  const never = searchForbiddenPhrases(pack, query, language).slice(0, HITS_SHOWN);
  if (pack.objections.length === 0 && (pack.forbiddenPhrases ?? []).length === 0) return null;
  return (
    <section class="script-search" aria-labelledby="script-search-title">
      <h3 id="script-search-title">{t.value('script.search')}</h3>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        aria-label={t.value('script.searchLabel')}
        aria-describedby="script-search-hint"
        aria-controls="script-search-results"
        value={query}
        onInput={(event) => (state.query.value = event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') state.query.value = '';
        }}
      />
      <small id="script-search-hint" class="muted">
        {t.value('script.searchHint')}
      </small>
      <div id="script-search-results" aria-live="polite">
        {query.trim() !== '' && hits.length === 0 && never.length === 0 && <p class="muted">{t.value('script.noHits')}</p>}
        {never.length > 0 && (
          <ul class="script-hits" aria-label={t.value('script.neverSay')}>
            {never.map((phrase) => (
              <li key={phrase.id} class="script-hit script-hit--never" data-testid="script-never-say">
                <strong class="script-hit__question">
                  {t.value('script.neverSay')}: {localize(phrase.phrase, language, pack)}
                </strong>
                <p class="script-hit__answer">{t.value('script.neverSayWhy', { reason: localize(phrase.reason, language, pack) })}</p>
              </li>
            ))}
          </ul>
        )}
        {hits.length > 0 && (
          <ul class="script-hits">
            {hits.map(({ objection }) => {
              const target = objection.goTo ? pack.steps.find((step) => step.id === objection.goTo) : undefined;
              return (
                <li key={objection.id} class="script-hit">
                  <strong class="script-hit__question">{localize(objection.question, language, pack)}</strong>
                  <SafeMarkdown class="script-hit__answer" text={localize(objection.answer, language, pack)} />
                  {canJump && target && (
                    <button type="button" onClick={() => void state.act({ type: 'goTo', stepId: target.id })}>
                      {t.value('script.goTo', { step: localize(target.title, language, pack) })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
