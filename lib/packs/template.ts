/**
 * The pack a lead starts from in the pack editor's "New pack": the smallest script that is already safe to
 * call with. Identity comes before the debt on every path (the debt gate, with the steps anyone may hear marked
 * `open`), and it shows each part of the format once so a lead can copy the pattern.
 */
import type { LocalizedText, ScriptPack } from './types.ts';

function t(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** A fresh copy of the new-pack template (callers may edit it). */
export function createPackTemplate(): ScriptPack {
  const gate = { requires: ['identity-verified'], message: t('请先核实客户身份。', 'Verify the customer’s identity first.') };
  return {
    format: 'onscript-pack/2',
    id: 'my-team.new-pack',
    version: '0.1.0',
    title: t('新的话术', 'New script'),
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'zh-CN',
    compliance: { profileId: 'CN-CBA-2026', debtGate: ['identity-verified'] },
    variables: [
      { key: 'agent.name', label: t('坐席姓名', 'Agent name'), type: 'text', required: true },
      { key: 'company.name', label: t('本机构名称', 'Your organisation'), type: 'text', required: true },
      { key: 'customer.name', label: t('客户称呼', 'How to address the customer'), type: 'text', required: true },
      { key: 'debt.amount', label: t('逾期应还金额', 'Overdue amount'), type: 'money', required: true, currency: 'CNY' },
    ],
    start: 'greeting',
    steps: [
      {
        id: 'greeting',
        open: true,
        title: t('问候', 'Greeting'),
        body: t('核实身份之前，不提欠款。', 'Nothing about the debt until identity is verified.'),
        say: [{ text: t('您好，我是{{company.name}}的{{agent.name}}，本次通话全程录音。请问您是{{customer.name}}本人吗？', 'Hello, this is {{agent.name}} of {{company.name}}; this call is recorded. Am I speaking with {{customer.name}}?') }],
        checks: [{ id: 'recording-notice', label: t('已告知通话录音', 'Recording notice given'), required: true }],
        choices: [
          { label: t('是客户本人', 'It is the customer'), next: 'identity' },
          { label: t('不是本人', 'Not the customer'), next: 'third-party' },
        ],
        next: 'identity',
      },
      {
        id: 'identity',
        open: true,
        title: t('核实身份', 'Verify identity'),
        say: [{ text: t('为了保护您的信息，请您说一下出生年份。', 'To protect your information, could you tell me your year of birth?') }],
        checks: [{ id: 'identity-verified', label: t('身份核实无误', 'Identity verified'), required: true }],
        choices: [
          { label: t('核实通过', 'Verified'), next: 'arrears' },
          { label: t('不是本人', 'Not the customer'), next: 'third-party' },
        ],
        next: 'arrears',
      },
      {
        id: 'arrears',
        title: t('说明欠款', 'Explain the arrears'),
        gate,
        say: [{ text: t('您目前有逾期应还款{{debt.amount}}。', 'You have an overdue balance of {{debt.amount}}.') }],
        choices: [
          { label: t('客户承诺还款', 'Promise to pay'), next: 'closing' },
          { label: t('客户要求停止来电', 'Asks us to stop calling'), next: 'cease' },
        ],
        next: 'closing',
      },
      {
        id: 'closing',
        title: t('结束通话', 'Close the call'),
        gate,
        say: [{ text: t('感谢您的配合，再见。', 'Thank you, goodbye.') }],
        choices: [{ label: t('承诺还款', 'Promise to pay'), disposition: 'PTP' }],
      },
      {
        id: 'third-party',
        open: true,
        title: t('非本人接听', 'Not the customer'),
        body: t('不透露任何欠款信息。', 'Disclose nothing about the debt.'),
        say: [{ text: t('打扰了，麻烦您转告{{customer.name}}回电，我是{{agent.name}}。', 'Sorry to bother you. Could you ask {{customer.name}} to call {{agent.name}} back?') }],
        choices: [{ label: t('结束通话', 'End the call'), disposition: 'THIRD_PARTY' }],
      },
      {
        id: 'cease',
        open: true,
        title: t('要求停止来电', 'Stop calling'),
        say: [{ text: t('好的，我已记录您的要求。再见。', 'Understood, I have recorded your request. Goodbye.') }],
        choices: [{ label: t('停止来电', 'Stop calls'), disposition: 'CEASE' }],
      },
    ],
    objections: [
      {
        id: 'stop-calling',
        question: t('别再给我打电话了。', 'Stop calling me.'),
        answer: t('尊重并记录客户的要求。', 'Respect the request and record it.'),
        tags: ['停止', 'stop'],
        goTo: 'cease',
      },
    ],
    dispositions: [
      { code: 'PTP', label: t('承诺还款', 'Promise to pay'), flags: ['promiseToPay', 'rightPartyContact'] },
      { code: 'CEASE', label: t('要求停止来电', 'Stop calling'), flags: ['cease', 'rightPartyContact'] },
      { code: 'THIRD_PARTY', label: t('第三方接听', 'Third party'), flags: [] },
    ],
    forbiddenPhrases: [
      {
        id: 'criminal-threat',
        phrase: t('“不还钱就要坐牢。”', '“You will go to prison if you don’t pay.”'),
        reason: t('以刑事责任恐吓属暴力催收，被明令禁止。', 'A criminal threat is intimidation, which the rules forbid.'),
        terms: ['坐牢', '拘留', 'prison', 'jail'],
      },
    ],
  };
}
