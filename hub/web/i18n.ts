/**
 * The lead view's words in English and Simplified Chinese. The Chinese catalog is typed by the English one's
 * keys, so a missing or extra key fails the type-check.
 */

const en = {
  title: 'OnScript Team Hub',
  loginHeading: 'Team lead sign-in',
  loginHelp: 'Paste the enrollment code from the hub operator (it works once), or your lead token.',
  loginLabel: 'Code or token',
  loginButton: 'Sign in',
  loginFailed: 'That code or token was not accepted. Codes work once and expire after 7 days.',
  loginNotLead: 'This code belongs to an agent. The lead view is for team leads only.',
  loginRevoked: 'This access was revoked. Ask the hub operator for a new code.',
  signedInAs: 'Signed in as',
  team: 'Team',
  logout: 'Sign out',
  summaryHeading: 'Today',
  summaryDate: 'Date',
  summaryZone: 'Time zone',
  show: 'Show',
  agent: 'Agent',
  calls: 'Calls',
  connects: 'Connects',
  talkTime: 'Talk time',
  promises: 'Promises',
  overrides: 'Overrides',
  total: 'Total',
  noAgents: 'No agents in this team yet.',
  chartTitle: 'Calls and connects per agent',
  chartDesc: 'Bar chart: for each agent, the number of calls and, below it, the number of connected calls. The table has the same figures.',
  searchHeading: 'Search',
  searchLabel: 'Debtor reference or number (E.164, e.g. +8613800138000)',
  searchButton: 'Search',
  searchNone: 'No calls found.',
  searchHelp: 'Enter a debtor reference or a number in E.164.',
  started: 'Started',
  number: 'Number',
  debtor: 'Debtor',
  disposition: 'Disposition',
  duration: 'Talk (s)',
  notes: 'Notes',
  exportHeading: 'Export',
  exportHelp: 'The team’s calls as CSV: the agent export’s columns plus hub_agent, one row per call.',
  exportFrom: 'From',
  exportTo: 'To',
  exportButton: 'Download CSV',
  language: '中文',
  badRequest: 'The request was not valid',
} as const;

/** A word of the lead view. */
export type LeadMessage = keyof typeof en;

const zhCN: Record<LeadMessage, string> = {
  title: 'OnScript 团队中心',
  loginHeading: '组长登录',
  loginHelp: '粘贴管理员给您的注册码（只能使用一次），或您的组长令牌。',
  loginLabel: '注册码或令牌',
  loginButton: '登录',
  loginFailed: '注册码或令牌无效。注册码只能使用一次，7 天后过期。',
  loginNotLead: '这是坐席的注册码。组长视图仅供组长使用。',
  loginRevoked: '此访问权限已被撤销。请向管理员索取新的注册码。',
  signedInAs: '当前用户',
  team: '团队',
  logout: '退出',
  summaryHeading: '今日',
  summaryDate: '日期',
  summaryZone: '时区',
  show: '显示',
  agent: '坐席',
  calls: '通话',
  connects: '接通',
  talkTime: '通话时长',
  promises: '承诺还款',
  overrides: '合规放行',
  total: '合计',
  noAgents: '团队里还没有坐席。',
  chartTitle: '各坐席的通话与接通',
  chartDesc: '条形图：每位坐席的通话数，下方为接通数。表格中有相同的数字。',
  searchHeading: '查询',
  searchLabel: '债务人编号或号码（E.164，例如 +8613800138000）',
  searchButton: '查询',
  searchNone: '没有找到通话。',
  searchHelp: '请输入债务人编号或 E.164 格式的号码。',
  started: '开始时间',
  number: '号码',
  debtor: '债务人',
  disposition: '结果',
  duration: '时长（秒）',
  notes: '备注',
  exportHeading: '导出',
  exportHelp: '团队通话的 CSV：与坐席导出相同的列，另加 hub_agent，每通电话一行。',
  exportFrom: '从',
  exportTo: '到',
  exportButton: '下载 CSV',
  language: 'English',
  badRequest: '请求无效',
};

/** Languages of the lead view. */
export type LeadLanguage = 'en' | 'zh-CN';

const CATALOGS: Record<LeadLanguage, Record<LeadMessage, string>> = { en, 'zh-CN': zhCN };

/** The words of one language. */
export function leadMessages(language: LeadLanguage): Record<LeadMessage, string> {
  return CATALOGS[language];
}

/** `?lang=` first, then the browser's Accept-Language: Chinese of any region gets zh-CN, anything else English. */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): LeadLanguage {
  if (query === 'zh-CN' || query === 'en') return query;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
