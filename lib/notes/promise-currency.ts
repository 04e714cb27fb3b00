import countryToCurrency from 'country-to-currency';
import { parsePhoneNumberFromString } from '../phone/libphonenumber';
import type { ScriptPack } from '../packs/types.ts';

/** What the promise currency is chosen from; every part optional. */
export interface PromiseCurrencyInput {
  /** ISO 3166-1 alpha-2 of where the agent or the page says the debtor is. */
  country?: string;
  /** The debtor's number in E.164 (`+44…`): its country code names a country. */
  phoneE164?: string;
  /** The call's script pack: its money variables name the debt's currency. */
  pack?: Pick<ScriptPack, 'variables'>;
}

/**
 * The currency a promise to pay starts in, for the agent to confirm: the debtor's country's (the location the agent
 * entered, else the number's country code; country-to-currency's ISO 4217 map), else the currency the pack's
 * money variables declare, else `undefined` (the field keeps what it had). A US number gets USD, not the CNY a
 * Chinese pack or the old fixed default would give.
 */
export function promiseCurrencyFor(input: PromiseCurrencyInput): string | undefined {
  const country = input.country?.trim().toUpperCase() || countryOfNumber(input.phoneE164);
  const fromCountry = country ? (countryToCurrency as Record<string, string | undefined>)[country] : undefined;
  if (fromCountry) return fromCountry;
  return input.pack?.variables.find((variable) => variable.type === 'money' && variable.currency)?.currency;
}

function countryOfNumber(phone: string | undefined): string | undefined {
  if (!phone || !phone.startsWith('+')) return undefined;
  return parsePhoneNumberFromString(phone)?.country;
}
