/**
 * Script packs: format v1 types, validation, Ed25519 signing and the update policy. Pure and importable from
 * Node (the CLI and tests) as well as from the extension.
 */
import type { LocalizedText, PackLanguage, ScriptPack } from './types.ts';

export * from './types.ts';
export { parsePack, findReachableStepIds, listPlaceholders, PACK_LIMITS } from './parse.ts';
export { MAX_PACK_BYTES, MAX_PACK_DEPTH, FORBIDDEN_KEYS } from './json-guard.ts';
export { checkDebtGates, debtVariablesOf, hasDebtGate, requiredDebtGate } from './gates.ts';
export { splitSayTemplate, type SayTemplatePart, type SayTemplateSplit } from './say-template.ts';
export { createPackTemplate } from './template.ts';
export { canonicalJson } from './canonical-json.ts';
export {
  generateKeyPair,
  signPack,
  verifySignedPack,
  readPublicKey,
  readPrivateKey,
  publicKeyFor,
  deriveKeyId,
  type SignPackResult,
  type KeyReadResult,
} from './signing.ts';
export {
  comparePackVersions,
  decidePackUpdate,
  isSemver,
  type PackUpdateInput,
  type PackUpdateDecision,
  type PackUpdateReason,
} from './versions.ts';
export * from './subscription.ts';
export { findDispositionFlags, type DispositionRef } from './disposition-flags.ts';

/**
 * Picks the text to show: the requested language, else the pack's default language, else any translation.
 * Packs from `parsePack` carry every declared language, so the fallbacks matter only for undeclared UI languages.
 */
export function localize(text: LocalizedText | undefined, language: PackLanguage, pack?: Pick<ScriptPack, 'defaultLanguage'>): string {
  if (!text) return '';
  return text[language] ?? (pack ? text[pack.defaultLanguage] : undefined) ?? text.en ?? text['zh-CN'] ?? '';
}
