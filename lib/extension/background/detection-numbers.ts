import { normalizeNumber } from '../../detection/numbers';

/**
 * The background's number normalization, apart from detection-settings.ts so the content-script bridge (which
 * reads those settings) does not carry libphonenumber-js's metadata into every dialer page.
 */

/** The remote number in E.164 under the agent's region, or `undefined` when it is no phone number. */
export function toE164(raw: string, region: string): string | undefined {
  if (!raw) return undefined;
  return normalizeNumber(raw, region || undefined).e164;
}
