import { useState } from 'preact/hooks';
import { localize } from '../../lib/packs';
import type { ScriptPack, VariableDefinition } from '../../lib/packs/types';
import { MAX_DEBTOR_REF_CHARS, MAX_VARIABLE_VALUE_CHARS } from '../../lib/protocol/script-messages';
import { usePanelState } from '../side-panel-model';
import type { ScriptState } from './script-state';

/**
 * The per-call form: the debtor/account reference (stored as the call's `debtorRef`) and the pack's variables,
 * which fill the say lines as the agent types. Saved shortly after typing stops.
 */
export function ScriptForm({ state, pack }: { state: ScriptState; pack: ScriptPack }) {
  const { t } = usePanelState();
  const language = state.language.value;
  const values = state.variables.value;
  const missing = pack.variables.filter((variable) => variable.required && !(values[variable.key] ?? '').trim());
  // Closed at first, so the step and the notes share the first screen; the summary names what is missing. After
  // that the agent decides (closing it under their typing would lose focus).
  const [open, setOpen] = useState(false);
  return (
    <details class="script-form" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t.value('script.form')}
        {missing.length > 0 && (
          <span class="script-form__missing">
            {' · '}
            {t.value('script.requiredMissing', {
              fields: missing.map((variable) => localize(variable.label, language, pack)).join(language === 'zh-CN' ? '、' : ', '),
            })}
          </span>
        )}
      </summary>
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
