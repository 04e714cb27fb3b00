/**
 * Reasons as data: a catalog key and its values, rendered in either language by the same templates. The engine
 * states every reason this way; results carry the English text (the record's evidence, read by leads and tests) and
 * the structured reason (what the side panel renders in the agent's language, reason-text.ts).
 *
 * Only the English templates are imported here: the engine (and so the worker) renders nothing else.
 */
import { complianceReasonsEnglish, type ComplianceReasonKey } from '../i18n/catalogs/compliance-reasons-en';

/** A value of a reason: text, a number, another reason, or a list of reasons (joined). */
export type ReasonValue = string | number | Reason | readonly Reason[];

/** One reason: what to say, and the values to say it with. */
export interface Reason {
  key: ComplianceReasonKey;
  params?: Readonly<Record<string, ReasonValue>>;
}

/** The languages reasons are written in. */
export type ReasonLanguage = 'en' | 'zh-CN';

/** Whether a string is a key of the reasons catalog (for keys built from ids, such as a shipped cap's label). */
export function isReasonKey(key: string): key is ComplianceReasonKey {
  return Object.hasOwn(complianceReasonsEnglish, key);
}

/** The English template of a key: what a shipped label is compared with (caps.ts). */
export function englishTemplate(key: ComplianceReasonKey): string {
  return complianceReasonsEnglish[key];
}

/** Builds a reason. */
export function reason(key: ComplianceReasonKey, params?: Readonly<Record<string, ReasonValue>>): Reason {
  return params ? { key, params } : { key };
}

/** A reason that is already text (from a source that has no key yet): shown as it is in every language. */
export function textReason(text: string): Reason {
  return { key: 'reason.text', params: { text } };
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Reason).key === 'string';
}

/**
 * Renders a reason with one language's templates (a key the language lacks falls back to English); values that are
 * reasons are rendered first, lists joined with `separator`.
 */
export function renderReasonWith(templates: Readonly<Partial<Record<ComplianceReasonKey, string>>>, separator: string, subject: Reason): string {
  const template: string = templates[subject.key] ?? complianceReasonsEnglish[subject.key] ?? subject.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = subject.params?.[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.map((item: Reason) => renderReasonWith(templates, separator, item)).join(separator);
    if (isReason(value)) return renderReasonWith(templates, separator, value);
    return String(value);
  });
}

/** The English text of a reason, as results and records keep it. */
export function englishReason(subject: Reason): string {
  return renderReasonWith(complianceReasonsEnglish, '; ', subject);
}

/** The English text of reasons, as results and records keep them. */
export function englishReasons(reasons: readonly Reason[]): string[] {
  return reasons.map(englishReason);
}
