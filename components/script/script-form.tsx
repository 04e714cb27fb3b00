import { localize } from '../../lib/packs';
import type { ScriptPack, VariableDefinition } from '../../lib/packs/types';
import { MAX_DEBTOR_REF_CHARS, MAX_VARIABLE_VALUE_CHARS } from '../../lib/protocol/script-messages';
import { usePanelState } from '../side-panel-model';
import type { ScriptState } from './script-state';
import { DEBTOR_REF_FIELD, type PageValueOffer } from '../../lib/script/page-values';

/** Id of the call details form, which "Review" on the page's values opens. */
export const SCRIPT_FORM_ID = 'onscript-call-details';

/**
 * The per-call form: the debtor/account reference (stored as the call's `debtorRef`) and the pack's variables,
 * which fill the say lines as the agent types. Saved shortly after typing stops.
 */
export function ScriptForm({ state, pack }: { state: ScriptState; pack: ScriptPack }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const values = state.variables.value;
  const offers = state.pageOffers.value;
  const missing = pack.variables.filter((variable) => variable.required && !(values[variable.key] ?? '').trim());
  // Closed at first (state.formOpen), so the step and the notes share the first screen; the summary names what is
  // missing. After that the agent decides (closing it under their typing would lose focus).
  return (
    <details
      class="script-form"
      id={SCRIPT_FORM_ID}
      open={state.formOpen.value}
      onToggle={(event) => (state.formOpen.value = event.currentTarget.open)}
    >
      <summary>
        {t.value('script.form')}
        {offers.length > 0 && (
          <span class="script-form__offers-count" data-testid="script-page-offers-count">
            {' · '}
            {t.value('script.pageOffers.count', { count: String(offers.length) })}
          </span>
        )}
        {missing.length > 0 && (
          <span class="script-form__missing">
            {' · '}
            {t.value('script.requiredMissing', {
              fields: missing.map((variable) => localize(variable.label, language, pack)).join(language === 'zh-CN' ? '、' : ', '),
            })}
          </span>
        )}
      </summary>
      {offers.length > 0 && <PageOffers state={state} pack={pack} offers={offers} />}
      <div class="script-form__fields">
        <label>
          <span>{t.value('script.debtorRef')}</span>
          <input
            type="text"
            name="debtorRef"
            maxLength={MAX_DEBTOR_REF_CHARS}
            autocomplete="off"
            value={state.debtorRef.value}
            onInput={(event) => state.setDebtorRef(event.currentTarget.value)}
          />
        </label>
        {pack.variables.map((variable) => (
          <VariableField key={variable.key} state={state} pack={pack} variable={variable} value={values[variable.key] ?? ''} />
        ))}
      </div>
    </details>
  );
}

/**
 * What the open page shows for the form, each with the page's text beside the value it becomes, for the agent to
 * confirm one by one or all at once. Page text is untrusted: it is only ever rendered as text.
 */
function PageOffers({ state, pack, offers }: { state: ScriptState; pack: ScriptPack; offers: readonly PageValueOffer[] }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const labelOf = (key: string) => {
    if (key === DEBTOR_REF_FIELD) return t.value('script.debtorRef');
    const variable = pack.variables.find((candidate) => candidate.key === key);
    return variable ? localize(variable.label, language, pack) : key;
  };
  return (
    <section class="script-form__offers" aria-labelledby="script-page-offers-title" data-testid="script-page-offers">
      <p id="script-page-offers-title">{t.value('script.pageOffers.title')}</p>
      <ul aria-label={t.value('script.pageOffers.list')}>
        {offers.map((offer) => (
          <li key={offer.key}>
            <span class="script-form__offer-label">{labelOf(offer.key)}</span>
            <span class="script-form__offer-value">{offer.shown}</span>
            <button
              type="button"
              aria-label={t.value('script.pageOffers.useLabel', { value: offer.shown, label: labelOf(offer.key) })}
              onClick={(event) => {
                const form = event.currentTarget.closest('details');
                state.acceptPageValues([offer.key]);
                // The row goes away with the offer: keep the keyboard where the value landed.
                focusField(form, offer.key === DEBTOR_REF_FIELD ? 'debtorRef' : offer.key);
              }}
            >
              {t.value('script.pageOffers.use')}
            </button>
          </li>
        ))}
      </ul>
      {offers.length > 1 && (
        <button
          type="button"
          class="script-form__offers-all"
          onClick={(event) => {
            const form = event.currentTarget.closest('details');
            const first = offers[0]!.key;
            state.acceptPageValues();
            focusField(form, first === DEBTOR_REF_FIELD ? 'debtorRef' : first);
          }}
        >
          {t.value('script.pageOffers.useAll')}
        </button>
      )}
    </section>
  );
}

function focusField(form: Element | null, name: string): void {
  // After the render that removed the button.
  setTimeout(() => form?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)?.focus(), 0);
}

function VariableField({ state, pack, variable, value }: { state: ScriptState; pack: ScriptPack; variable: VariableDefinition; value: string }) {
  const language = state.language.value;
  const helpId = `script-var-${variable.key.replace(/\./g, '-')}-help`;
  const inputMode = variable.type === 'money' ? 'decimal' : variable.type === 'number' ? 'numeric' : undefined;
  return (
    <label>
      <span>
        {localize(variable.label, language, pack)}
        {variable.required && <span aria-hidden="true"> *</span>}
        {variable.currency && <span class="muted"> ({variable.currency})</span>}
      </span>
      <input
        type={variable.type === 'date' ? 'date' : 'text'}
        name={variable.key}
        inputMode={inputMode}
        maxLength={MAX_VARIABLE_VALUE_CHARS}
        autocomplete="off"
        required={variable.required}
        aria-describedby={variable.help ? helpId : undefined}
        value={value}
        onInput={(event) => state.setVariable(variable.key, event.currentTarget.value)}
      />
      {variable.help && (
        <small id={helpId} class="muted">
          {localize(variable.help, language, pack)}
        </small>
      )}
    </label>
  );
}
