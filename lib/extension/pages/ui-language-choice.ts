import type { UiLanguage } from '../../i18n/language';
import type { CompliancePolicyView } from './compliance-client';
import { uiLanguageSetting } from '../shared/settings';

/**
 * The interface language in force for a page about to render: the policy's when it locks `uiLanguage`, else the
 * agent's setting (`auto` follows the browser). Read before the first render, so a page never shows one language
 * and then switches to another.
 */
export async function readUiLanguageChoice(compliancePolicy: () => Promise<CompliancePolicyView>): Promise<UiLanguage | 'auto'> {
  const [own, locks] = await Promise.all([
    uiLanguageSetting.getValue().catch(() => 'auto' as const),
    compliancePolicy().then(
      (view) => view.locks,
      () => undefined,
    ),
  ]);
  return locks?.locked.includes('uiLanguage') ? (locks.values.uiLanguage ?? 'auto') : own;
}
