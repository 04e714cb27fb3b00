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

/** A dialer OnScript knows how to read, offered with an Enable button on the options page. */
export interface KnownDialer {
  id: string;
  /** Product name; not translated. */
  name: string;
  /** Host permission patterns to request for it. */
  matches: readonly string[];
  /** What detection reads there. */
  layer: 'signaling' | 'cti' | 'dom';
}

/**
 * Dialers whose pages OnScript can read once enabled. CTI vendors post events from their iframe to the page that
 * embeds it, so a CRM embedding one must be enabled with "add an origin"; the entries here cover the vendors'
 * own web apps and iframes (detection runs in every frame of an enabled origin).
 */
export const KNOWN_DIALERS: readonly KnownDialer[] = Object.freeze([
  { id: 'twilio-flex', name: 'Twilio Flex', matches: ['https://flex.twilio.com/*'], layer: 'signaling' },
  { id: 'ringcentral', name: 'RingCentral Embeddable', matches: ['https://apps.ringcentral.com/*'], layer: 'cti' },
  { id: 'aircall', name: 'Aircall Workspace', matches: ['https://workspace.aircall.io/*'], layer: 'cti' },
  {
    id: 'amazon-connect',
    name: 'Amazon Connect CCP',
    matches: ['https://*.my.connect.aws/*', 'https://*.awsapps.com/*'],
    layer: 'cti',
  },
  { id: 'zoom-phone', name: 'Zoom Phone Smart Embed', matches: ['https://applications.zoom.us/*'], layer: 'cti' },
  { id: 'genesys-cloud', name: 'Genesys Cloud', matches: ['https://apps.mypurecloud.com/*'], layer: 'cti' },
]);



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
