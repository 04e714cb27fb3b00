// @vitest-environment happy-dom
import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptStepView } from '../../../components/script/script-step';
import { createPackTemplate } from '../../../lib/packs';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults';
import { PACK_LANGUAGES, type PackLanguage, type ScriptPack, type VariableDefinition } from '../../../lib/packs/types';
import { createScriptProgress } from '../../../lib/script/engine';
import { fakeSidePanelModel, renderInPanel } from '../../fixtures/side-panel';

afterEach(cleanup);

/** A plausible value as the call form stores it (dates `YYYY-MM-DD`, amounts as typed). */
function sample(variable: VariableDefinition, language: PackLanguage): string {
  switch (variable.type) {
    case 'money':
      return '12800.5';
    case 'number':
      return '37';
    case 'date':
      return '2026-12-15';
    default:
      return language === 'zh-CN' ? '张三' : 'Sam Lee';
  }
}

type Fill = 'sample' | 'required only' | 'empty';

function valuesFor(pack: ScriptPack, language: PackLanguage, fill: Fill): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of pack.variables) {
    if (fill === 'sample' || (fill === 'required only' && variable.required)) values[variable.key] = sample(variable, language);
  }
  return values;
}

/** What a sentence must never look like once rendered: gaps and stray marks an empty value would leave. */
const BROKEN: Record<PackLanguage, RegExp[]> = {
  en: [/ {2,}/, / [,.;:!?]/, /[,;:] *[,.;:!?]/, /\(\s*\)/, /^\s*[,.;:]/],
  'zh-CN': [/\s{2,}/, /[，、；：]\s*[。，、；：！？]/, /（\s*）/, /^\s*[，。、；：]/],
};
const ENDS_A_SENTENCE = /[.?!。？！”"’]$/;

/**
 * Every step of both default packs and the new-pack template, in both languages, as the side panel renders it:
 * with every value filled, with only the required values (optional ones empty), and with nothing filled.
 */
describe.each([
  ['onscript.cn-card-loan', cnCardLoanPack],
  ['onscript.us-collections', usCollectionsPack],
  ['the new-pack template', createPackTemplate()],
] as const)('every step of %s renders cleanly', (_name, pack) => {
  const required = new Set(pack.variables.filter((variable) => variable.required).map((variable) => variable.key));
  const keys = pack.variables.map((variable) => variable.key);

  it.each(PACK_LANGUAGES.flatMap((language) => (['sample', 'required only', 'empty'] as const).map((fill) => [language, fill] as const)))(
    'in %s with %s values',
    (language, fill) => {
      const model = fakeSidePanelModel({ browserLanguages: [language] });
      model.script.variables.value = valuesFor(pack, language, fill);
      let lines = 0;
      for (const step of pack.steps) {
        const progress = { ...createScriptProgress(pack, 0), currentStepId: step.id };
        const { container, unmount } = renderInPanel(model, <ScriptStepView state={model.script} pack={pack} progress={progress} />);
        const where = `${step.id} (${language}, ${fill})`;
        const section = container.querySelector(`[data-step-id="${step.id}"]`);
        expect(section, where).not.toBeNull();
        // No template syntax ever reaches the agent, and no raw variable key such as [debt.interest].
        expect(section?.textContent, where).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
        for (const key of keys) expect(section?.textContent, where).not.toContain(`[${key}]`);
        for (const say of container.querySelectorAll('.script-say .say')) {
          lines += 1;
          const text = say.textContent ?? '';
          expect(text.trim(), where).not.toBe('');
          expect(text, `${where}: "${text}"`).toMatch(ENDS_A_SENTENCE);
          for (const broken of BROKEN[language]) expect(text, `${where}: "${text}"`).not.toMatch(broken);
          // Only a required value may show as a gap, and only when it is really missing.
          for (const gap of say.querySelectorAll('.say__missing')) {
            const key = gap.getAttribute('data-key') ?? '';
            expect(required.has(key), `${where}: optional {{${key}}} shown as a gap in "${text}"`).toBe(true);
            expect(fill, `${where}: {{${key}}} shown as a gap in "${text}"`).toBe('empty');
          }
        }
        unmount();
      }
      expect(lines).toBeGreaterThan(pack.steps.length / 2);
    },
  );
});
