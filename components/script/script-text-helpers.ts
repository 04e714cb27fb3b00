import type { Translate } from '../../lib/i18n/ui-messages';
import { localize } from '../../lib/packs';
import type { PackLanguage, ScriptPack } from '../../lib/packs/types';
import type { ScriptRefusalReason } from '../../lib/protocol/script-messages';
import { findCheck } from '../../lib/script/engine';
import { formatVariableValue, renderSayLine, type SaySegment } from '../../lib/script/render';

/** The labels of check ids, in the language shown, joined for a sentence. */
export function checkLabels(pack: ScriptPack, ids: readonly string[], language: PackLanguage): string {
  const separator = language === 'zh-CN' ? '、' : ', ';
  return ids.map((id) => localize(findCheck(pack, id)?.check.label, language, pack) || id).join(separator);
}

/** The localized label of a variable, or its key when the pack has no such variable. */
export function variableLabel(pack: ScriptPack, key: string, language: PackLanguage): string {
  const variable = pack.variables.find((candidate) => candidate.key === key);
  return variable ? localize(variable.label, language, pack) : key;
}

/** Say-line segments with the per-call form's values formatted for the language (money, dates). */
export function sayLineSegments(
  pack: ScriptPack,
  template: string,
  values: Readonly<Record<string, string>>,
  language: PackLanguage,
): SaySegment[] {
  const formatted: Record<string, string> = {};
  for (const variable of pack.variables) {
    const raw = Object.hasOwn(values, variable.key) ? values[variable.key] : undefined;
    if (raw !== undefined) formatted[variable.key] = formatVariableValue(variable, raw, language);
  }
  return renderSayLine(template, formatted, { placeholder: (key) => `[${variableLabel(pack, key, language)}]` });
}

/** Explains a refused action in the agent's language. */
export function refusalText(t: Translate, pack: ScriptPack | undefined, refusal: ScriptRefusalReason, language: PackLanguage): string {
  switch (refusal.reason) {
    case 'gate-locked': {
      const step = pack?.steps.find((candidate) => candidate.id === refusal.stepId);
      const message = step?.gate?.message && pack ? localize(step.gate.message, language, pack) : '';
      const checks = pack ? checkLabels(pack, refusal.missingChecks, language) : refusal.missingChecks.join(', ');
      return [message, t('script.locked', { checks })].filter(Boolean).join(' ');
    }
    case 'required-checks':
      return t('script.refused.required', {
        checks: pack ? checkLabels(pack, refusal.missingChecks, language) : refusal.missingChecks.join(', '),
      });
    case 'choose-an-option': {
      const step = pack?.steps.find((candidate) => candidate.id === refusal.stepId);
      return t('script.refused.choose', { count: step?.choices?.length ?? 1 });
    }
    case 'no-history':
      return t('script.refused.noHistory');
    case 'finished':
      return t('script.refused.finished');
    case 'in-progress':
      return t('script.refused.inProgress');
    default:
      return t('script.refused.other', { reason: refusal.reason });
  }
}
