import { complianceReasonsCatalog } from '../i18n/catalogs/compliance-reasons';
import { englishReason, renderReasonWith, type Reason, type ReasonLanguage } from './reasons';

/**
 * Renders a reason in a language, as the side panel shows it; values that are reasons are rendered first, lists
 * joined. Apart from reasons.ts so that what renders only English (the engine, the worker) does not bundle the
 * Chinese templates.
 */
export function renderReason(subject: Reason, language: ReasonLanguage): string {
  return language === 'en' ? englishReason(subject) : renderReasonWith(complianceReasonsCatalog[language], '；', subject);
}
