/**
 * Default pack: credit-card and online-loan collection calls in mainland China (profile CN-CBA-2026), written for
 * OnScript from the domain brief and the rules in docs/script-packs.md ("Where each line comes from"). Chinese is
 * the working language; every text also carries English for bilingual teams and reviewers.
 *
 * The debt gate is the identity check: every step that speaks of the debt is gated on it, and the steps anyone
 * who answers may hear (greeting, identity, not the customer, stop calling, callback, complaint, an upset
 * caller) are marked `open` and say nothing about the debt.
 */
import { BUILT_IN_PACK_IDS } from './ids.ts';
import type { LocalizedText, ScriptPack } from '../types.ts';

function t(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

const IDENTITY_GATE = {
  requires: ['identity-verified'],
  message: t('请先核实客户身份，再谈欠款。', 'Verify the customer’s identity before anything about the debt.'),
};

/** The Chinese credit-card and online-loan collection script. */
export const cnCardLoanPack: ScriptPack = {
  format: 'onscript-pack/2',
  id: BUILT_IN_PACK_IDS.cnCardLoan,
  version: '2.0.0',
  title: t('信用卡及网贷逾期还款沟通话术', 'Credit card and online loan: overdue repayment call'),
  description: t(
    '适用于信用卡和个人消费贷款逾期客户的电话沟通。先录音告知、表明身份，核实本人后才谈欠款；文明、合法、不施压。',
    'For calls to customers with overdue credit card or consumer loan payments. Recording notice and who is calling first; nothing about the debt until the customer is verified; polite, lawful, no pressure.',
  ),
  languages: ['zh-CN', 'en'],
  defaultLanguage: 'zh-CN',
  compliance: { profileId: 'CN-CBA-2026', debtGate: ['identity-verified'] },
  variables: [
    { key: 'agent.name', label: t('坐席姓名', 'Agent name'), type: 'text', required: true, help: t('来自设置，可逐个通话修改。', 'From the settings; can be changed per call.') },
    { key: 'agent.staffId', label: t('工号', 'Staff number'), type: 'text', required: true, help: t('来自设置。客户有权知道来电人员的工号。', 'From the settings. Customers may ask for it.') },
    {
      key: 'company.name',
      label: t('本机构名称', 'Your organisation'),
      type: 'text',
      required: true,
      help: t('来自设置：银行或持牌机构；委外催收机构填本公司名称。', 'From the settings: the bank or lender; an outsourced agency enters its own name.'),
    },
    {
      key: 'creditor.name',
      label: t('委托机构（委外催收时填写）', 'Commissioning lender (outsourced agencies only)'),
      type: 'text',
      required: false,
      help: t('委托您催收的银行或机构。填写后，核实身份后会说明“受……委托”。', 'The bank or lender that commissioned you. When filled, the script says so once identity is verified.'),
    },
    { key: 'company.phone', label: t('官方客服电话', 'Official service number'), type: 'text', required: true },
    { key: 'company.complaintPhone', label: t('投诉电话', 'Complaints number'), type: 'text', required: true },
    { key: 'customer.name', label: t('客户称呼（如：张先生）', 'How to address the customer (e.g. Mr Zhang)'), type: 'text', required: true },
    { key: 'debt.product', label: t('产品（如：信用卡尾号1234）', 'Product (e.g. card ending 1234)'), type: 'text', required: true, help: t('只写卡号后四位，不写完整卡号。', 'Last four digits only, never the full card number.') },
    { key: 'debt.daysPastDue', label: t('逾期天数', 'Days past due'), type: 'number', required: true },
    { key: 'debt.amount', label: t('逾期应还金额', 'Overdue amount'), type: 'money', required: true, currency: 'CNY' },
    { key: 'debt.dueDate', label: t('到期还款日', 'Payment due date'), type: 'date', required: true },
    { key: 'debt.interest', label: t('其中利息及费用', 'Of which interest and fees'), type: 'money', required: false, currency: 'CNY' },
    { key: 'plan.amount', label: t('约定还款金额', 'Agreed payment amount'), type: 'money', required: true, currency: 'CNY', help: t('与客户商定后填写。', 'Fill in once agreed with the customer.') },
    { key: 'plan.date', label: t('约定还款日期', 'Agreed payment date'), type: 'date', required: true, help: t('与客户商定后填写。', 'Fill in once agreed with the customer.') },
    {
      key: 'plan.channel',
      label: t('还款渠道（如：官方App“还款”页面）', 'Payment channel (e.g. the official app’s “Repay” page)'),
      type: 'text',
      required: true,
      help: t('只写官方渠道，绝不写个人账户。', 'Official channels only, never a personal account.'),
    },
    { key: 'followUp.date', label: t('下次联系日期', 'Next contact date'), type: 'date', required: false },
  ],
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      open: true,
      title: t('诚挚问候', 'Greeting'),
      body: t(
        '语气友好，语速平稳。先说明**您的姓名、工号和所属机构**并告知录音，再确认对方是否是客户本人。\n\n在确认身份之前，**不提欠款、逾期、金额或任何账户信息**；对方问来电事由，只说“有业务需要与本人沟通”。',
        'Friendly voice, steady pace. Give **your name, staff number and organisation** and the recording notice, then ask whether you are speaking to the customer.\n\nUntil identity is confirmed, **say nothing about the debt, arrears, amounts or the account**; if asked why you are calling, say only that it is a matter for the customer personally.',
      ),
      say: [
        {
          text: t(
            '您好，我是{{company.name}}的{{agent.name}}，工号{{agent.staffId}}。为了保障双方权益，本次通话全程录音。',
            'Hello, this is {{agent.name}} of {{company.name}}, staff number {{agent.staffId}}. To protect both of us, this call is recorded.',
          ),
        },
        { text: t('请问您是{{customer.name}}本人吗？', 'Am I speaking with {{customer.name}}?') },
      ],
      checks: [
        { id: 'self-identified', label: t('已说明本人姓名、工号和所属机构', 'Gave my name, staff number and organisation'), required: true },
        { id: 'recording-notice', label: t('已告知通话录音', 'Said that the call is recorded'), required: true },
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
      open: true,
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
      gate: IDENTITY_GATE,
      body: t(
        '先完整表明身份（委外催收机构说明受哪家机构委托），再清楚说明**逾期天数、逾期金额、到期日、利息和费用**。\n\n然后了解**未按时还款的原因**，如实告知逾期对**个人征信**的影响，并请客户**今天**安排还款。只陈述事实：**不夸大后果，不威胁**。',
        'First complete who you are (an outsourced agency says who commissioned it), then state **days past due, the overdue amount, the due date, interest and fees** clearly.\n\nThen ask **why the payment was missed**, state the **credit report** consequence as a fact, and ask the customer to pay **today**. Facts only: **no exaggeration, no threats**.',
      ),
      say: [
        {
          text: t(
            '谢谢您的配合。我是[[受{{creditor.name}}委托的]]{{company.name}}工作人员{{agent.name}}，工号{{agent.staffId}}。',
            'Thank you. I am {{agent.name}}, staff number {{agent.staffId}}, of {{company.name}}[[, calling on behalf of {{creditor.name}}]].',
          ),
        },
        {
          text: t(
            '您的{{debt.product}}已逾期{{debt.daysPastDue}}天，逾期应还款{{debt.amount}}，到期还款日是{{debt.dueDate}}[[，其中利息和费用{{debt.interest}}]]。',
            'Your {{debt.product}} is {{debt.daysPastDue}} days past due, with an overdue balance of {{debt.amount}} that was due on {{debt.dueDate}}[[; {{debt.interest}} of it is interest and fees]].',
          ),
        },
        { text: t('请问是什么原因没能按时还款呢？', 'May I ask what kept you from paying on time?') },
        {
          text: t(
            '需要如实提醒您：逾期记录会按规定报送金融信用信息基础数据库，可能影响您今后办理贷款和信用卡。',
            'I should tell you plainly: late payments are reported to the national credit reference database as the rules require, which can affect future loans and cards.',
          ),
        },
        { text: t('您今天能先把逾期的{{debt.amount}}还上吗？', 'Could you pay the overdue {{debt.amount}} today?') },
      ],
      checks: [
        { id: 'arrears-explained', label: t('已说明逾期天数、金额、到期日、利息和费用', 'Explained days past due, amount, due date, interest and fees'), required: true },
        { id: 'reason-asked', label: t('已了解未按时还款的原因', 'Asked why the payment was missed'), required: false },
        { id: 'facts-only', label: t('只陈述事实，未威胁、未夸大后果', 'Stated facts only: no threats, no exaggeration'), required: true },
      ],
      choices: [
        { label: t('客户同意今天还款', 'Customer will pay today'), next: 'commitment' },
        { label: t('客户愿意商量还款方案', 'Customer will discuss a repayment plan'), next: 'options' },
        { label: t('客户有疑问或要求合同、交易记录', 'Customer has questions or asks for the contract and records'), next: 'concerns' },
        { label: t('客户对欠款有异议', 'Customer disputes the debt'), next: 'dispute' },
        { label: t('客户表示经济困难', 'Customer reports hardship'), next: 'hardship' },
        { label: t('客户不同意还款，未达成承诺', 'Customer will not commit to paying'), next: 'no-promise' },
        { label: t('客户要求停止催收来电', 'Customer asks us to stop calling'), next: 'cease' },
        { label: t('客户要投诉', 'Customer wants to complain'), next: 'complaint' },
      ],
      next: 'options',
    },
    {
      id: 'options',
      title: t('提供还款选项', 'Offer repayment options'),
      gate: IDENTITY_GATE,
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
        { label: t('未达成任何方案', 'No plan agreed'), next: 'no-promise' },
      ],
      next: 'commitment',
    },
    {
      id: 'concerns',
      title: t('解答客户疑虑', 'Answer concerns'),
      gate: IDENTITY_GATE,
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
      gate: IDENTITY_GATE,
      body: t(
        '与客户复述并确认**还款金额、日期和渠道**，同时记入备注。\n\n提醒客户只通过官方渠道还款，**不要转账到任何个人账户**，也不要找人“代还”。备注中不写完整卡号或身份证号。',
        'Read back and confirm **amount, date and payment channel**, and put them in the notes.\n\nRemind the customer to pay only through official channels, **never to a personal account**, and never through someone offering to pay on their behalf. No full card or ID numbers in notes.',
      ),
      say: [
        {
          text: t(
            '我跟您确认一下：您同意在{{plan.date}}前，通过{{plan.channel}}还款{{plan.amount}}，对吗？',
            'Let me confirm: you will pay {{plan.amount}} by {{plan.date}} through {{plan.channel}}, is that right?',
          ),
        },
        {
          text: t(
            '请只通过官方App或官方还款账户还款，不要转账给任何个人，也不要通过他人代还。',
            'Please pay only through the official app or official account, never to an individual, and never through someone offering to pay for you.',
          ),
        },
      ],
      checks: [
        { id: 'commitment-recorded', label: t('已记录还款金额、日期和渠道', 'Recorded amount, date and channel'), required: true },
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
      gate: IDENTITY_GATE,
      body: t('感谢客户配合，复述还款安排，留下联系方式和工号。', 'Thank the customer, recap the plan, leave contact details and your staff number.'),
      say: [
        {
          text: t(
            '感谢您的配合。再跟您确认一下，您会在{{plan.date}}前通过{{plan.channel}}还款{{plan.amount}}。如有任何问题，请拨打我们的客服电话{{company.phone}}，我是{{agent.name}}，工号{{agent.staffId}}。祝您生活愉快，再见。',
            'Thank you for your help. To recap, you will pay {{plan.amount}} by {{plan.date}} through {{plan.channel}}. If you have any questions, please call {{company.phone}}; I am {{agent.name}}, staff number {{agent.staffId}}. Have a good day, goodbye.',
          ),
        },
      ],
      checks: [{ id: 'recap-given', label: t('已复述还款安排并留下联系方式', 'Recapped the plan and gave contact details'), required: true }],
      next: 'followup',
    },
    {
      id: 'followup',
      title: t('后续跟踪', 'Follow up'),
      gate: IDENTITY_GATE,
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
      open: true,
      title: t('非本人接听', 'Not the customer'),
      body: t(
        '**不得透露**欠款、逾期、金额或任何客户信息，不得向家属、亲友、同事催收或施压。\n\n只可请对方转告客户回电，或询问客户的联系方式；对方问事由，只说“有业务需要与本人沟通”。对方说打错了，致歉后结束通话；对方要求不要再打这个号码，记录并照办。',
        '**Disclose nothing**: no debt, arrears, amount or any customer detail; never collect from or pressure family, friends or colleagues.\n\nYou may only ask them to pass on a request to call back, or ask how to reach the customer; if asked why, say only that it is a matter for the customer personally. If it is a wrong number, apologise and end the call; if they ask you not to call this number again, note it and comply.',
      ),
      say: [
        {
          text: t(
            '不好意思打扰您了。麻烦您转告{{customer.name}}，方便时回电{{company.phone}}，我是{{agent.name}}。谢谢您！',
            'Sorry to disturb you. Could you please ask {{customer.name}} to call {{company.phone}} when convenient? My name is {{agent.name}}. Thank you!',
          ),
        },
      ],
      checks: [{ id: 'no-disclosure', label: t('未透露任何欠款或账户信息', 'Disclosed nothing about the debt or account'), required: true }],
      choices: [
        { label: t('已请对方转告回电', 'Message left: callback requested'), disposition: 'THIRD_PARTY' },
        { label: t('号码错误，不是客户的电话', 'Wrong number'), disposition: 'WRONG_NUMBER' },
        { label: t('客户本人来接听', 'The customer came to the phone'), next: 'identity' },
        { label: t('对方要求不要再拨打这个号码', 'They ask us not to call this number again'), next: 'third-party-stop' },
      ],
    },
    {
      id: 'third-party-stop',
      open: true,
      title: t('第三方要求不再来电', 'Third party: do not call this number'),
      body: t(
        '尊重对方的要求，不争辩，不追问客户的情况。记录后，这个号码不再用于联系客户。',
        'Respect the request; do not argue and do not ask about the customer. Once noted, this number is no longer used to reach the customer.',
      ),
      say: [{ text: t('好的，我们已经记录，不会再拨打这个号码。打扰您了，再见。', 'Understood. We have noted that and will not call this number again. Sorry to have bothered you. Goodbye.') }],
      checks: [{ id: 'third-party-stop-recorded', label: t('已记录不再拨打此号码', 'Recorded: do not call this number'), required: true }],
      choices: [{ label: t('结束通话，此号码不再拨打', 'End the call: do not call this number again'), disposition: 'THIRD_PARTY_STOP' }],
    },
    {
      id: 'dispute',
      title: t('客户有异议', 'Customer disputes the debt'),
      gate: IDENTITY_GATE,
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
      gate: IDENTITY_GATE,
      body: t(
        '表示理解。了解困难原因（失业、疾病、收入下降等）和每月可承受的还款额，介绍可申请的延期、分期或减免政策，并说明需要审核。\n\n信用卡欠款确实超出还款能力、但客户仍有还款意愿的，可以协商**个性化分期**（需提交材料审核，最长不超过5年）；其他产品按本机构政策办理。\n\n提醒客户这些安排**直接向本机构申请，不收费**，不要相信收费的“代理停息挂账”。**不施压**，不建议借新还旧或向他人借钱。',
        'Show understanding. Ask about the cause (job loss, illness, lower income) and what the customer can afford each month; explain the extension, instalment or relief schemes they may apply for, subject to review.\n\nWhere a card debt is truly beyond the customer’s means but they still want to repay, an **individual instalment plan** can be negotiated (documents and review needed; at most 5 years); other products follow your organisation’s policy.\n\nTell the customer these are **applied for directly with you, free of charge**, and not to trust paid “debt suspension” agents. **No pressure**; never suggest borrowing to repay.',
      ),
      say: [
        {
          text: t(
            '理解您现在的难处。我们可以根据您的情况申请更灵活的安排，比如延长还款期限或降低每月还款额。请问您每个月大概能承受多少？',
            'I understand this is hard. We can apply for a more flexible arrangement, such as a longer term or lower monthly payments. What could you manage each month?',
          ),
        },
        {
          text: t(
            '如果您确实有还款意愿、但短期内无力全额还款，可以申请个性化分期，需要提交收入和困难情况的材料，经审核后确定。',
            'If you want to repay but cannot pay in full for now, you can apply for an individual instalment plan; it needs documents on your income and circumstances and is decided after review.',
          ),
        },
        {
          text: t(
            '提醒您，这些申请直接找我们办理，不收任何费用。请不要相信收费的“代理停息挂账”“债务优化”，以免造成财产损失和个人信息泄露。',
            'Please note: you apply directly with us and it costs nothing. Do not trust paid “debt suspension” or “debt optimisation” agents; they can cost you money and your personal data.',
          ),
        },
      ],
      checks: [
        { id: 'hardship-noted', label: t('已记录困难原因和可承受金额', 'Noted the cause and an affordable amount'), required: false },
        { id: 'paid-agent-warning', label: t('已提醒勿信收费的代理停息挂账', 'Warned against paid debt-suspension agents'), required: true },
      ],
      choices: [
        { label: t('商定了可承受的方案', 'Affordable plan agreed'), next: 'commitment' },
        { label: t('需提交材料审核，约定回电', 'Needs review: arrange a callback'), next: 'callback' },
        { label: t('目前无力还款，记录情况', 'Cannot pay now: record the situation'), disposition: 'HARDSHIP' },
      ],
    },
    {
      id: 'no-promise',
      title: t('未达成承诺的结束', 'Close without a promise'),
      gate: IDENTITY_GATE,
      body: t(
        '客户今天不愿或不能承诺还款时，不施压、不威胁。如实说明逾期的后果和后续联系安排（在合规时段内），留下官方电话和工号，礼貌结束。',
        'When the customer will not or cannot commit today, no pressure and no threats. State the consequences as facts and how we will follow up (within the lawful hours), leave the official number and your staff number, and close politely.',
      ),
      say: [
        {
          text: t(
            '今天没能确定还款安排，我理解。逾期时间越长，利息和费用会按合同继续产生，对您信用记录的影响也越大，建议您尽快安排。',
            'I understand we could not settle a plan today. The longer the arrears run, the more interest and fees accrue under the contract and the more your credit record is affected, so please arrange payment soon.',
          ),
        },
        {
          text: t(
            '我们之后会在合适的时间再与您联系，您也可以随时拨打{{company.phone}}，我是{{agent.name}}，工号{{agent.staffId}}。感谢您接听，再见。',
            'We will contact you again at a suitable time, and you can call {{company.phone}} at any time; I am {{agent.name}}, staff number {{agent.staffId}}. Thank you for taking the call, goodbye.',
          ),
        },
      ],
      checks: [{ id: 'no-promise-closed', label: t('已说明后续安排并留下联系方式', 'Explained the follow-up and gave contact details'), required: true }],
      choices: [
        { label: t('已沟通，未承诺还款', 'Spoke, no promise to pay'), disposition: 'NO_PROMISE' },
        { label: t('客户改变主意，愿意商量', 'Customer changed their mind: back to options'), next: 'options' },
      ],
    },
    {
      id: 'cease',
      open: true,
      title: t('要求停止来电', 'Stop calling'),
      body: t(
        '尊重客户的要求，不争辩、不施压。记录客户的要求；如机构需要，告知客户可以书面提出。结束后将客户标记为**停止电话催收**。\n\n客户可能在核实身份前就提出，所以这里不提欠款。',
        'Respect the request; do not argue or pressure. Record it and, where the organisation needs it, say it can also be made in writing. The customer is then marked **no further collection calls**.\n\nThis may come before identity is verified, so nothing here mentions the debt.',
      ),
      say: [
        {
          text: t(
            '好的，我已经记录您不希望再接到此类来电的要求，会按规定处理。之后如有需要，您可以拨打{{company.phone}}。谢谢，再见。',
            'Understood. I have recorded that you do not want further calls like this, and it will be handled as required. If you need us, you can call {{company.phone}}. Thank you, goodbye.',
          ),
        },
      ],
      checks: [{ id: 'cease-recorded', label: t('已记录停止来电的要求', 'Stop request recorded'), required: true }],
      choices: [{ label: t('结束通话并停止电话催收', 'End the call and stop collection calls'), disposition: 'CEASE' }],
    },
    {
      id: 'callback',
      open: true,
      title: t('约定回电', 'Arrange a callback'),
      body: t(
        '约定客户方便的时间，必须在合规呼叫时段内（不在夜间）。客户说明的不便时段记入备注，之后避开。',
        'Agree a time that suits the customer, inside the lawful calling hours (never at night). Note any times the customer says are inconvenient and avoid them.',
      ),
      say: [
        {
          text: t(
            '好的，请问您什么时间方便接听？[[我会在{{followUp.date}}再联系您。]]您也可以拨打{{company.phone}}找我们。',
            'Of course. When would suit you?[[ I will call again on {{followUp.date}}.]] You can also reach us at {{company.phone}}.',
          ),
        },
      ],
      checks: [{ id: 'callback-time-agreed', label: t('已约定回电时间（在合规时段内）', 'Callback time agreed (within lawful hours)'), required: true }],
      choices: [{ label: t('已约定回电', 'Callback arranged'), disposition: 'CALLBACK' }],
    },
    {
      id: 'complaint',
      open: true,
      title: t('客户投诉', 'Complaint'),
      body: t(
        '不辩解、不打断。先道歉，记录投诉内容（时间、人员、事由），告知投诉电话，答复时限按本机构规定。\n\n投诉不等于要求停止来电：客户同时要求停止来电的，选“客户同时要求停止来电”。客户愿意继续沟通的，按“返回”回到原来的步骤。',
        'Do not argue or interrupt. Apologise, record the complaint (when, who, what), give the complaints number; replies follow your organisation’s time limits.\n\nA complaint is not a request to stop calling: if the customer also asks for that, choose it. If the customer wants to carry on, press Back to return to where you were.',
      ),
      say: [
        {
          text: t(
            '非常抱歉给您带来不好的感受。您的意见我已经详细记录，会提交处理。您也可以拨打投诉电话{{company.complaintPhone}}，我们会按规定时限答复您。',
            'I am sorry for the experience. I have recorded your complaint in detail and it will be passed on. You can also call our complaints line at {{company.complaintPhone}}; you will get a reply within the time the rules set.',
          ),
        },
      ],
      checks: [{ id: 'complaint-recorded', label: t('已记录投诉内容并告知投诉电话', 'Recorded the complaint and gave the complaints number'), required: true }],
      choices: [
        { label: t('已记录投诉，结束通话', 'Complaint recorded: end the call'), disposition: 'COMPLAINT' },
        { label: t('客户同时要求停止来电', 'Customer also asks us to stop calling'), next: 'cease' },
      ],
    },
    {
      id: 'upset',
      open: true,
      title: t('客户情绪激动', 'Upset or abusive customer'),
      body: t(
        '保持冷静和礼貌：不争辩、不回骂，不抢先挂断。先让客户说完，表示理解，再把话题拉回。\n\n客户持续辱骂或威胁的，提醒一次后可以礼貌结束通话并如实记录。客户平静下来后，按“返回”回到原来的步骤。',
        'Stay calm and polite: do not argue, never answer insults in kind, do not hang up first. Let the customer finish, acknowledge the feeling, then steer back.\n\nIf insults or threats go on, warn once, then you may end the call politely and note what happened. Once the customer is calm, press Back to return to where you were.',
      ),
      say: [
        { text: t('我理解您现在很着急，也很抱歉让您不愉快。您先说，我在听。', 'I understand you are upset, and I am sorry this has been unpleasant. Please go on, I am listening.') },
        { text: t('我希望我们能心平气和地沟通，这样才能帮您把事情解决好。', 'I would like us to talk calmly, so that I can help sort this out.') },
        {
          text: t(
            '如果您继续使用这样的言语，我只能先结束这次通话，您可以随时拨打{{company.phone}}联系我们。',
            'If the language continues, I will have to end this call; you can reach us at any time on {{company.phone}}.',
          ),
        },
      ],
      checks: [{ id: 'stayed-calm', label: t('保持礼貌，未争辩、未回骂', 'Stayed polite: no arguing, no insults back'), required: true }],
      choices: [
        { label: t('客户要投诉', 'Customer wants to complain'), next: 'complaint' },
        { label: t('客户要求停止来电', 'Customer asks us to stop calling'), next: 'cease' },
        { label: t('持续辱骂，已提醒后结束通话', 'Abuse went on: warned, then ended the call'), disposition: 'ABUSE_ENDED' },
      ],
    },
  ],
  objections: [
    {
      id: 'who-are-you',
      question: t('你是谁？怎么证明你是银行的人？', 'Who are you? How do I know you are really from the bank?'),
      answer: t(
        '告知您的**姓名、工号和机构名称**（委外催收机构说明受哪家机构委托）。请客户挂断后拨打官方客服电话核实。绝不要求客户提供密码或验证码。',
        'Give your **name, staff number and organisation** (an outsourced agency also says who commissioned it). Invite the customer to hang up and call the official service number to check. Never ask for a password or verification code.',
      ),
      tags: ['身份', '证明', '核实', '骗子', '工号', 'identity', 'proof', 'scam', 'staff number'],
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
      id: 'not-the-customer',
      question: t('我不是他 / 你打错了。', 'I am not that person / you have the wrong number.'),
      answer: t(
        '立即停止谈论任何欠款信息，致歉，按“非本人接听”处理。',
        'Stop saying anything about the debt at once, apologise and handle it as “not the customer”.',
      ),
      tags: ['打错', '不是本人', '不是我', 'wrong number', 'wrong person'],
      goTo: 'third-party',
    },
    {
      id: 'third-party-asks',
      question: t('（家属或同事问）他欠了多少钱？你们找他什么事？', '(Family or colleague asks) How much does he owe? What is this about?'),
      answer: t(
        '不透露任何欠款、金额或业务信息，只说“有业务需要与本人沟通”，请对方转告回电。',
        'Reveal no debt, amount or business detail; say only that it is a matter for the customer personally, and ask them to pass on a request to call back.',
      ),
      tags: ['家属', '家人', '同事', '第三方', '转告', 'family', 'colleague', 'third party'],
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
      answer: t('表示理解，了解情况，介绍可申请的延期、分期或个性化分期安排。', 'Show understanding, ask about the situation and explain the extension, instalment or individual instalment options.'),
      tags: ['没钱', '困难', '失业', '个性化分期', 'hardship', 'no money'],
      goTo: 'hardship',
    },
    {
      id: 'paid-agent',
      question: t('有公司说能帮我“停息挂账”“债务优化”，要收费。', 'A company says it can get my interest suspended for a fee.'),
      answer: t(
        '提醒客户：延期、分期、个性化分期都可以直接向本机构申请，不收费；收费的“代理停息挂账”可能骗取钱财、泄露个人信息。',
        'Tell the customer that extensions, instalments and individual instalment plans are applied for directly with us, free of charge; paid “debt suspension” agents may take their money and their personal data.',
      ),
      tags: ['停息挂账', '代理', '债务优化', '反催收', 'debt suspension', 'agent'],
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
      id: 'credit-report',
      question: t('逾期会影响征信吗？', 'Will this affect my credit report?'),
      answer: t(
        '如实说明：逾期记录按规定报送金融信用信息基础数据库；不良信息自不良行为终止之日起保存5年。**不说“黑名单”“一辈子”之类的夸大说法。**',
        'Be factual: late payments are reported to the national credit reference database, and adverse records are kept for 5 years from the day the arrears end. **Never say “blacklist” or “for life”.**',
      ),
      tags: ['征信', '信用记录', '黑名单', 'credit report', 'credit record'],
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
      tags: ['停止', '别打了', 'stop', 'cease'],
      goTo: 'cease',
    },
    {
      id: 'complaint',
      question: t('我要投诉！', 'I want to make a complaint!'),
      answer: t('先道歉，记录投诉内容，告知投诉电话。投诉不等于要求停止来电。', 'Apologise, record the complaint and give the complaints number. A complaint is not a request to stop calling.'),
      tags: ['投诉', '举报', 'complaint', 'complain'],
      goTo: 'complaint',
    },
    {
      id: 'abusive',
      question: t('客户情绪激动、骂人怎么办？', 'The customer is angry or abusive.'),
      answer: t('保持冷静和礼貌，不回骂。先安抚；持续辱骂的，提醒一次后可礼貌结束通话。', 'Stay calm and polite; never answer in kind. Calm things first; if the abuse goes on, warn once and you may end the call politely.'),
      tags: ['骂人', '辱骂', '生气', '激动', 'angry', 'abusive', 'upset'],
      goTo: 'upset',
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
        '如实说明：逾期会记入个人征信，机构也可能依法通过诉讼解决，但目前希望和您协商一个可行的方案。**不夸大、不威胁**，不说“坐牢”“拘留”，不冒充司法或政府机关。',
        'Be factual: late payment is reported to the credit reference system and the lender may go to court as the law allows, but the aim now is an arrangement that works. **No exaggeration, no threats**, never mention prison or detention, never pose as a court or authority.',
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
    { code: 'NO_PROMISE', label: t('已沟通，未承诺还款', 'Spoke, no promise to pay'), flags: ['rightPartyContact'] },
    { code: 'DISPUTE', label: t('客户有异议', 'Debt disputed'), flags: ['dispute', 'rightPartyContact'] },
    { code: 'HARDSHIP', label: t('经济困难', 'Hardship'), flags: ['hardship', 'rightPartyContact'] },
    { code: 'CEASE', label: t('要求停止来电', 'Stop calling'), flags: ['cease', 'rightPartyContact'] },
    { code: 'COMPLAINT', label: t('客户投诉', 'Complaint recorded'), flags: [] },
    { code: 'CALLBACK', label: t('约定回电', 'Callback arranged'), flags: ['callback'] },
    { code: 'THIRD_PARTY', label: t('第三方接听，已请转告', 'Third party: callback message left'), flags: [] },
    { code: 'THIRD_PARTY_STOP', label: t('第三方要求不再拨打此号码', 'Third party: do not call this number'), flags: ['wrongParty'] },
    { code: 'WRONG_NUMBER', label: t('号码错误', 'Wrong number'), flags: ['wrongParty'] },
    { code: 'ABUSE_ENDED', label: t('客户辱骂，提醒后结束通话', 'Abusive call ended after a warning'), flags: [] },
    { code: 'HUNG_UP', label: t('通话中断', 'Call cut off'), flags: [] },
    { code: 'VOICEMAIL', label: t('语音信箱', 'Voicemail'), flags: ['voicemail'] },
    { code: 'NO_ANSWER', label: t('无人接听', 'No answer'), flags: ['noAnswer'] },
    { code: 'LINE_BUSY', label: t('占线或空号', 'Busy or not in service'), flags: ['noConnect'] },
  ],
  forbiddenPhrases: [
    {
      id: 'criminal-threat',
      phrase: t('“不还钱就是诈骗，要坐牢、被拘留。”', '“Not paying is fraud; you will go to prison / be detained.”'),
      reason: t(
        '以刑事责任恐吓、夸大后果：CBA《金融机构个人消费类贷款催收工作指引（试行）》禁止威胁恐吓；《商业银行信用卡业务监督管理办法》第六十八条禁止暴力、胁迫、恐吓。',
        'A criminal threat that overstates the consequences: the CBA 2026 guideline bans intimidation; the credit card measures, Art. 68, ban violence, coercion and threats.',
      ),
      terms: ['坐牢', '拘留', '判刑', '刑事责任', '抓你', '抓人', '诈骗罪', 'jail', 'prison', 'arrest'],
    },
    {
      id: 'impersonate-authority',
      phrase: t('“我是法院（公安、检察院）的。”', '“I am calling from the court (police, procuratorate).”'),
      reason: t('冒充公检法或其他国家机关：CBA指引明令禁止。', 'Posing as a court, the police or any authority: banned by the CBA 2026 guideline.'),
      terms: ['公检法', '我是法院', '我是公安', '法院的', '公安局', '检察院', '司法机关', '警察'],
    },
    {
      id: 'visit-threat',
      phrase: t('“再不还我们就派人上门。”', '“Pay or we will send people to your home.”'),
      reason: t(
        '以上门相威胁属恐吓；外访须依规进行（CBA指引要求不少于两人、合规时段），不得作为电话中的威胁。',
        'Threatening a visit is intimidation; visits follow their own rules (the CBA guideline: at least two staff, lawful hours) and are never a threat on the phone.',
      ),
      terms: ['上门', '去你家', '到你家', '派人', '找上门'],
    },
    {
      id: 'tell-others',
      phrase: t('“不还就通知你单位、家人和通讯录里的人。”', '“Pay or we tell your employer, your family and your contacts.”'),
      reason: t(
        '向无关第三人透露或以此施压：CBA指引禁止向无关第三人催收和透露信息；信用卡办法第六十八条只允许向债务人及担保人催收。',
        'Disclosing to or pressuring unrelated third parties: the CBA guideline forbids it; the credit card measures, Art. 68, allow collection only from the debtor and guarantor.',
      ),
      terms: ['通知单位', '通知你单位', '告诉你家人', '通知家人', '通讯录', '爆通讯录', '你领导', '你同事'],
    },
    {
      id: 'insult',
      phrase: t('“你就是个老赖。”', '“You are a deadbeat.”'),
      reason: t('侮辱、辱骂：信用卡办法第六十八条和CBA指引禁止。', 'Insults and abuse: banned by the credit card measures, Art. 68, and the CBA guideline.'),
      terms: ['老赖', '骗子', '无赖', '不要脸', 'deadbeat'],
    },
    {
      id: 'borrow-to-repay',
      phrase: t('“去借网贷、找亲戚借钱或者刷卡套现来还。”', '“Borrow from an online lender or your relatives, or cash out a card, to pay.”'),
      reason: t('诱导以贷养贷、借新还旧：CBA指引禁止。', 'Pushing the customer to borrow again to repay: banned by the CBA guideline.'),
      terms: ['以贷养贷', '借新还旧', '套现', '去借钱', '借网贷'],
    },
    {
      id: 'credit-exaggeration',
      phrase: t('“上了黑名单，一辈子贷不了款，还影响子女上学。”', '“You are blacklisted for life, and your children will suffer for it.”'),
      reason: t(
        '夸大征信后果属误导：不良信息自不良行为终止之日起保存5年（《征信业管理条例》第十六条），不存在“黑名单”“一辈子”。',
        'Overstating credit consequences misleads: adverse records are kept 5 years from the end of the arrears (Credit Reporting Regulations, Art. 16); there is no “blacklist for life”.',
      ),
      terms: ['黑名单', '一辈子', '子女上学', '影响子女', '全家'],
    },
  ],
};
