/**
 * Default pack: third-party debt collection calls in the United States (profile US-FDCPA), written for OnScript
 * from the domain brief. English is the working language; every text also carries Chinese.
 * The company is named only after the right party is confirmed, and the debt-collector disclosure
 * (Reg F 1006.18(e)) is a required check before the debt is described.
 */
import type { LocalizedText, ScriptPack } from '../types.ts';

function t(en: string, zh: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** The English debt-collection script. */
export const usCollectionsPack: ScriptPack = {
  format: 'onscript-pack/1',
  id: 'onscript.us-collections',
  version: '1.0.0',
  title: t('Consumer debt collection call', '消费债务催收通话（美国）'),
  description: t(
    'For calls about a consumer debt in the United States. Right party first, then the debt-collector disclosure, then the debt. Respectful, truthful, no pressure.',
    '适用于美国消费债务的催收电话。先确认本人，再告知债务催收声明，然后才说明欠款。尊重、真实、不施压。',
  ),
  languages: ['zh-CN', 'en'],
  defaultLanguage: 'en',
  compliance: { profileId: 'US-FDCPA' },
  variables: [
    { key: 'agent.name', label: t('Agent name', '坐席姓名'), type: 'text', required: true },
    { key: 'company.name', label: t('Company name', '公司名称'), type: 'text', required: true },
    { key: 'company.phone', label: t('Callback number', '回电号码'), type: 'text', required: true },
    { key: 'customer.name', label: t('Consumer’s full name', '客户全名'), type: 'text', required: true },
    { key: 'debt.creditor', label: t('Creditor', '债权人'), type: 'text', required: true },
    { key: 'debt.amount', label: t('Amount owed', '欠款金额'), type: 'money', required: true, currency: 'USD' },
    { key: 'debt.dueDate', label: t('Date payment was due', '到期还款日'), type: 'date', required: true },
    { key: 'debt.interest', label: t('Interest and fees included', '其中利息及费用'), type: 'money', required: false, currency: 'USD' },
    { key: 'plan.amount', label: t('Agreed payment amount', '约定还款金额'), type: 'money', required: false, currency: 'USD' },
    { key: 'plan.date', label: t('Agreed payment date', '约定还款日期'), type: 'date', required: false },
    { key: 'followUp.date', label: t('Next contact date', '下次联系日期'), type: 'date', required: false },
  ],
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: t('Greeting', '问候'),
      body: t(
        'Give **your own name** and ask for the consumer by full name. Do **not** name your company or mention a debt until the right party is confirmed: someone else may have answered.',
        '说明**您本人的姓名**，并按全名找客户本人。在确认是本人之前，**不要**说出公司名称或提到债务：接电话的可能是其他人。',
      ),
      say: [
        { text: t('Hello, my name is {{agent.name}}. May I please speak with {{customer.name}}?', '您好，我是{{agent.name}}。请问{{customer.name}}在吗？') },
        { text: t('This call may be monitored or recorded.', '本次通话可能会被监听或录音。') },
      ],
      checks: [
        { id: 'self-identified', label: t('Gave my name', '已说明本人姓名'), required: true },
        { id: 'recording-notice', label: t('Recording notice given', '已告知通话录音'), required: true },
      ],
      choices: [
        { label: t('Speaking with the consumer', '是客户本人'), next: 'identity' },
        { label: t('Someone else answered / wrong number', '其他人接听或打错'), next: 'third-party' },
        { label: t('Consumer cannot talk now: callback', '本人现在不方便，约定回电'), next: 'callback' },
      ],
      next: 'identity',
    },
    {
      id: 'identity',
      title: t('Verify identity', '核实身份'),
      body: t(
        'Ask the consumer to **state** two details, such as date of birth and street address or ZIP code. Never ask for a full Social Security or card number, and never write one in notes.\n\nOnce verified, give the company name and read the disclosure **word for word**.',
        '请客户**自己说出**两项信息，例如出生日期和街道地址或邮编。不要索要完整的社会安全号或卡号，备注中也不要写。\n\n核实通过后，说出公司名称，并**逐字**宣读债务催收声明。',
      ),
      say: [
        {
          text: t(
            'Before we continue, I need to verify I am speaking with the right person. Could you please confirm your date of birth and your ZIP code?',
            '在继续之前，我需要确认是您本人。请您说一下您的出生日期和邮编。',
          ),
        },
        {
          text: t(
            'Thank you. I am calling from {{company.name}}. This is an attempt to collect a debt and any information obtained will be used for that purpose.',
            '谢谢。我是{{company.name}}的工作人员。这是一次债务催收行为，所获得的任何信息都将用于此目的。',
          ),
        },
      ],
      checks: [
        { id: 'identity-verified', label: t('Right party verified', '已核实为本人'), required: true },
        {
          id: 'mini-miranda',
          label: t(
            'Disclosure read: “This is an attempt to collect a debt and any information obtained will be used for that purpose.”',
            '已宣读声明：“这是一次债务催收行为，所获得的任何信息都将用于此目的。”',
          ),
          required: true,
        },
      ],
      choices: [
        { label: t('Verified and disclosure read', '核实通过并已宣读声明'), next: 'arrears' },
        { label: t('Not verified / not the consumer', '核实不通过或不是本人'), next: 'third-party' },
        { label: t('Consumer wants to call back to check who we are', '客户想先回拨核实，约定回电'), next: 'callback' },
      ],
      next: 'arrears',
    },
    {
      id: 'arrears',
      title: t('Explain the balance', '说明欠款情况'),
      gate: {
        requires: ['identity-verified', 'mini-miranda'],
        message: t(
          'Verify the consumer and read the debt-collector disclosure before describing the debt.',
          '请先核实本人并宣读债务催收声明，再说明欠款情况。',
        ),
      },
      body: t(
        'State the **creditor, amount, due date, and interest and fees** plainly. Be truthful; never overstate the amount or the consequences.',
        '清楚说明**债权人、金额、到期日以及利息和费用**。如实陈述，不夸大金额或后果。',
      ),
      say: [
        {
          text: t(
            'Our records show a balance of {{debt.amount}} on your {{debt.creditor}} account, which was due on {{debt.dueDate}}. That includes {{debt.interest}} in interest and fees.',
            '我们的记录显示，您在{{debt.creditor}}的账户欠款{{debt.amount}}，到期日为{{debt.dueDate}}，其中包括利息和费用{{debt.interest}}。',
          ),
        },
        { text: t('Are you aware of this balance?', '请问您了解这笔欠款吗？') },
      ],
      checks: [{ id: 'arrears-explained', label: t('Explained creditor, amount, due date, interest and fees', '已说明债权人、金额、到期日、利息和费用'), required: true }],
      choices: [
        { label: t('Consumer will discuss repayment', '客户愿意商量还款'), next: 'options' },
        { label: t('Consumer promises to pay now', '客户承诺马上还款'), next: 'commitment' },
        { label: t('Questions, or asks for proof of the debt', '客户有疑问或要求提供债务证明'), next: 'concerns' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
        { label: t('Consumer reports hardship', '客户表示经济困难'), next: 'hardship' },
        { label: t('Consumer asks us to stop calling', '客户要求停止来电'), next: 'cease' },
      ],
      next: 'options',
    },
    {
      id: 'options',
      title: t('Offer repayment options', '提供还款选项'),
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
        { label: t('Questions or proof requested', '客户有疑问或要求证明'), next: 'concerns' },
        { label: t('Consumer is in hardship', '客户经济困难'), next: 'hardship' },
        { label: t('Consumer needs time: callback', '客户需要考虑，约定回电'), next: 'callback' },
        { label: t('Consumer disputes the debt', '客户对欠款有异议'), next: 'dispute' },
      ],
      next: 'commitment',
    },
    {
      id: 'concerns',
      title: t('Answer concerns and proof of debt', '解答疑虑与债务证明'),
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
      body: t(
        'Read back **amount, date and payment method** and put them in the notes. Payment authorizations follow your company’s consent process. No full card or account numbers in notes.',
        '复述**还款金额、日期和方式**并记入备注。付款授权按公司的同意流程办理。备注中不写完整卡号或账号。',
      ),
      say: [
        {
          text: t(
            'Just to confirm: you will pay {{plan.amount}} on or before {{plan.date}}. Is that correct?',
            '跟您确认一下：您将在{{plan.date}}或之前还款{{plan.amount}}，对吗？',
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
      body: t('Thank the consumer, recap the plan, give the callback number.', '感谢客户，复述还款安排，留下回电号码。'),
      say: [
        {
          text: t(
            'Thank you for working this out with me. To recap, {{plan.amount}} on or before {{plan.date}}. If you have any questions, call {{company.phone}} and ask for {{agent.name}}. Have a good day.',
            '感谢您的配合。再确认一下：{{plan.date}}或之前还款{{plan.amount}}。如有问题，请拨打{{company.phone}}找{{agent.name}}。祝您愉快。',
          ),
        },
      ],
      checks: [{ id: 'recap-given', label: t('Recapped the plan and gave the callback number', '已复述安排并留下回电号码'), required: true }],
      next: 'followup',
    },
    {
      id: 'followup',
      title: t('Follow up', '后续跟踪'),
      body: t(
        'After the call:\n1. Send a reminder before the agreed date, by a channel the consumer has not opted out of\n2. Check the payment posted\n3. If it did not, try again within the calling-hours and call-frequency limits\n\nA conversation about this debt starts a 7-day pause in calls about it.',
        '通话结束后：\n1. 在约定日期前，通过客户未拒绝的渠道发送提醒\n2. 核查款项是否到账\n3. 未到账的，在呼叫时段和频次限制内再次联系\n\n就该笔债务通话后，7天内不再就该债务致电。',
      ),
      checks: [{ id: 'followup-scheduled', label: t('Follow-up reminder set', '已设定跟进提醒'), required: false }],
      choices: [
        { label: t('Promise to pay', '承诺还款'), disposition: 'PTP' },
        { label: t('Payment plan agreed', '达成分期方案'), disposition: 'PLAN_AGREED' },
        { label: t('Spoke, no commitment yet', '已沟通，暂无承诺'), disposition: 'FOLLOW_UP' },
      ],
    },
    {
      id: 'third-party',
      title: t('Not the consumer', '非本人接听'),
      body: t(
        'Say **nothing** about a debt, the account or the reason for the call, and do not name the company unless asked. Leave only **your name and a callback number**. If it is a wrong number, apologise and end the call.',
        '**不得**提及债务、账户或来电原因；除非对方问起，不说公司名称。只留下**您的姓名和回电号码**。如果打错了，致歉后结束通话。',
      ),
      say: [
        {
          text: t(
            'Sorry to bother you. Could you please ask {{customer.name}} to call {{agent.name}} at {{company.phone}}? Thank you.',
            '抱歉打扰您。麻烦您转告{{customer.name}}回电{{company.phone}}找{{agent.name}}。谢谢。',
          ),
        },
      ],
      checks: [{ id: 'no-disclosure', label: t('Disclosed nothing about the debt', '未透露任何债务信息'), required: true }],
      choices: [
        { label: t('Message left: callback requested', '已请对方转告回电'), disposition: 'THIRD_PARTY' },
        { label: t('Wrong number', '号码错误'), disposition: 'WRONG_NUMBER' },
        { label: t('The consumer came to the phone', '客户本人来接听'), next: 'identity' },
      ],
    },
    {
      id: 'dispute',
      title: t('Consumer disputes the debt', '客户有异议'),
      body: t(
        'Do not argue. Note **what** is disputed and why. Explain that a written dispute within the validation period pauses collection of the disputed amount until verification is mailed.',
        '不争辩。记录异议的**内容**和理由。说明在确认期内提出书面异议的，在寄出核实材料之前，暂停催收有异议的款项。',
      ),
      say: [
        {
          text: t(
            'I understand. I have noted your dispute. If you send it in writing, we will pause collection of the disputed amount and mail you verification of the debt.',
            '我理解。我已记录您的异议。如果您以书面方式提出，我们会暂停催收有异议的款项，并把债务核实材料寄给您。',
          ),
        },
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
      id: 'cease',
      title: t('Stop calling', '要求停止来电'),
      body: t(
        'Respect the request. Record it; a written request to stop communicating ends collection contact except the notices the law allows. The account is then marked **cease**.',
        '尊重客户的要求并记录。客户书面要求停止联系后，除法律允许的通知外，不再进行催收联系。该账户随后标记为**停止联系**。',
      ),
      say: [
        {
          text: t(
            'I understand. I have recorded your request that we stop calling you. You can reach us at {{company.phone}} if you need anything about your account. Goodbye.',
            '明白了。我已记录您要求我们停止来电。如需了解账户情况，可以拨打{{company.phone}}。再见。',
          ),
        },
      ],
      checks: [{ id: 'cease-recorded', label: t('Stop request recorded', '已记录停止来电的要求'), required: true }],
      choices: [{ label: t('End the call and stop calls', '结束通话并停止来电'), disposition: 'CEASE' }],
    },
    {
      id: 'callback',
      title: t('Arrange a callback', '约定回电'),
      body: t(
        'Agree a time that suits the consumer, between 8 a.m. and 9 p.m. their local time. Times the consumer calls inconvenient are recorded and avoided.',
        '约定客户方便的时间，须在客户当地时间早8点至晚9点之间。客户说明的不便时段要记录并避开。',
      ),
      say: [
        {
          text: t(
            'Of course. When is a good time to reach you? I will call back on {{followUp.date}}, or you can call {{company.phone}}.',
            '好的，请问什么时间方便联系您？我会在{{followUp.date}}回电，您也可以拨打{{company.phone}}。',
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
      id: 'prove-it',
      question: t('Prove I owe this.', '证明我欠了这笔钱。'),
      answer: t('Explain how the account documents and the validation notice will reach the consumer.', '说明账户文件和债务确认通知的提供方式。'),
      tags: ['proof', 'validation', 'statement', '证明', '账单'],
      goTo: 'concerns',
    },
    {
      id: 'not-my-debt',
      question: t('This is not my debt.', '这不是我的债务。'),
      answer: t('Do not argue; record the dispute.', '不争辩，记录异议。'),
      tags: ['dispute', 'not mine', '异议'],
      goTo: 'dispute',
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
      id: 'legal-action',
      question: t('Are you going to sue me?', '你们会起诉我吗？'),
      answer: t(
        'Answer truthfully and only about action that is actually intended and lawful; never threaten. Focus on finding an arrangement.',
        '如实回答，只说明确实打算且合法的措施，绝不威胁。重点是找到可行的还款安排。',
      ),
      tags: ['lawsuit', 'court', 'sue', '起诉', '法院'],
    },
  ],
  dispositions: [
    { code: 'PTP', label: t('Promise to pay', '承诺还款'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'PLAN_AGREED', label: t('Payment plan agreed', '达成还款方案'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'FOLLOW_UP', label: t('Spoke, follow up', '已沟通，待跟进'), flags: ['rightPartyContact'] },
    { code: 'DISPUTE', label: t('Debt disputed', '客户有异议'), flags: ['dispute', 'rightPartyContact'] },
    { code: 'HARDSHIP', label: t('Hardship', '经济困难'), flags: ['hardship', 'rightPartyContact'] },
    { code: 'CEASE', label: t('Stop calling', '要求停止来电'), flags: ['cease', 'rightPartyContact'] },
    { code: 'CALLBACK', label: t('Callback arranged', '约定回电'), flags: ['callback'] },
    { code: 'THIRD_PARTY', label: t('Third party: message left', '第三方接听，已请转告'), flags: [] },
    { code: 'WRONG_NUMBER', label: t('Wrong number', '号码错误'), flags: ['wrongParty'] },
    { code: 'HUNG_UP', label: t('Call cut off', '通话中断'), flags: [] },
    { code: 'VOICEMAIL', label: t('Voicemail', '语音信箱'), flags: ['voicemail'] },
    { code: 'NO_ANSWER', label: t('No answer', '无人接听'), flags: ['noAnswer'] },
    { code: 'LINE_BUSY', label: t('Busy or not in service', '占线或空号'), flags: ['noConnect'] },
  ],
};
