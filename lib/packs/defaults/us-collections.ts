/**
 * Default pack: third-party debt collection calls in the United States (profile US-FDCPA), written for OnScript
 * from the domain brief and the rules in docs/script-packs.md ("Where each line comes from"). English is the
 * working language; every text also carries Chinese.
 *
 * The debt gate is the right-party check and the debt-collector disclosure (Reg F 1006.18(e)): every step that
 * speaks of the debt is gated on both (the disclosure step, which holds the disclosure check, on the first).
 * The steps anyone may hear (greeting, identity, someone else answered, voicemail, an attorney or a bankruptcy
 * named, stop calling, callback) are marked `open` and say nothing about a debt.
 */
import { BUILT_IN_PACK_IDS } from './ids.ts';
import type { LocalizedText, ScriptPack } from '../types.ts';

function t(en: string, zh: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

const DEBT_GATE = {
  requires: ['identity-verified', 'mini-miranda'],
  message: t(
    'Verify the consumer and read the debt-collector disclosure before anything about the debt.',
    '请先核实本人并宣读债务催收声明，再谈债务。',
  ),
};

/** The English debt-collection script. */
export const usCollectionsPack: ScriptPack = {
  format: 'onscript-pack/2',
  id: BUILT_IN_PACK_IDS.usCollections,
  version: '2.0.0',
  title: t('Consumer debt collection call', '消费债务催收通话（美国）'),
  description: t(
    'For calls about a consumer debt in the United States. Recording notice first, then the right party, then the debt-collector disclosure, and only then the debt. Respectful, truthful, no pressure.',
    '适用于美国消费债务的催收电话。先告知录音，再确认本人，宣读债务催收声明后才谈债务。尊重、真实、不施压。',
  ),
  languages: ['zh-CN', 'en'],
  defaultLanguage: 'en',
  compliance: { profileId: 'US-FDCPA', debtGate: ['identity-verified', 'mini-miranda'] },
  variables: [
    { key: 'agent.name', label: t('Agent name', '坐席姓名'), type: 'text', required: true, help: t('From the settings; can be changed per call.', '来自设置，可逐个通话修改。') },
    { key: 'company.name', label: t('Company name', '公司名称'), type: 'text', required: true, help: t('From the settings.', '来自设置。') },
    {
      key: 'company.messageName',
      label: t('Business name for voicemail (must not suggest debt collection)', '语音留言使用的商号（不得显示催收业务）'),
      type: 'text',
      required: true,
    },
    { key: 'company.phone', label: t('Callback number', '回电号码'), type: 'text', required: true },
    { key: 'customer.name', label: t('Consumer’s full name', '客户全名'), type: 'text', required: true },
    { key: 'debt.creditor', label: t('Creditor', '债权人'), type: 'text', required: true },
    { key: 'debt.amount', label: t('Amount owed', '欠款金额'), type: 'money', required: true, currency: 'USD' },
    { key: 'debt.dueDate', label: t('Date payment was due', '到期还款日'), type: 'date', required: true },
    { key: 'debt.interest', label: t('Interest and fees included', '其中利息及费用'), type: 'money', required: false, currency: 'USD' },
    {
      key: 'validation.endDate',
      label: t('End of the validation period (from the validation notice)', '确认期截止日（见债务确认通知）'),
      type: 'date',
      required: false,
      help: t('Leave empty when no validation notice has been sent yet.', '尚未寄出债务确认通知时留空。'),
    },
    { key: 'plan.amount', label: t('Agreed payment amount', '约定还款金额'), type: 'money', required: true, currency: 'USD', help: t('Fill in once agreed.', '商定后填写。') },
    { key: 'plan.date', label: t('Agreed payment date', '约定还款日期'), type: 'date', required: true, help: t('Fill in once agreed.', '商定后填写。') },
    { key: 'plan.channel', label: t('Payment method (e.g. online portal, mailed check)', '还款方式（如：网上付款、邮寄支票）'), type: 'text', required: true },
    { key: 'settlement.amount', label: t('Authorized settlement amount', '获授权的和解金额'), type: 'money', required: true, currency: 'USD', help: t('Only when a settlement is authorized for this account.', '仅限该账户已获授权和解时。') },
    { key: 'settlement.date', label: t('Settlement payment deadline', '和解付款截止日'), type: 'date', required: true },
    { key: 'followUp.date', label: t('Next contact date', '下次联系日期'), type: 'date', required: false },
  ],
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      open: true,
      title: t('Greeting', '问候'),
      body: t(
        'Give the **recording notice first**, before anything else is said (some states require every party’s consent to record), then **your own name**, and ask for the consumer by full name. Do **not** name your company or mention a debt until the right party is confirmed: someone else may have answered.',
        '**先告知录音**，再说其他内容（部分州要求通话各方同意录音）；然后说明**您本人的姓名**，并按全名找客户本人。在确认是本人之前，**不要**说出公司名称或提到债务：接电话的可能是其他人。',
      ),
      say: [
        { text: t('Hello, this call may be monitored or recorded. My name is {{agent.name}}.', '您好，本次通话可能会被监听或录音。我是{{agent.name}}。') },
        { text: t('May I please speak with {{customer.name}}?', '请问{{customer.name}}在吗？') },
      ],
      checks: [
        { id: 'self-identified', label: t('Gave my name', '已说明本人姓名'), required: true },
        { id: 'recording-notice', label: t('Recording notice given before anything else', '已在开头告知通话录音'), required: true },
      ],
      choices: [
        { label: t('Speaking with the consumer', '是客户本人'), next: 'identity' },
        { label: t('Someone else answered / wrong number', '其他人接听或打错'), next: 'third-party' },
        { label: t('Consumer cannot talk now: callback', '本人现在不方便，约定回电'), next: 'callback' },
        { label: t('Voicemail or answering machine', '语音信箱或答录机'), next: 'voicemail' },
        { label: t('“I have a lawyer”', '“我已经请了律师”'), next: 'attorney' },
      ],
      next: 'identity',
    },
    {
      id: 'identity',
      open: true,
      title: t('Verify identity', '核实身份'),
      body: t(
        'Ask the consumer to **state** two details, such as date of birth and street address or ZIP code. Never ask for a full Social Security or card number, and never write one in notes.\n\nOnce verified, the disclosure comes next.',
        '请客户**自己说出**两项信息，例如出生日期和街道地址或邮编。不要索要完整的社会安全号或卡号，备注中也不要写。\n\n核实通过后，下一步宣读债务催收声明。',
      ),
      say: [
        {
          text: t(
            'Before we continue, I need to verify I am speaking with the right person. Could you please confirm your date of birth and your ZIP code?',
            '在继续之前，我需要确认是您本人。请您说一下您的出生日期和邮编。',
          ),
        },
      ],
      checks: [{ id: 'identity-verified', label: t('Right party verified', '已核实为本人'), required: true }],
      choices: [
        { label: t('Verified', '核实通过'), next: 'disclosure' },
        { label: t('Not verified / not the consumer', '核实不通过或不是本人'), next: 'third-party' },
        { label: t('Consumer wants to call back to check who we are', '客户想先回拨核实，约定回电'), next: 'callback' },
        { label: t('“I have a lawyer”', '“我已经请了律师”'), next: 'attorney' },
      ],
      next: 'disclosure',
    },
    {
      id: 'disclosure',
      title: t('Debt-collector disclosure', '债务催收声明'),
      gate: {
        requires: ['identity-verified'],
        message: t('Verify the consumer before naming the company or the debt.', '请先核实本人，再说出公司名称或债务。'),
      },
      body: t(
        'Name your company and read the disclosure **word for word** before anything else about the debt.',
        '说出公司名称，并在谈任何债务内容之前**逐字**宣读声明。',
      ),
      say: [
        {
          text: t(
            'Thank you. I am calling from {{company.name}}. This is an attempt to collect a debt and any information obtained will be used for that purpose.',
            '谢谢。我是{{company.name}}的工作人员。这是一次债务催收行为，所获得的任何信息都将用于此目的。',
          ),
        },
      ],
      checks: [
        {
          id: 'mini-miranda',
          label: t(
            'Disclosure read: “This is an attempt to collect a debt and any information obtained will be used for that purpose.”',
            '已宣读声明：“这是一次债务催收行为，所获得的任何信息都将用于此目的。”',
          ),
          required: true,
        },
      ],
      next: 'arrears',
    },
    {
      id: 'arrears',
      title: t('Explain the balance', '说明欠款情况'),
      gate: DEBT_GATE,
      body: t(
        'State the **creditor, amount, due date, and interest and fees** plainly, and point to the validation notice (if none has been sent yet, it goes out within five days). Ask what happened and whether the consumer can pay. Be truthful; never overstate the amount or the consequences, and never press in a way that talks the consumer out of the right to dispute.',
        '清楚说明**债权人、金额、到期日以及利息和费用**，并提及债务确认通知（尚未寄出的，须在五天内寄出）。了解未还款的原因和客户能否还款。如实陈述，不夸大金额或后果，不得以施压的方式让客户放弃异议权利。',
      ),
      say: [
        {
          text: t(
            'Our records show a balance of {{debt.amount}} on your {{debt.creditor}} account, which was due on {{debt.dueDate}}[[ and includes {{debt.interest}} in interest and fees]].',
            '我们的记录显示，您在{{debt.creditor}}的账户欠款{{debt.amount}}，到期日为{{debt.dueDate}}[[，其中包括利息和费用{{debt.interest}}]]。',
          ),
        },
        {
          text: t(
            '[[The validation notice we sent you sets out this balance and your rights; you have until {{validation.endDate}} to dispute it or to ask for the original creditor’s name and address.]]',
            '[[我们寄给您的债务确认通知列明了这笔欠款和您的权利；您可以在{{validation.endDate}}之前提出异议，或要求提供原始债权人的名称和地址。]]',
          ),
        },
        { text: t('What happened that kept the payment from being made?', '请问是什么原因没能按时还款？') },
        { text: t('Are you able to take care of this balance today, or would a payment plan work better?', '您今天能处理这笔欠款吗，还是分期还款更合适？') },
      ],
      checks: [
        { id: 'arrears-explained', label: t('Explained creditor, amount, due date, interest and fees', '已说明债权人、金额、到期日、利息和费用'), required: true },
        { id: 'validation-notice', label: t('Referred to the validation notice and its end date', '已提及债务确认通知及确认期截止日'), required: true },
      ],
      choices: [
        { label: t('Consumer will pay now', '客户同意现在还款'), next: 'commitment' },
        { label: t('Consumer will discuss a plan', '客户愿意商量还款方案'), next: 'options' },
        { label: t('Questions, or asks for proof of the debt', '客户有疑问或要求提供债务证明'), next: 'concerns' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
        { label: t('Consumer reports hardship', '客户表示经济困难'), next: 'hardship' },
        { label: t('The account is flagged time-barred', '该账户标记为超过诉讼时效'), next: 'time-barred' },
        { label: t('Consumer will not commit to paying', '客户不同意还款'), next: 'no-promise' },
        { label: t('Consumer asks us to stop calling', '客户要求停止来电'), next: 'cease' },
      ],
      next: 'options',
    },
    {
      id: 'options',
      title: t('Offer repayment options', '提供还款选项'),
      gate: DEBT_GATE,
      body: t(
        'Fit the plan to what the consumer can afford:\n- payment in full\n- a payment plan\n- a later first payment date\n- a settlement, **only if authorized** for this account\n\nNever suggest borrowing to pay, and never threaten action that is not intended or lawful.',
        '根据客户的承受能力制定方案：\n- 一次性还清\n- 分期还款\n- 推迟首次还款日期\n- 和解减免，**仅限该账户已获授权时**\n\n不得建议客户借钱还款，不得威胁采取不打算或不合法的行动。',
      ),
      say: [
        {
          text: t(
            'Let’s find an arrangement that works for you. We can look at a payment plan or a date that suits your budget. What amount could you manage each month?',
            '我们一起找一个适合您的安排，可以考虑分期或者按您的预算选择还款日期。您每个月大概能承担多少？',
          ),
        },
      ],
      checks: [
        { id: 'ability-asked', label: t('Asked what the consumer can afford', '已了解客户的承受能力'), required: false },
        { id: 'no-unauthorized-offer', label: t('Offered only authorized terms', '只提供了已授权的条件'), required: true },
      ],
      choices: [
        { label: t('Consumer agrees to a plan', '客户同意方案'), next: 'commitment' },
        { label: t('Consumer asks to settle for less', '客户要求减免和解'), next: 'settlement' },
        { label: t('Questions or proof requested', '客户有疑问或要求证明'), next: 'concerns' },
        { label: t('Consumer is in hardship', '客户经济困难'), next: 'hardship' },
        { label: t('Consumer needs time: callback', '客户需要考虑，约定回电'), next: 'callback' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
        { label: t('No arrangement agreed', '未达成任何方案'), next: 'no-promise' },
      ],
      next: 'commitment',
    },
    {
      id: 'settlement',
      title: t('Settlement offer', '和解方案'),
      gate: DEBT_GATE,
      body: t(
        'Only when a settlement is **authorized for this account**; never invent terms. Give the exact amount and deadline, say the terms will be confirmed in writing, and do not describe tax or credit effects you cannot vouch for.',
        '仅限**该账户已获授权**和解时；绝不自行编造条件。说明准确的金额和截止日，告知条款会以书面确认，不要对税务或信用影响做无法保证的说明。',
      ),
      say: [
        {
          text: t(
            'I am authorized to offer a settlement on this account: if you pay {{settlement.amount}} by {{settlement.date}}, we will accept it as settlement in full.',
            '我获授权为该账户提供和解方案：如果您在{{settlement.date}}前支付{{settlement.amount}}，我们将接受其作为全部欠款的和解。',
          ),
        },
        { text: t('We will send you these terms in writing before the payment is due.', '我们会在付款截止日前把这些条款以书面方式寄给您。') },
      ],
      checks: [{ id: 'settlement-authorized', label: t('This settlement is authorized for the account', '该和解已获授权'), required: true }],
      choices: [
        { label: t('Consumer accepts the settlement', '客户接受和解'), next: 'commitment' },
        { label: t('Consumer declines: back to options', '客户不接受，返回还款选项'), next: 'options' },
        { label: t('Consumer needs time: callback', '客户需要考虑，约定回电'), next: 'callback' },
      ],
    },
    {
      id: 'concerns',
      title: t('Answer concerns and proof of debt', '解答疑虑与债务证明'),
      gate: DEBT_GATE,
      body: t(
        'Answer patiently and clearly. The consumer may ask for **the validation notice, the contract and the account statements**: explain how and when they will receive them.\n\nIf you do not know an answer, say so, note it and follow up.',
        '耐心、清楚地解答。客户可以要求提供**债务确认通知、合同和账户明细**：说明如何以及何时提供。\n\n不知道的问题如实说明，记录下来并跟进答复。',
      ),
      say: [
        {
          text: t(
            'That is a fair question. We can send you the account details, including the creditor, the amount and how it was calculated. You can also call us at {{company.phone}}.',
            '这个问题很合理。我们可以把账户详情寄给您，包括债权人、金额及其计算方式。您也可以拨打{{company.phone}}联系我们。',
          ),
        },
      ],
      checks: [{ id: 'proof-offered', label: t('Explained how to get the account documents', '已说明获取账户文件的方式'), required: false }],
      choices: [
        { label: t('Answered: back to options', '已解答，继续商量方案'), next: 'options' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
        { label: t('Consumer wants to review first: callback', '客户需要先核对，约定回电'), next: 'callback' },
      ],
      next: 'options',
    },
    {
      id: 'commitment',
      title: t('Record the commitment', '沟通记录'),
      gate: DEBT_GATE,
      body: t(
        'Read back **amount, date and payment method** and put them in the notes. Payment authorizations follow your company’s consent process; add no fee the agreement or the law does not allow. No full card or account numbers in notes.',
        '复述**还款金额、日期和方式**并记入备注。付款授权按公司的同意流程办理；不得收取协议或法律不允许的费用。备注中不写完整卡号或账号。',
      ),
      say: [
        {
          text: t(
            'Just to confirm: you will pay {{plan.amount}} on or before {{plan.date}} by {{plan.channel}}. Is that correct?',
            '跟您确认一下：您将在{{plan.date}}或之前，通过{{plan.channel}}还款{{plan.amount}}，对吗？',
          ),
        },
      ],
      checks: [{ id: 'commitment-recorded', label: t('Recorded amount, date and method', '已记录还款金额、日期和方式'), required: true }],
      choices: [
        { label: t('Confirmed: close the call', '客户确认，进入结束语'), next: 'closing' },
        { label: t('Consumer changed their mind', '客户改变主意'), next: 'options' },
      ],
      next: 'closing',
    },
    {
      id: 'closing',
      title: t('Close the call', '结束通话'),
      gate: DEBT_GATE,
      body: t('Thank the consumer, recap the plan, give the callback number.', '感谢客户，复述还款安排，留下回电号码。'),
      say: [
        {
          text: t(
            'Thank you for working this out with me. To recap, {{plan.amount}} on or before {{plan.date}} by {{plan.channel}}. If you have any questions, call {{company.phone}} and ask for {{agent.name}}. Have a good day.',
            '感谢您的配合。再确认一下：{{plan.date}}或之前通过{{plan.channel}}还款{{plan.amount}}。如有问题，请拨打{{company.phone}}找{{agent.name}}。祝您愉快。',
          ),
        },
      ],
      checks: [{ id: 'recap-given', label: t('Recapped the plan and gave the callback number', '已复述安排并留下回电号码'), required: true }],
      next: 'followup',
    },
    {
      id: 'followup',
      title: t('Follow up', '后续跟踪'),
      gate: DEBT_GATE,
      body: t(
        'After the call:\n1. Send a reminder before the agreed date, by a channel the consumer has not opted out of\n2. Check the payment posted\n3. If it did not, try again within the calling-hours and call-frequency limits\n\nA conversation about this debt starts a 7-day pause in calls about it.',
        '通话结束后：\n1. 在约定日期前，通过客户未拒绝的渠道发送提醒\n2. 核查款项是否到账\n3. 未到账的，在呼叫时段和频次限制内再次联系\n\n就该笔债务通话后，7天内不再就该债务致电。',
      ),
      checks: [{ id: 'followup-scheduled', label: t('Follow-up reminder set', '已设定跟进提醒'), required: false }],
      choices: [
        { label: t('Promise to pay', '承诺还款'), disposition: 'PTP' },
        { label: t('Payment plan agreed', '达成分期方案'), disposition: 'PLAN_AGREED' },
        { label: t('Settlement agreed', '达成和解'), disposition: 'SETTLEMENT_AGREED' },
        { label: t('Spoke, no commitment yet', '已沟通，暂无承诺'), disposition: 'FOLLOW_UP' },
      ],
    },
    {
      id: 'third-party',
      open: true,
      title: t('Not the consumer', '非本人接听'),
      body: t(
        'Say **nothing** about a debt, the account or the reason for the call, and do **not** leave a message or ask them to pass one on. You may only confirm or correct how to reach the consumer: give your own name, name your employer only if asked, and contact this person for that only once. If it is a wrong number, apologise and end the call.',
        '**不得**提及债务、账户或来电原因，**不要**留言，也不要请对方转告。只能确认或更正联系客户的方式：说明您本人的姓名，对方问起时才说公司名称，且为此只联系此人一次。如果打错了，致歉后结束通话。',
      ),
      say: [
        {
          text: t(
            'I’m sorry to bother you. My name is {{agent.name}}, and I’m confirming the best number to reach {{customer.name}}. Is this a good number for them?',
            '抱歉打扰您。我是{{agent.name}}，想确认联系{{customer.name}}的最佳号码。请问这个号码能联系到他/她吗？',
          ),
        },
        { text: t('Thank you for your help. Goodbye.', '谢谢您的帮助，再见。') },
      ],
      checks: [{ id: 'no-disclosure', label: t('Disclosed nothing about the debt and left no message', '未透露任何债务信息，未留言'), required: true }],
      choices: [
        { label: t('Contact information confirmed or corrected', '已确认或更正联系方式'), disposition: 'THIRD_PARTY' },
        { label: t('Wrong number', '号码错误'), disposition: 'WRONG_NUMBER' },
        { label: t('The consumer came to the phone', '客户本人来接听'), next: 'identity' },
        { label: t('They ask us not to call this number again', '对方要求不要再拨打这个号码'), next: 'third-party-stop' },
        { label: t('They say the consumer has a lawyer', '对方说客户已请律师'), next: 'attorney' },
      ],
    },
    {
      id: 'third-party-stop',
      open: true,
      title: t('Third party: do not call this number', '第三方要求不再来电'),
      body: t('Respect the request; do not ask about the consumer. The number is no longer used to reach them.', '尊重对方的要求，不追问客户的情况。该号码不再用于联系客户。'),
      say: [{ text: t('Understood. I have noted that, and we will not call this number again. Goodbye.', '明白，我已记录，我们不会再拨打这个号码。再见。') }],
      checks: [{ id: 'third-party-stop-recorded', label: t('Recorded: do not call this number', '已记录不再拨打此号码'), required: true }],
      choices: [{ label: t('End the call: do not call this number again', '结束通话，此号码不再拨打'), disposition: 'THIRD_PARTY_STOP' }],
    },
    {
      id: 'voicemail',
      open: true,
      title: t('Voicemail: limited-content message', '语音信箱：限定内容留言'),
      body: t(
        'Leave a message **only** on the consumer’s own voicemail, and **only** these words: your name, a business name that does not suggest debt collection, a request to call back, and the number. Nothing about a debt, the account, the creditor or the reason for the call. If the voicemail may belong to someone else, hang up without a message.',
        '**只能**在客户本人的语音信箱留言，且**只能**包含：您的姓名、不显示催收业务的商号、请其回电以及回电号码。不得提及债务、账户、债权人或来电原因。如果语音信箱可能属于他人，不留言直接挂断。',
      ),
      say: [
        {
          text: t(
            'Hello, this is {{agent.name}} calling from {{company.messageName}}. Please call me back at {{company.phone}}.',
            '您好，我是{{company.messageName}}的{{agent.name}}。请回电{{company.phone}}。',
          ),
        },
      ],
      checks: [{ id: 'limited-content', label: t('Left only the permitted words, or no message', '只留下了允许的内容，或未留言'), required: true }],
      choices: [
        { label: t('Message left', '已留言'), disposition: 'VOICEMAIL' },
        { label: t('Not sure it is the consumer’s voicemail: no message', '不确定是否本人信箱，未留言'), disposition: 'NO_MESSAGE' },
      ],
    },
    {
      id: 'attorney',
      open: true,
      title: t('Represented by a lawyer', '客户已委托律师'),
      body: t(
        'Once you know the consumer has a lawyer **for this debt** and you have or can readily get the lawyer’s name and address, contact **only the lawyer** (unless the lawyer does not answer within a reasonable time or agrees to direct contact). Ask for the lawyer’s name and phone number, end the call politely and flag the account. Discuss nothing else.',
        '一旦得知客户就**该笔债务**委托了律师，并且您已有或能方便地获得律师的姓名和地址，就**只能联系律师**（除非律师在合理时间内未回应或同意直接联系客户）。询问律师的姓名和电话，礼貌结束通话并标记账户。不谈其他内容。',
      ),
      say: [
        {
          text: t(
            'Thank you for letting me know. Could you give me your lawyer’s name and phone number? We will contact them directly from now on.',
            '谢谢告知。请提供您律师的姓名和电话，之后我们将直接与律师联系。',
          ),
        },
        { text: t('Thank you. Goodbye.', '谢谢，再见。') },
      ],
      checks: [{ id: 'attorney-recorded', label: t('Lawyer’s name and number recorded (or the consumer declined)', '已记录律师姓名和电话（或客户拒绝提供）'), required: true }],
      choices: [{ label: t('End the call: contact the lawyer only', '结束通话，此后只联系律师'), disposition: 'ATTORNEY' }],
    },
    {
      id: 'bankruptcy',
      open: true,
      title: t('Bankruptcy', '破产'),
      body: t(
        'If the consumer says they have filed for bankruptcy, stop collecting at once: the automatic stay bars collecting debts from before the filing. Ask for the case number, the court, the filing date and the bankruptcy lawyer, end the call and flag the account for review.',
        '客户表示已申请破产的，立即停止催收：自动中止令禁止催收申请前的债务。询问案件编号、受理法院、申请日期和破产律师，结束通话并标记账户待审核。',
      ),
      say: [
        {
          text: t(
            'Thank you for telling me. Could you give me the bankruptcy case number, the court, the filing date, and your lawyer’s name if you have one?',
            '谢谢告知。请提供破产案件编号、受理法院、申请日期，如有律师也请提供律师姓名。',
          ),
        },
        { text: t('We will stop our calls while we check. Goodbye.', '核实期间我们将停止来电。再见。') },
      ],
      checks: [{ id: 'bankruptcy-recorded', label: t('Case number, court and filing date recorded', '已记录案件编号、法院和申请日期'), required: true }],
      choices: [{ label: t('End the call: bankruptcy reported', '结束通话：客户已申请破产'), disposition: 'BANKRUPTCY' }],
    },
    {
      id: 'time-barred',
      title: t('Time-barred debt', '超过诉讼时效的债务'),
      gate: DEBT_GATE,
      body: t(
        'Only when the account is flagged as past the statute of limitations. **Never sue or threaten to sue** on it, and do not imply that you could. Read any disclosure your compliance team requires for the consumer’s state.',
        '仅限账户已标记为超过诉讼时效时。**不得起诉，也不得威胁起诉**，也不得暗示可以起诉。按合规团队的要求宣读客户所在州规定的告知内容。',
      ),
      say: [{ text: t('Because of its age, we will not sue you over this debt.', '由于这笔债务时间较久，我们不会因此起诉您。') }],
      checks: [{ id: 'no-suit-threat', label: t('No lawsuit mentioned or implied', '未提及或暗示诉讼'), required: true }],
      choices: [
        { label: t('Consumer will discuss payment', '客户愿意商量还款'), next: 'options' },
        { label: t('Consumer declines', '客户拒绝'), next: 'no-promise' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
      ],
    },
    {
      id: 'dispute',
      title: t('Consumer disputes the debt', '客户有异议'),
      gate: DEBT_GATE,
      body: t(
        'Do not argue. Note **what** is disputed and why, and mark the account disputed. A dispute sent **in writing within the validation period** stops collection of the disputed part until verification is mailed; say so only with that condition.',
        '不争辩。记录异议的**内容**和理由，并将账户标记为有异议。客户**在确认期内以书面方式**提出异议的，在寄出核实材料之前暂停催收有异议的部分；说明时必须带上这个条件。',
      ),
      say: [
        { text: t('I understand, and I have noted that you dispute this debt.', '我理解，已记录您对这笔债务有异议。') },
        {
          text: t(
            '[[If you send us your dispute in writing by {{validation.endDate}}, we will stop collecting the disputed amount until we mail you verification of the debt.]]',
            '[[如果您在{{validation.endDate}}之前以书面方式向我们提出异议，在我们寄出债务核实材料之前，将暂停催收有异议的款项。]]',
          ),
        },
        { text: t('You can write to the address on the validation notice, or call us at {{company.phone}}.', '您可以按债务确认通知上的地址寄信，或拨打{{company.phone}}联系我们。') },
      ],
      checks: [{ id: 'dispute-recorded', label: t('Dispute recorded', '已记录异议'), required: true }],
      choices: [
        { label: t('Dispute recorded: end the call', '已记录异议，结束通话'), disposition: 'DISPUTE' },
        { label: t('Consumer accepts the debt after all', '客户核对后认可欠款'), next: 'options' },
      ],
    },
    {
      id: 'hardship',
      title: t('Hardship', '经济困难'),
      gate: DEBT_GATE,
      body: t(
        'Listen and show understanding. Ask what the consumer can realistically afford and explain hardship programs where available. **No pressure.**',
        '倾听并表示理解。了解客户实际能承受的金额，介绍可用的困难援助方案。**不施压。**',
      ),
      say: [
        {
          text: t(
            'I’m sorry to hear that. Let’s see what is manageable for you right now. Would a smaller monthly amount or a later start date help?',
            '听到这个情况很抱歉。我们看看您现在能承受多少。每月少还一些或者推迟开始还款，会不会有帮助？',
          ),
        },
      ],
      checks: [{ id: 'hardship-noted', label: t('Noted the situation and an affordable amount', '已记录情况和可承受金额'), required: false }],
      choices: [
        { label: t('Affordable plan agreed', '商定了可承受的方案'), next: 'commitment' },
        { label: t('Needs review: callback', '需要审核，约定回电'), next: 'callback' },
        { label: t('Cannot pay now', '目前无力还款'), disposition: 'HARDSHIP' },
      ],
    },
    {
      id: 'no-promise',
      title: t('Close without a promise', '未达成承诺的结束'),
      gate: DEBT_GATE,
      body: t(
        'When the consumer will not or cannot commit today: no pressure, no threats, no talk of action that is not intended. Leave the callback number and close politely.',
        '客户今天不愿或不能承诺还款时：不施压、不威胁，不提不打算采取的行动。留下回电号码，礼貌结束。',
      ),
      say: [
        { text: t('I understand you are not able to commit to a payment today.', '我理解您今天无法承诺还款。') },
        {
          text: t(
            'If anything changes, you can reach me at {{company.phone}}; ask for {{agent.name}}. Thank you for your time.',
            '如有变化，您可以拨打{{company.phone}}找{{agent.name}}。感谢您抽出时间。',
          ),
        },
      ],
      checks: [{ id: 'no-promise-closed', label: t('Closed politely and gave the callback number', '已礼貌结束并留下回电号码'), required: true }],
      choices: [
        { label: t('Spoke, no promise to pay', '已沟通，未承诺还款'), disposition: 'NO_PROMISE' },
        { label: t('Consumer changed their mind', '客户改变主意'), next: 'options' },
      ],
    },
    {
      id: 'cease',
      open: true,
      title: t('Stop calling', '要求停止来电'),
      body: t(
        'Respect the request. Record it; a written request to stop communicating ends collection contact except the notices the law allows. The account is then marked **cease**.\n\nThis may come before the right party is verified, so nothing here mentions a debt.',
        '尊重客户的要求并记录。客户书面要求停止联系后，除法律允许的通知外，不再进行催收联系。该账户随后标记为**停止联系**。\n\n这可能发生在核实本人之前，所以这里不提债务。',
      ),
      say: [
        {
          text: t(
            'I understand. I have recorded your request that we stop calling you. If you need to reach us, you can call {{company.phone}}. Goodbye.',
            '明白了。我已记录您要求我们停止来电。如需联系我们，可以拨打{{company.phone}}。再见。',
          ),
        },
      ],
      checks: [{ id: 'cease-recorded', label: t('Stop request recorded', '已记录停止来电的要求'), required: true }],
      choices: [{ label: t('End the call and stop calls', '结束通话并停止来电'), disposition: 'CEASE' }],
    },
    {
      id: 'callback',
      open: true,
      title: t('Arrange a callback', '约定回电'),
      body: t(
        'Agree a time that suits the consumer, between 8 a.m. and 9 p.m. their local time. Times the consumer calls inconvenient are recorded and avoided.',
        '约定客户方便的时间，须在客户当地时间早8点至晚9点之间。客户说明的不便时段要记录并避开。',
      ),
      say: [
        {
          text: t(
            'Of course. When is a good time to reach you?[[ I will call back on {{followUp.date}}.]] You can also call {{company.phone}}.',
            '好的，请问什么时间方便联系您？[[我会在{{followUp.date}}回电。]]您也可以拨打{{company.phone}}。',
          ),
        },
      ],
      checks: [{ id: 'callback-time-agreed', label: t('Callback time agreed (8 a.m.–9 p.m. local)', '已约定回电时间（当地时间8点至21点）'), required: true }],
      choices: [{ label: t('Callback arranged', '已约定回电'), disposition: 'CALLBACK' }],
    },
  ],
  objections: [
    {
      id: 'who-are-you',
      question: t('Who are you? Is this a scam?', '你是谁？这是诈骗吗？'),
      answer: t(
        'Give your name and company once the right party is verified, and offer the callback number so the consumer can check. Never ask for passwords or one-time codes.',
        '核实本人后告知您的姓名和公司，并提供回电号码供客户核实。绝不索要密码或一次性验证码。',
      ),
      tags: ['identity', 'scam', 'proof', '身份', '诈骗'],
    },
    {
      id: 'lawyer',
      question: t('I have a lawyer.', '我已经请了律师。'),
      answer: t(
        'Ask for the lawyer’s name and phone number; from then on contact only the lawyer about this debt.',
        '询问律师的姓名和电话；此后就该笔债务只联系律师。',
      ),
      tags: ['lawyer', 'attorney', 'legal counsel', '律师'],
      goTo: 'attorney',
    },
    {
      id: 'bankruptcy',
      question: t('I filed for bankruptcy.', '我已经申请破产了。'),
      answer: t('Stop collecting; ask for the case number, court and filing date, and flag the account.', '停止催收；询问案件编号、法院和申请日期，并标记账户。'),
      tags: ['bankruptcy', 'bankrupt', 'chapter 7', 'chapter 13', '破产'],
      goTo: 'bankruptcy',
    },
    {
      id: 'wrong-person',
      question: t('You have the wrong person.', '你找错人了。'),
      answer: t('Stop at once, say nothing about the account, apologise and handle it as “not the consumer”.', '立即停止，不谈任何账户信息，致歉后按“非本人接听”处理。'),
      tags: ['wrong person', 'wrong number', 'not me', '打错', '不是我'],
      goTo: 'third-party',
    },
    {
      id: 'prove-it',
      question: t('Prove I owe this.', '证明我欠了这笔钱。'),
      answer: t('Explain how the account documents and the validation notice will reach the consumer.', '说明账户文件和债务确认通知的提供方式。'),
      tags: ['proof', 'validation', 'statement', '证明', '账单'],
      goTo: 'concerns',
    },
    {
      id: 'dispute-deadline',
      question: t('How long do I have to dispute this?', '我什么时候之前可以提出异议？'),
      answer: t(
        'Until the end of the validation period, the date on the validation notice. A written dispute by then stops collection of the disputed part until verification is mailed.',
        '在确认期截止日之前，即债务确认通知上写明的日期。在此之前书面提出异议的，在寄出核实材料前暂停催收有异议的部分。',
      ),
      tags: ['validation', 'dispute deadline', '30 days', '确认期', '异议期限'],
      goTo: 'dispute',
    },
    {
      id: 'not-my-debt',
      question: t('This is not my debt.', '这不是我的债务。'),
      answer: t('Do not argue; record the dispute.', '不争辩，记录异议。'),
      tags: ['dispute', 'not mine', '异议'],
      goTo: 'dispute',
    },
    {
      id: 'too-old',
      question: t('This debt is too old.', '这笔债务已经太久了。'),
      answer: t(
        'Check whether the account is flagged time-barred. If it is, never sue or threaten to sue, and read the state disclosure your team requires.',
        '核查该账户是否标记为超过诉讼时效。如是，不得起诉或威胁起诉，并宣读团队要求的州告知内容。',
      ),
      tags: ['statute of limitations', 'too old', 'time-barred', '时效'],
      goTo: 'time-barred',
    },
    {
      id: 'settle',
      question: t('Can I settle for less?', '能少还一点和解吗？'),
      answer: t('Only if a settlement is authorized for this account; never invent terms.', '仅限该账户已获授权和解时；绝不自行编造条件。'),
      tags: ['settle', 'settlement', 'discount', 'less', '和解'],
      goTo: 'settlement',
    },
    {
      id: 'already-paid',
      question: t('I already paid this.', '我已经还过了。'),
      answer: t(
        'Ask for the date, amount and method of payment; note them and have the account checked before asking again.',
        '询问还款日期、金额和方式，记录后先核查账户，再决定是否继续联系。',
      ),
      tags: ['paid', 'already paid', '已还'],
    },
    {
      id: 'cannot-afford',
      question: t('I can’t afford to pay.', '我还不起。'),
      answer: t('Show understanding and look at hardship options.', '表示理解，介绍困难援助方案。'),
      tags: ['hardship', 'afford', 'no money', '困难', '没钱'],
      goTo: 'hardship',
    },
    {
      id: 'stop-calling',
      question: t('Stop calling me.', '别再给我打电话了。'),
      answer: t('Respect the request and record it.', '尊重并记录客户的要求。'),
      tags: ['stop', 'cease', 'do not call', '停止'],
      goTo: 'cease',
    },
    {
      id: 'call-at-work',
      question: t('Don’t call me at work.', '不要打我单位电话。'),
      answer: t(
        'Record that work calls are inconvenient; from now on do not call the workplace.',
        '记录客户不方便在单位接听，之后不再拨打单位电话。',
      ),
      tags: ['work', 'employer', 'inconvenient', '单位', '工作'],
    },
    {
      id: 'family-told',
      question: t('Did you tell my family about this?', '你们告诉我家人了吗？'),
      answer: t(
        'No. We do not discuss the debt with anyone but the consumer (or their spouse or attorney where the law allows).',
        '没有。除客户本人（以及法律允许的配偶或律师）外，我们不与任何人讨论该债务。',
      ),
      tags: ['family', 'privacy', 'third party', '家人', '隐私'],
    },
    {
      id: 'recording',
      question: t('Are you recording this?', '你们在录音吗？'),
      answer: t('Yes: the call may be monitored or recorded, as said at the start.', '是的：如开头所述，通话可能会被监听或录音。'),
      tags: ['recording', 'recorded', '录音'],
    },
    {
      id: 'legal-action',
      question: t('Are you going to sue me?', '你们会起诉我吗？'),
      answer: t(
        'Answer truthfully and only about action that is actually intended and lawful; never threaten. On a time-barred account, never mention suing at all. Focus on finding an arrangement.',
        '如实回答，只说明确实打算且合法的措施，绝不威胁。超过诉讼时效的账户，完全不提起诉。重点是找到可行的还款安排。',
      ),
      tags: ['lawsuit', 'court', 'sue', '起诉', '法院'],
    },
  ],
  dispositions: [
    { code: 'PTP', label: t('Promise to pay', '承诺还款'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'PLAN_AGREED', label: t('Payment plan agreed', '达成还款方案'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'SETTLEMENT_AGREED', label: t('Settlement agreed', '达成和解'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'FOLLOW_UP', label: t('Spoke, follow up', '已沟通，待跟进'), flags: ['rightPartyContact'] },
    { code: 'NO_PROMISE', label: t('Spoke, no promise to pay', '已沟通，未承诺还款'), flags: ['rightPartyContact'] },
    { code: 'DISPUTE', label: t('Debt disputed', '客户有异议'), flags: ['dispute', 'rightPartyContact'] },
    { code: 'HARDSHIP', label: t('Hardship', '经济困难'), flags: ['hardship', 'rightPartyContact'] },
    { code: 'CEASE', label: t('Stop calling', '要求停止来电'), flags: ['cease', 'rightPartyContact'] },
    { code: 'ATTORNEY', label: t('Represented by a lawyer: contact the lawyer only', '已委托律师：此后只联系律师'), flags: ['cease'] },
    { code: 'BANKRUPTCY', label: t('Bankruptcy reported: collection stopped for review', '客户已申请破产：停止催收待审核'), flags: ['cease'] },
    { code: 'CALLBACK', label: t('Callback arranged', '约定回电'), flags: ['callback'] },
    { code: 'THIRD_PARTY', label: t('Third party: contact information confirmed, no message', '第三方接听：已确认联系方式，未留言'), flags: [] },
    { code: 'THIRD_PARTY_STOP', label: t('Third party: do not call this number', '第三方要求不再拨打此号码'), flags: ['wrongParty'] },
    { code: 'WRONG_NUMBER', label: t('Wrong number', '号码错误'), flags: ['wrongParty'] },
    { code: 'VOICEMAIL', label: t('Voicemail: limited-content message left', '语音信箱：已留限定内容留言'), flags: ['voicemail'] },
    { code: 'NO_MESSAGE', label: t('No message left', '未留言'), flags: [] },
    { code: 'HUNG_UP', label: t('Call cut off', '通话中断'), flags: [] },
    { code: 'NO_ANSWER', label: t('No answer', '无人接听'), flags: ['noAnswer'] },
    { code: 'LINE_BUSY', label: t('Busy or not in service', '占线或空号'), flags: ['noConnect'] },
  ],
  forbiddenPhrases: [
    {
      id: 'arrest',
      phrase: t('“You will be arrested / go to jail if you don’t pay.”', '“不还钱就会被逮捕、坐牢。”'),
      reason: t(
        'Saying or implying that not paying leads to arrest or jail is false and banned (FDCPA 1692e(4); Reg F 1006.18).',
        '声称或暗示不还款会被逮捕或坐牢属虚假陈述，被禁止（FDCPA 1692e(4)；Reg F 1006.18）。',
      ),
      terms: ['arrest', 'arrested', 'jail', 'prison', 'warrant', 'police', '坐牢', '逮捕'],
    },
    {
      id: 'suit-threat',
      phrase: t('“We are suing you / garnishing your wages next week.”', '“我们下周就起诉你、扣你工资。”'),
      reason: t(
        'Only action that is actually intended and lawful may be mentioned (FDCPA 1692e(5)); never any suit on a time-barred debt (Reg F 1006.26(b)).',
        '只能提及确实打算且合法的行动（FDCPA 1692e(5)）；超过诉讼时效的债务绝不能提起诉（Reg F 1006.26(b)）。',
      ),
      terms: ['sue', 'suing', 'lawsuit', 'garnish', 'garnishment', 'seize', 'lien', '起诉', '扣工资'],
    },
    {
      id: 'pose-as-authority',
      phrase: t('“I’m calling from the court / the sheriff’s office / the government.”', '“我是法院、警长办公室或政府的人。”'),
      reason: t(
        'Implying any link to a court or government, or being a lawyer when you are not, is banned (FDCPA 1692e(1), (3); Reg F 1006.18).',
        '暗示与法院或政府有关，或冒充律师，均被禁止（FDCPA 1692e(1)、(3)；Reg F 1006.18）。',
      ),
      terms: ['court officer', 'sheriff', 'government', 'attorney general', 'federal agent', 'process server', '法院', '政府'],
    },
    {
      id: 'tell-others',
      phrase: t('“If you don’t pay, we’ll tell your employer and your family.”', '“不还钱我们就告诉你老板和家人。”'),
      reason: t(
        'The debt may not be discussed with third parties (FDCPA 1692c(b); Reg F 1006.6(d)); threatening to is harassment.',
        '不得与第三方讨论债务（FDCPA 1692c(b)；Reg F 1006.6(d)）；以此相威胁属骚扰。',
      ),
      terms: ['your employer', 'your boss', 'your family', 'your neighbors', 'coworkers', '老板', '家人'],
    },
    {
      id: 'abuse',
      phrase: t('“You’re a deadbeat.”', '“你就是个赖账的。”'),
      reason: t('Obscene, profane or abusive language is banned (FDCPA 1692d(2); Reg F 1006.14(d)).', '禁止使用淫秽、亵渎或辱骂性语言（FDCPA 1692d(2)；Reg F 1006.14(d)）。'),
      terms: ['deadbeat', 'liar', 'idiot', 'stupid', 'loser', '赖账', '骗子'],
    },
    {
      id: 'crime',
      phrase: t('“Not paying this is fraud.”', '“不还这笔钱就是诈骗。”'),
      reason: t('Falsely saying the consumer committed a crime is banned (FDCPA 1692e(7)).', '谎称客户犯罪被禁止（FDCPA 1692e(7)）。'),
      terms: ['fraud', 'crime', 'criminal', 'theft', '诈骗', '犯罪'],
    },
    {
      id: 'overshadow',
      phrase: t('“Pay today or it ruins your credit forever; this is your last chance.”', '“今天不还，你的信用就永远毁了，这是最后的机会。”'),
      reason: t(
        'False urgency and overstated credit harm mislead (FDCPA 1692e(8), (10)) and, during the validation period, overshadow the right to dispute (Reg F 1006.38(b)).',
        '虚假的紧迫感和夸大的信用损害属误导（FDCPA 1692e(8)、(10)），在确认期内还会妨碍客户行使异议权（Reg F 1006.38(b)）。',
      ),
      terms: ['ruin your credit', 'credit forever', 'last chance', 'pay today or', '最后的机会', '永远'],
    },
  ],
};
