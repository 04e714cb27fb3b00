import type { LocalizedText, ScriptPack } from '../../../lib/packs/types.ts';

/** Localized text in both languages. */
export function both(en: string, zh = `中文：${en}`): LocalizedText {
  return { 'zh-CN': zh, en };
}

/**
 * A small valid pack: greeting → identity → (gate: identity-ok) arrears → end, with a wrong-party branch.
 * Returned fresh on every call so tests can mutate it.
 */
export function minimalPack(): ScriptPack {
  return {
    format: 'onscript-pack/1',
    id: 'test.minimal',
    version: '1.0.0',
    title: both('Test pack'),
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'en',
    compliance: { profileId: 'US-FDCPA' },
    variables: [
      { key: 'agent.name', label: both('Agent'), type: 'text', required: true },
      { key: 'debt.amount', label: both('Amount'), type: 'money', required: true, currency: 'USD' },
    ],
    start: 'greeting',
    steps: [
      {
        id: 'greeting',
        title: both('Greeting'),
        say: [{ text: both('Hello, this is {{agent.name}}.') }],
        checks: [{ id: 'named-self', label: both('Named myself'), required: true }],
        choices: [
          { label: both('Right person'), next: 'identity' },
          { label: both('Wrong person'), next: 'wrong-party' },
        ],
        next: 'identity',
      },
      {
        id: 'identity',
        title: both('Identity'),
        checks: [{ id: 'identity-ok', label: both('Identity verified'), required: false }],
        next: 'arrears',
      },
      {
        id: 'arrears',
        title: both('Arrears'),
        body: both('State **the amount**.'),
        say: [{ text: both('You owe {{debt.amount}}.') }],
        gate: { requires: ['identity-ok'] },
        choices: [
          { label: both('Promise'), disposition: 'PTP' },
          { label: both('Stop calling'), disposition: 'CEASE' },
        ],
      },
      {
        id: 'wrong-party',
        title: both('Wrong party'),
        choices: [{ label: both('End'), disposition: 'WRONG' }],
      },
    ],
    objections: [{ id: 'who', question: both('Who are you?'), answer: both('Give your name.'), tags: ['identity'] }],
    dispositions: [
      { code: 'PTP', label: both('Promise to pay'), flags: ['promiseToPay', 'rightPartyContact'] },
      { code: 'CEASE', label: both('Stop calling'), flags: ['cease'] },
      { code: 'WRONG', label: both('Wrong party'), flags: ['wrongParty'] },
    ],
  };
}

/** Visits every localized text of a pack (as plain data) and lets `edit` replace it. */
export function mapTexts(value: unknown, edit: (text: Record<string, string>) => Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => mapTexts(item, edit));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 0 && keys.every((key) => key === 'en' || key === 'zh-CN') && keys.every((key) => typeof record[key] === 'string')) {
      return edit(record as Record<string, string>);
    }
    return Object.fromEntries(keys.map((key) => [key, mapTexts(record[key], edit)]));
  }
  return value;
}
