/**
 * Phone numbers as dialers report them (`sip:+1555…@host;user=phone`, `tel:` URIs, `0086 138-0013-8000`,
 * full-width digits typed through a Chinese IME) normalized to E.164 with libphonenumber-js, keeping
 * the raw string so nothing is lost when normalization cannot decide.
 */
// The max flavour, as lib/compliance/time-zones.ts needs (number types): one metadata set in the worker, not two.
import { parsePhoneNumberFromString, type CountryCode } from '../phone/libphonenumber';

/** A number as seen and, where possible, as E.164. */
export interface NormalizedNumber {
  /** The input exactly as given (capped at {@link MAX_RAW_NUMBER_LENGTH} characters). */
  raw: string;
  /** E.164 (`+8613800138000`) when the digits form a number libphonenumber-js can place. */
  e164?: string;
  /** ISO 3166-1 alpha-2 region of the number, when known. */
  country?: string;
  /** Whether the number is a valid, dialable number for its region (per libphonenumber-js metadata). */
  valid: boolean;
}

/** Longest raw input kept; anything longer is no phone number. */
export const MAX_RAW_NUMBER_LENGTH = 256;

/**
 * Normalizes a phone number from any detection layer.
 *
 * Steps: strip a `sip:`/`sips:`/`tel:` scheme, the `@host` part and URI parameters (`;user=phone`,
 * `;phone-context=…`); fold full-width characters (NFKC); drop a trunk `(0)` written after a country
 * code; read a leading `00` as the international prefix `+` (a national number never starts with 00
 * in the regions our agents call, and libphonenumber-js only knows `00` when the default region uses
 * it: the US uses 011); then let libphonenumber-js parse with `defaultRegion` for national forms.
 *
 * @param raw the number as signaled
 * @param defaultRegion the agent's region from settings, e.g. `'CN'`, `'US'`; used for national forms
 */
export function normalizeNumber(raw: string, defaultRegion?: string): NormalizedNumber {
  const kept = typeof raw === 'string' ? raw.slice(0, MAX_RAW_NUMBER_LENGTH) : '';
  if (typeof raw !== 'string' || raw.length > MAX_RAW_NUMBER_LENGTH) return { raw: kept, valid: false };

  const candidate = extractDialString(raw);
  if (!candidate) return { raw: kept, valid: false };

  const region = isRegionCode(defaultRegion) ? (defaultRegion.toUpperCase() as CountryCode) : undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(candidate, region);
  } catch {
    parsed = undefined;
  }
  if (!parsed) return { raw: kept, valid: false };

  const result: NormalizedNumber = { raw: kept, e164: parsed.number, valid: parsed.isValid() };
  if (parsed.country) result.country = parsed.country;
  return result;
}

/**
 * The dialable part of a URI or free-form number: digits with an optional leading `+`, or
 * `undefined` when there is nothing number-like (e.g. `sip:alice@pbx`, `client:agent7`).
 */
export function extractDialString(raw: string): string | undefined {
  let text = raw.normalize('NFKC').trim();

  const scheme = /^(sips?|tel):/i.exec(text);
  if (scheme) {
    text = text.slice(scheme[0].length);
    // URI parameters and headers never belong to the number.
    text = text.split(/[;?]/, 1)[0] ?? '';
    if (scheme[1]!.toLowerCase() !== 'tel') text = text.split('@', 1)[0] ?? '';
  } else {
    // Display forms like `"Bob" <sip:+1555…@host>` or `Bob <+1555…>`.
    const bracket = /<([^>]*)>/.exec(text);
    if (bracket) return extractDialString(bracket[1] ?? '');
    text = text.split(';', 1)[0] ?? '';
  }

  // A URI user part may be percent-encoded (`%2B1555…`).
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }

  // `+44 (0)20 …`: the trunk prefix in brackets after a country code is not dialed internationally.
  text = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const compact = text.replace(/[\s\u00a0.\-()/\\]/g, '');
  if (!/^\+?\d{3,20}$/.test(compact)) return undefined;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  return compact;
}

function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value);
}
