import { localize } from '../../lib/packs';
import type { ScriptPack } from '../../lib/packs/types';
import { outstandingRequiredChecks, type ScriptProgress } from '../../lib/script/engine';
import { usePanelState } from '../side-panel-model';
import { checkLabels } from './script-text-helpers';
import type { ScriptState } from './script-state';

/**
 * The end of the script: the outcome chosen (with a way back in), or, once the call has ended without one, the
 * pack's dispositions to choose from. Required checks left undone are listed, not enforced: a wrong-person call
 * legitimately skips them.
 */
export function ScriptWrapUp({ state, pack, progress, callEnded }: { state: ScriptState; pack: ScriptPack; progress: ScriptProgress; callEnded: boolean }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const outstanding = outstandingRequiredChecks(pack, progress);
  const chosen = progress.disposition ? pack.dispositions.find((disposition) => disposition.code === progress.disposition?.code) : undefined;
  return (
    <section class="script-wrap-up" aria-labelledby="script-wrap-up-title">
      <h3 id="script-wrap-up-title" tabIndex={-1}>
        {t.value('script.wrapUp')}
      </h3>
      {progress.disposition ? (
        <p class="script-outcome" data-testid="script-outcome" data-code={progress.disposition.code}>
          {t.value('script.outcomeChosen', { label: chosen ? localize(chosen.label, language, pack) : progress.disposition.code })}
        </p>
      ) : null}
      {outstanding.length > 0 && (
        <p class="script-outstanding" role="note">
          {t.value('script.outstanding', { checks: checkLabels(pack, outstanding, language) })}
        </p>
      )}
      {!progress.disposition && callEnded && (
        <div class="script-dispositions" role="group" aria-label={t.value('script.chooseOutcome')}>
          <p class="muted">{t.value('script.chooseOutcome')}</p>
          <ul>
            {pack.dispositions.map((disposition) => (
              <li key={disposition.code}>
                <button type="button" data-code={disposition.code} onClick={() => void state.act({ type: 'finish', disposition: disposition.code })}>
                  {localize(disposition.label, language, pack)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {progress.disposition && (
        <button type="button" aria-keyshortcuts="ArrowLeft" onClick={() => void state.act({ type: 'back' })}>
          {t.value('script.reopen')}
        </button>
      )}
    </section>
  );
}
