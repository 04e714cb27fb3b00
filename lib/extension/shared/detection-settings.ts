import { DEFAULT_DOM_RULES } from '../../detection/default-dom-rules';
import { parseDomRules, type DomRule } from '../../detection/dom-rules';
import { compileMatchPattern } from '../../detection/match-patterns';
import type { VendorId } from '../../detection/types';
import { VENDOR_IDS } from '../../detection/vendor-events';

/**
 * Detection settings: the dialers OnScript knows, the agent's default region for phone numbers, and the DOM
 * rules (data, so script packs can replace them without a release).
 *
 * Which origins detection runs on is not a setting but the browser's own record of granted optional host
 * permissions: a page the user never enabled has no content script at all (see detection-registration.ts).
 */

/** The known dialers are declared by the vendor modules and derived in their registry. */
export { KNOWN_DIALERS, type KnownDialer } from '../../detection/vendors';

/** The stored DOM rules when they validate, else the shipped defaults. */
export function domRulesFrom(stored: unknown): readonly DomRule[] {
  if (stored === null || stored === undefined) return DEFAULT_DOM_RULES;
  const parsed = parseDomRules(stored);
  return parsed.ok ? parsed.rules : DEFAULT_DOM_RULES;
}

/** What the user types in "add an origin" (and what a policy lists) as a host permission pattern. */
export { originPatternFromInput } from '../../detection/dialer-access';


/** Most patterns accepted per vendor from storage. */
export const MAX_VENDOR_PATTERNS = 10;

/** The stored vendor origin overrides, keeping only known vendors and patterns that compile. */
export function vendorOriginsFrom(stored: unknown): Partial<Record<VendorId, readonly string[]>> {
  const out: Partial<Record<VendorId, readonly string[]>> = {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return out;
  for (const vendor of VENDOR_IDS) {
    if (!Object.prototype.hasOwnProperty.call(stored, vendor)) continue;
    const patterns: unknown = (stored as Record<string, unknown>)[vendor];
    if (!Array.isArray(patterns)) continue;
    const valid = patterns
      .slice(0, MAX_VENDOR_PATTERNS)
      .filter((p): p is string => typeof p === 'string' && typeof compileMatchPattern(p) !== 'string');
    if (valid.length > 0) out[vendor] = valid;
  }
  return out;
}
