/**
 * Default pack: credit-card and online-loan collection calls in mainland China (profile CN-CBA-2026), written for
 * OnScript from the domain brief. Chinese is the working language; every text also carries English for
 * bilingual teams and reviewers.
 */
import type { LocalizedText, ScriptPack } from '../types.ts';

function t(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** The Chinese credit-card and online-loan collection script. */
export const cnCardLoanPack: ScriptPack = {
  format: 'onscript-pack/1',
  id: 'onscript.cn-card-loan',
  version: '1.0.0',
  title: t('信用卡及网贷逾期还款沟通话术', 'Credit card and online loan: overdue repayment call'),
  description: t(
    '适用于信用卡和个人消费贷款逾期客户的电话沟通。先核实身份，再说明欠款；文明、合法、不施压。',
    'For calls to customers with overdue credit card or consumer loan payments. Verify identity before any word about the debt; polite, lawful, no pressure.',
  ),
  languages: ['zh-CN', 'en'],
  defaultLanguage: 'zh-CN',
  compliance: { profileId: 'CN-CBA-2026' },
  variables: [
    { key: 'agent.name', label: t('坐席姓名', 'Agent name'), type: 'text', required: true },
    { key: 'company.name', label: t('机构名称', 'Bank or company name'), type: 'text', required: true },
    { key: 'company.phone', label: t('官方客服电话', 'Official service number'), type: 'text', required: true },
    { key: 'customer.name', label: t('客户称呼（如：张先生）', 'How to address the customer (e.g. Mr Zhang)'), type: 'text', required: true },
    { key: 'debt.product', label: t('产品（如：信用卡尾号1234）', 'Product (e.g. card ending 1234)'), type: 'text', required: true, help: t('只写卡号后四位，不写完整卡号。', 'Last four digits only, never the full card number.') },
    { key: 'debt.amount', label: t('逾期应还金额', 'Overdue amount'), type: 'money', required: true, currency: 'CNY' },
    { key: 'debt.dueDate', label: t('到期还款日', 'Payment due date'), type: 'date', required: true },
    { key: 'debt.interest', label: t('其中利息及费用', 'Of which interest and fees'), type: 'money', required: false, currency: 'CNY' },
    { key: 'plan.amount', label: t('约定还款金额', 'Agreed payment amount'), type: 'money', required: false, currency: 'CNY' },
    { key: 'plan.date', label: t('约定还款日期', 'Agreed payment date'), type: 'date', required: false },
    { key: 'followUp.date', label: t('下次联系日期', 'Next contact date'), type: 'date', required: false },
  ],
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: t('诚挚问候', 'Greeting'),
      body: t(
        '语气友好，语速平稳。先说明**您的姓名和所属机构**，再确认对方是否是客户本人。\n\n在确认身份之前，**不提欠款、金额或任何账户信息**。',
        'Friendly voice, steady pace. Give **your name and your organisation** first, then ask whether you are speaking to the customer.\n\nUntil identity is confirmed, **say nothing about the debt, amounts or the account**.',
      ),
      say: [
        {
          text: t(
            '您好，我是{{company.name}}的{{agent.name}}，请问您是{{customer.name}}本人吗？',
            'Hello, this is {{agent.name}} from {{company.name}}. Am I speaking with {{customer.name}}?',
          ),
        },
        { text: t('为了保障双方权益，本次通话会全程录音。', 'To protect both of us, this call is recorded.') },
      ],
      checks: [
        { id: 'self-identified', label: t('已说明本人姓名和所属机构', 'Gave my name and organisation'), required: true },
        { id: 'recording-notice', label: t('已告知通话录音', 'Said that the call is recorded'), required: false },
      ],
      choices: [
        { label: t('对方是客户本人', 'It is the customer'), next: 'identity' },
        { label: t('不是本人（家属、同事或打错）', 'Not the customer (family, colleague or wrong number)'), next: 'third-party' },
        { label: t('本人现在不方便，约定回电', 'The customer cannot talk now: arrange a callback'), next: 'callback' },
      ],
      next: 'identity',
    },
    {
      id: 'identity',
      title: t('核实身份', 'Verify identity'),
      body: t(
        '请客户**自己说出**一到两项信息来核对，例如：\n- 出生年份\n- 预留手机号后四位\n- 卡号后四位\n\n**不要**索要完整的身份证号、银行卡号、密码或验证码，也不要把这些号码写进备注。\n\n客户要求核实来电身份时，告知您的姓名、工号和机构名称，并请客户拨打官方客服电话回拨核实。',
        'Ask the customer **to state** one or two details to check, for example:\n- year of birth\n- last four digits of the registered mobile number\n- last four digits of the card\n\n**Never** ask for a full ID number, card number, password or verification code, and never put such numbers in notes.\n\nIf the customer asks who you are, give your name, staff number and organisation, and invite them to call the official service number to check.',
      ),
      say: [
        {
          text: t(
            '为了保护您的个人信息，需要先和您核对一下身份。麻烦您说一下您的出生年份，以及预留手机号的后四位。',
            'To protect your personal information I first need to confirm your identity. Could you tell me your year of birth and the last four digits of your registered mobile number?',
          ),
        },
      ],
      checks: [{ id: 'identity-verified', label: t('身份核实无误', 'Identity verified'), required: true }],
      choices: [
        { label: t('核实通过', 'Verified'), next: 'arrears' },
        { label: t('核实不通过，或对方不是本人', 'Not verified, or not the customer'), next: 'third-party' },
        { label: t('客户想先回拨官方电话核实，约定回电', 'Customer wants to call the official number first: arrange a callback'), next: 'callback' },
      ],
      next: 'arrears',
    },
    {
      id: 'arrears',
      title: t('说明欠款情况', 'Explain the arrears'),
      gate: {
        requires: ['identity-verified'],
        message: t('请先核实客户身份，再说明欠款情况。', 'Verify the customer’s identity before describing the debt.'),
      },
      body: t(
        '清楚说明**逾期金额、到期日、利息和费用**，让客户了解自己的情况。如实陈述，不夸大后果。',
        'State **the overdue amount, the due date, interest and fees** clearly so the customer understands where they stand. Be factual; never exaggerate consequences.',
      ),
      say: [
        {
          text: t(
            '{{customer.name}}，您的{{debt.product}}目前有逾期应还款{{debt.amount}}，到期还款日是{{debt.dueDate}}，其中利息和费用{{debt.interest}}。',
            '{{customer.name}}, your {{debt.product}} has an overdue balance of {{debt.amount}}, which was due on {{debt.dueDate}}; {{debt.interest}} of it is interest and fees.',
          ),
        },
        { text: t('请问您了解这笔款项的情况吗？', 'Are you aware of this balance?') },
      ],
      checks: [{ id: 'arrears-explained', label: t('已说明金额、到期日、利息和费用', 'Explained amount, due date, interest and fees'), required: true }],
      choices: [
        { label: t('客户认可，愿意商量还款', 'Customer agrees and will discuss repayment'), next: 'options' },
        { label: t('客户承诺马上还款', 'Customer promises to pay now'), next: 'commitment' },
        { label: t('客户有疑问或要求合同、交易记录', 'Customer has questions or asks for the contract and records'), next: 'concerns' },
        { label: t('客户对欠款有异议', 'Customer disputes the debt'), next: 'dispute' },
        { label: t('客户表示经济困难', 'Customer reports hardship'), next: 'hardship' },
        { label: t('客户要求停止催收来电', 'Customer asks us to stop calling'), next: 'cease' },
      ],
      next: 'options',
    },
    {
      id: 'options',
      title: t('提供还款选项', 'Offer repayment options'),
      body: t(
        '根据客户的收入和支出情况，一起商定可行的方案：\n- 一次性还清\n- 分期还款\n- 延长还款期限\n- 申请减免部分利息或费用（需按政策审批，**不得当场承诺**）\n\n**不得**建议客户借新还旧、向亲友借钱或使用其他网贷还款。',
        'Work out a plan that fits the customer’s income and outgoings:\n- pay in full\n- instalments\n- a longer repayment period\n- partial relief of interest or fees (subject to approval: **never promise it on the call**)\n\n**Never** suggest borrowing elsewhere, from family, or from another online lender to repay.',
      ),
      say: [
        {
          text: t(
            '我们可以根据您的实际情况商量一个可行的还款方案，比如分期还款或者延长还款期限。请问您每个月大概能安排多少钱用于还款？',
            'We can work out a plan that suits your situation, for example instalments or a longer repayment period. How much could you set aside for repayment each month?',
          ),
        },
      ],
      checks: [
        { id: 'ability-asked', label: t('已了解客户的还款能力和意愿', 'Asked about ability and willingness to pay'), required: false },
        { id: 'no-unapproved-relief', label: t('未承诺未经审批的减免', 'Promised no unapproved relief'), required: true },
      ],
      choices: [
        { label: t('客户同意还款方案', 'Customer agrees to a plan'), next: 'commitment' },
        { label: t('客户有疑问或要求凭证', 'Customer has questions or wants proof'), next: 'concerns' },
        { label: t('客户经济困难，需要特别安排', 'Customer is in hardship'), next: 'hardship' },
        { label: t('客户需要考虑，约定回电', 'Customer needs time: arrange a callback'), next: 'callback' },
        { label: t('客户对欠款有异议', 'Customer disputes the debt'), next: 'dispute' },
      ],
      next: 'commitment',
    },
    {
      id: 'concerns',
      title: t('解答客户疑虑', 'Answer concerns'),
      body: t(
        '耐心倾听，清楚解答。客户有权要求查看**借款合同和交易记录**，核对金额和期限；告诉客户获取途径（官方App、官方客服或寄送副本）。\n\n不确定的问题不要猜测，记录下来，按承诺的时间答复。',
        'Listen, then answer clearly. The customer may ask for **the loan contract and transaction records** to check amount and term; say how to get them (official app, official service line or a mailed copy).\n\nDo not guess: note open questions and answer them when promised.',
      ),
      say: [
        {
          text: t(
            '您的疑问我理解。您可以在官方App或拨打{{company.phone}}查看借款合同和交易明细，我也可以为您申请寄送副本，您核对后我们再沟通。',
            'I understand. You can see the contract and the transaction details in the official app or by calling {{company.phone}}, and I can also request a copy for you. We can talk again once you have checked them.',
          ),
        },
      ],
      checks: [{ id: 'proof-offered', label: t('已告知获取合同和交易记录的途径', 'Explained how to get the contract and records'), required: false }],
      choices: [
        { label: t('疑虑已解答，继续商量方案', 'Answered: back to repayment options'), next: 'options' },
        { label: t('客户仍认为欠款有误', 'Customer still disputes the debt'), next: 'dispute' },
        { label: t('客户需要时间核对，约定回电', 'Customer needs time to check: arrange a callback'), next: 'callback' },
      ],
      next: 'options',
    },
    {
      id: 'commitment',
      title: t('沟通记录', 'Record the commitment'),
      body: t(
        '与客户复述并确认**还款金额、日期和方式**，同时记入备注。\n\n提醒客户只通过官方渠道还款，**不要转账到任何个人账户**。备注中不写完整卡号或身份证号。',
        'Read back and confirm **amount, date and method**, and put them in the notes.\n\nRemind the customer to pay only through official channels, **never to a personal account**. No full card or ID numbers in notes.',
      ),
      say: [
        {
          text: t(
            '我跟您确认一下：您同意在{{plan.date}}前，通过官方渠道还款{{plan.amount}}，对吗？',
            'Let me confirm: you agree to pay {{plan.amount}} by {{plan.date}} through our official channels, is that right?',
          ),
        },
        { text: t('请只通过官方App或官方还款账户还款，不要转账给任何个人。', 'Please pay only through the official app or official account, never to an individual.') },
      ],
      checks: [
        { id: 'commitment-recorded', label: t('已记录还款金额、日期和方式', 'Recorded amount, date and method'), required: true },
        { id: 'official-channel', label: t('已提醒只通过官方渠道还款', 'Reminded: official channels only'), required: true },
      ],
      choices: [
        { label: t('客户确认，进入结束语', 'Confirmed: close the call'), next: 'closing' },
        { label: t('客户改变主意，重新商量', 'Customer changed their mind: back to options'), next: 'options' },
      ],
      next: 'closing',
    },
    {
      id: 'closing',
      title: t('结束通话', 'Close the call'),
      body: t('感谢客户配合，复述还款安排，留下联系方式。', 'Thank the customer, recap the plan, leave contact details.'),
      say: [
        {
          text: t(
            '感谢您的配合。再跟您确认一下，您会在{{plan.date}}前还款{{plan.amount}}。如有任何问题，请拨打我们的客服电话{{company.phone}}，我是{{agent.name}}。祝您生活愉快，再见。',
            'Thank you for your help. To recap, you will pay {{plan.amount}} by {{plan.date}}. If you have any questions, please call {{company.phone}}; my name is {{agent.name}}. Have a good day, goodbye.',
          ),
        },
      ],
      checks: [{ id: 'recap-given', label: t('已复述还款安排并留下联系方式', 'Recapped the plan and gave contact details'), required: true }],
      next: 'followup',
    },
    {
      id: 'followup',
      title: t('后续跟踪', 'Follow up'),
      body: t(
        '通话结束后：\n1. 在约定还款日前一到两天发送提醒短信\n2. 还款日后核查到账情况\n3. 未按约还款的，在合规时段内再次联系\n\n所有跟进都要遵守呼叫时段和频次限制。',
        'After the call:\n1. Send a reminder text one or two days before the agreed date\n2. Check the payment arrived after that date\n3. If it did not, call again within the lawful hours\n\nEvery follow-up respects calling hours and attempt limits.',
      ),
      checks: [{ id: 'followup-scheduled', label: t('已设定跟进提醒', 'Follow-up reminder set'), required: false }],
      choices: [
        { label: t('客户承诺还款', 'Promise to pay'), disposition: 'PTP' },
        { label: t('已达成分期或延期方案', 'Instalment or extension plan agreed'), disposition: 'PLAN_AGREED' },
        { label: t('已沟通，暂无承诺，按计划跟进', 'Spoke, no commitment yet: follow up'), disposition: 'FOLLOW_UP' },
      ],
    },
    {
      id: 'third-party',
      title: t('非本人接听', 'Not the customer'),
      body: t(
        '**不得透露**欠款、金额、机构业务或任何客户信息；不向家属、亲友、同事追问或施压。\n\n只留下**您的姓名和回电号码**，请对方转告。对方说打错了，致歉后结束通话。',
        '**Disclose nothing**: no debt, amount, business of the caller or any customer detail; do not question or pressure family, friends or colleagues.\n\nLeave only **your name and a callback number**. If it is a wrong number, apologise and end the call.',
      ),
      say: [
        {
          text: t(
            '不好意思打扰您了。麻烦您转告{{customer.name}}，方便时回电{{company.phone}}，我姓{{agent.name}}。谢谢您！',
            'Sorry to disturb you. Could you please ask {{customer.name}} to call {{company.phone}} when convenient? My name is {{agent.name}}. Thank you!',
          ),
        },
      ],
      checks: [{ id: 'no-disclosure', label: t('未透露任何欠款或账户信息', 'Disclosed nothing about the debt or account'), required: true }],
      choices: [
        { label: t('已请对方转告回电', 'Message left: callback requested'), disposition: 'THIRD_PARTY' },
        { label: t('号码错误，不是客户的电话', 'Wrong number'), disposition: 'WRONG_NUMBER' },
        { label: t('客户本人来接听', 'The customer came to the phone'), next: 'identity' },
      ],
    },
    {
      id: 'dispute',
      title: t('客户有异议', 'Customer disputes the debt'),
      body: t(
        '不争辩，不继续催要有异议的款项。记录异议内容（哪部分金额或日期），告知将核查并提供合同和交易记录，说明答复时间和联系方式。',
        'Do not argue and do not press for the disputed amount. Note what is disputed (which amount or date), say it will be checked and the contract and records provided, and when and how the customer will hear back.',
      ),
      say: [
        {
          text: t(
            '我理解您的疑问。我会把您的异议记录下来提交核查，并为您提供借款合同和交易明细。核查有结果后我们会联系您，您也可以拨打{{company.phone}}查询。',
            'I understand. I will record your dispute for review and arrange the contract and transaction details for you. We will contact you with the result, and you can also call {{company.phone}}.',
          ),
        },
      ],
      checks: [{ id: 'dispute-recorded', label: t('已记录异议内容', 'Dispute recorded'), required: true }],
      choices: [
        { label: t('已记录异议，结束通话', 'Dispute recorded: end the call'), disposition: 'DISPUTE' },
        { label: t('客户核对后认可欠款', 'Customer accepts the debt after all'), next: 'options' },
      ],
    },
    {
      id: 'hardship',
      title: t('经济困难', 'Hardship'),
      body: t(
        '表示理解。了解困难原因（失业、疾病、收入下降等）和每月可承受的还款额，介绍可申请的延期、分期或减免政策，并说明需要审核。\n\n**不施压**，不建议借新还旧或向他人借钱。',
        'Show understanding. Ask about the cause (job loss, illness, lower income) and what the customer can afford each month; explain the extension, instalment or relief schemes they may apply for, subject to review.\n\n**No pressure**; never suggest borrowing to repay.',
      ),
      say: [
        {
          text: t(
            '理解您现在的难处。我们可以根据您的情况申请更灵活的安排，比如延长还款期限或降低每月还款额。请问您每个月大概能承受多少？',
            'I understand this is hard. We can apply for a more flexible arrangement, such as a longer term or lower monthly payments. What could you manage each month?',
          ),
        },
      ],
      checks: [{ id: 'hardship-noted', label: t('已记录困难原因和可承受金额', 'Noted the cause and an affordable amount'), required: false }],
      choices: [
        { label: t('商定了可承受的方案', 'Affordable plan agreed'), next: 'commitment' },
        { label: t('需提交材料审核，约定回电', 'Needs review: arrange a callback'), next: 'callback' },
        { label: t('目前无力还款，记录情况', 'Cannot pay now: record the situation'), disposition: 'HARDSHIP' },
      ],
    },
    {
      id: 'cease',
      title: t('要求停止来电', 'Stop calling'),
      body: t(
        '尊重客户的要求，不争辩、不施压。记录客户的要求；如机构需要，告知客户可以书面提出。结束后将客户标记为**停止电话催收**。',
        'Respect the request; do not argue or pressure. Record it and, where the organisation needs it, say it can also be made in writing. The customer is then marked **no further collection calls**.',
      ),
      say: [
        {
          text: t(
            '好的，我已经记录您不希望再接到此类来电的要求，会按规定处理。之后如需了解账户或还款事宜，可以拨打{{company.phone}}。谢谢，再见。',
            'Understood. I have recorded that you do not want further calls like this and it will be handled as required. For anything about your account, you can call {{company.phone}}. Thank you, goodbye.',
          ),
        },
      ],
      checks: [{ id: 'cease-recorded', label: t('已记录停止来电的要求', 'Stop request recorded'), required: true }],
      choices: [{ label: t('结束通话并停止电话催收', 'End the call and stop collection calls'), disposition: 'CEASE' }],
    },
    {
      id: 'callback',
      title: t('约定回电', 'Arrange a callback'),
      body: t(
        '约定客户方便的时间，必须在合规呼叫时段内（不在夜间）。客户说明的不便时段记入备注，之后避开。',
        'Agree a time that suits the customer, inside the lawful calling hours (never at night). Note any times the customer says are inconvenient and avoid them.',
      ),
      say: [
        {
          text: t(
            '好的，请问您什么时间方便接听？我会在{{followUp.date}}再联系您，您也可以拨打{{company.phone}}找我们。',
            'Of course. When would suit you? I will call again on {{followUp.date}}, or you can reach us at {{company.phone}}.',
          ),
        },
      ],
      checks: [{ id: 'callback-time-agreed', label: t('已约定回电时间（在合规时段内）', 'Callback time agreed (within lawful hours)'), required: true }],
      choices: [{ label: t('已约定回电', 'Callback arranged'), disposition: 'CALLBACK' }],
    },
  ],
  objections: [
    {
      id: 'who-are-you',
      question: t('你是谁？怎么证明你是银行的人？', 'Who are you? How do I know you are really from the bank?'),
      answer: t(
        '告知您的**姓名、工号和机构名称**。请客户挂断后拨打官方客服电话核实。绝不要求客户提供密码或验证码。',
        'Give your **name, staff number and organisation**. Invite the customer to hang up and call the official service number to check. Never ask for a password or verification code.',
      ),
      tags: ['身份', '证明', '核实', '骗子', 'identity', 'proof', 'scam'],
    },
    {
      id: 'proof-of-debt',
      question: t('我要看合同和交易记录。', 'I want to see the contract and the transaction records.'),
      answer: t(
        '这是客户的权利。告知获取途径：官方App、官方客服，或申请寄送副本。核对后再商量还款。',
        'That is the customer’s right. Explain how to get them: official app, official service line, or a mailed copy. Discuss repayment once they have checked.',
      ),
      tags: ['合同', '账单', '交易记录', '凭证', 'contract', 'statement', 'records'],
      goTo: 'concerns',
    },
    {
      id: 'not-my-debt',
      question: t('这不是我欠的 / 金额不对。', 'This is not my debt / the amount is wrong.'),
      answer: t('不争辩，记录异议并提交核查。', 'Do not argue; record the dispute and send it for review.'),
      tags: ['异议', '不是我的', '金额不对', 'dispute', 'wrong amount'],
      goTo: 'dispute',
    },
    {
      id: 'already-paid',
      question: t('我已经还过了。', 'I have already paid.'),
      answer: t(
        '询问还款日期、金额和渠道，记入备注并核查入账；可能存在入账延迟。核查前不再催要这笔款项。',
        'Ask for the date, amount and channel of the payment, note them and have it checked; posting can be delayed. Do not press for that amount until it is checked.',
      ),
      tags: ['已还', '还过了', 'paid', 'already paid'],
    },
    {
      id: 'no-money',
      question: t('我现在没钱还。', 'I have no money right now.'),
      answer: t('表示理解，了解情况，介绍可申请的延期或分期安排。', 'Show understanding, ask about the situation and explain the extension or instalment options.'),
      tags: ['没钱', '困难', '失业', 'hardship', 'no money'],
      goTo: 'hardship',
    },
    {
      id: 'interest-too-high',
      question: t('利息和罚息太高了。', 'The interest and penalties are too high.'),
      answer: t(
        '说明利息和费用按合同计算，可以提供明细。可按政策申请减免部分利息或费用，需审批，**不当场承诺**。',
        'Explain that interest and fees follow the contract and a breakdown is available. Partial relief can be requested under the policy, subject to approval: **promise nothing on the call**.',
      ),
      tags: ['利息', '罚息', '减免', 'interest', 'fees', 'relief'],
      goTo: 'options',
    },
    {
      id: 'family-contacted',
      question: t('你们会打给我家人或单位吗？', 'Will you call my family or my employer?'),
      answer: t(
        '不会向家人、亲友或同事透露您的欠款情况。只有联系不上您时，才会请对方转告您回电，不说明原因。',
        'We never tell family, friends or colleagues about your debt. Only if we cannot reach you may we ask someone to pass on a request to call back, without saying why.',
      ),
      tags: ['家人', '单位', '同事', '隐私', 'family', 'employer', 'privacy'],
    },
    {
      id: 'stop-calling',
      question: t('别再给我打电话了。', 'Stop calling me.'),
      answer: t('尊重客户要求，记录后标记停止电话催收。', 'Respect the request, record it and mark the customer as no further calls.'),
      tags: ['停止', '别打了', '投诉', 'stop', 'cease'],
      goTo: 'cease',
    },
    {
      id: 'recording',
      question: t('你们在录音吗？', 'Are you recording this call?'),
      answer: t('是的，为保障双方权益，通话全程录音。客户也可以自行录音。', 'Yes, the call is recorded to protect both sides. The customer may record it too.'),
      tags: ['录音', 'recording'],
    },
    {
      id: 'id-number-request',
      question: t('你要我的卡号或身份证号吗？', 'Do you need my card or ID number?'),
      answer: t(
        '不需要。电话中不会索要完整的卡号、身份证号、密码或验证码，核实身份只需核对部分信息。',
        'No. We never ask for a full card number, ID number, password or verification code by phone; checking identity needs only partial details.',
      ),
      tags: ['卡号', '身份证', '验证码', '密码', 'card number', 'id number', 'code'],
    },
    {
      id: 'legal-action',
      question: t('你们会起诉我吗？', 'Are you going to sue me?'),
      answer: t(
        '如实说明：逾期会记入个人征信，机构也可能依法通过诉讼解决，但目前希望和您协商一个可行的方案。**不夸大、不威胁**，不冒充司法或政府机关。',
        'Be factual: late payment is reported to the credit reference system and the lender may go to court as the law allows, but the aim now is an arrangement that works. **No exaggeration, no threats**, never pose as a court or authority.',
      ),
      tags: ['起诉', '法院', '征信', 'lawsuit', 'court', 'credit report'],
    },
    {
      id: 'inconvenient-times',
      question: t('晚上和周末不要打给我。', 'Do not call me in the evening or at weekends.'),
      answer: t('记录客户不方便的时段，之后只在客户方便且合规的时段联系。', 'Note the inconvenient times; from now on call only at times that suit the customer and the rules.'),
      tags: ['时间', '周末', '晚上', 'time', 'weekend', 'evening'],
      goTo: 'callback',
    },
  ],
  dispositions: [
    { code: 'PTP', label: t('承诺还款', 'Promise to pay'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'PLAN_AGREED', label: t('达成还款方案', 'Repayment plan agreed'), flags: ['promiseToPay', 'rightPartyContact'] },
    { code: 'FOLLOW_UP', label: t('已沟通，待跟进', 'Spoke, follow up'), flags: ['rightPartyContact'] },
    { code: 'DISPUTE', label: t('客户有异议', 'Debt disputed'), flags: ['dispute', 'rightPartyContact'] },
    { code: 'HARDSHIP', label: t('经济困难', 'Hardship'), flags: ['hardship', 'rightPartyContact'] },
    { code: 'CEASE', label: t('要求停止来电', 'Stop calling'), flags: ['cease', 'rightPartyContact'] },
    { code: 'CALLBACK', label: t('约定回电', 'Callback arranged'), flags: ['callback'] },
    { code: 'THIRD_PARTY', label: t('第三方接听，已请转告', 'Third party: callback message left'), flags: [] },
    { code: 'WRONG_NUMBER', label: t('号码错误', 'Wrong number'), flags: ['wrongParty'] },
    { code: 'HUNG_UP', label: t('通话中断', 'Call cut off'), flags: [] },
    { code: 'VOICEMAIL', label: t('语音信箱', 'Voicemail'), flags: ['voicemail'] },
    { code: 'NO_ANSWER', label: t('无人接听', 'No answer'), flags: ['noAnswer'] },
    { code: 'LINE_BUSY', label: t('占线或空号', 'Busy or not in service'), flags: ['noConnect'] },
  ],
};
