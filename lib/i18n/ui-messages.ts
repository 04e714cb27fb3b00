/**
 * The UI's strings in every supported language. English is the reference: every other language must have
 * exactly its keys (the type enforces it).
 */
const en = {
  'panel.title': 'OnScript',
  'panel.noTab': 'No dialer tab is active.',
  'panel.noCall': 'No call in this tab. OnScript shows the call here as soon as the dialer places or receives one.',
  'panel.recentCalls': 'Recent calls',
  'panel.noRecentCalls': 'No calls recorded yet.',
  'call.card': 'Current call',
  'call.number': 'Number',
  'call.state': 'State',
  'call.duration': 'Duration',
  'call.direction.outbound': 'Outbound',
  'call.direction.inbound': 'Inbound',
  'call.phase.dialing': 'Dialing',
  'call.phase.ringing': 'Ringing',
  'call.phase.connected': 'Connected',
  'call.phase.held': 'On hold',
  'call.phase.ended': 'Ended',
  'call.endedBy.local': 'You hung up',
  'call.endedBy.remote': 'The customer hung up',
  'call.endedBy.unknown': 'Call ended',
  'call.endReason.cancelled': 'Cancelled before answer',
  'call.endReason.rejected': 'Rejected',
  'call.endReason.failed': 'Did not connect',
  'call.endReason.hangup': 'Hung up',
  'call.unknownNumber': 'Unknown number',
  'options.title': 'OnScript settings',
  'options.agentName': 'Your name (as you introduce yourself)',
  'options.language': 'Interface language',
  'options.language.auto': 'Follow the browser',
  'options.save': 'Save',
  'options.saved': 'Saved.',
  'error.background': 'OnScript could not reach its background worker: {message}',
} as const;

/** A UI string key. */
export type UiMessageKey = keyof typeof en;

const zhCN: Record<UiMessageKey, string> = {
  'panel.title': 'OnScript 通话助手',
  'panel.noTab': '当前没有活动的拨号页面。',
  'panel.noCall': '此标签页暂无通话。拨号器一旦拨出或接听电话，通话会显示在这里。',
  'panel.recentCalls': '最近通话',
  'panel.noRecentCalls': '暂无通话记录。',
  'call.card': '当前通话',
  'call.number': '号码',
  'call.state': '状态',
  'call.duration': '时长',
  'call.direction.outbound': '呼出',
  'call.direction.inbound': '呼入',
  'call.phase.dialing': '正在拨号',
  'call.phase.ringing': '振铃中',
  'call.phase.connected': '通话中',
  'call.phase.held': '保持中',
  'call.phase.ended': '已结束',
  'call.endedBy.local': '您已挂断',
  'call.endedBy.remote': '客户已挂断',
  'call.endedBy.unknown': '通话已结束',
  'call.endReason.cancelled': '未接通即取消',
  'call.endReason.rejected': '对方拒接',
  'call.endReason.failed': '未能接通',
  'call.endReason.hangup': '已挂断',
  'call.unknownNumber': '未知号码',
  'options.title': 'OnScript 设置',
  'options.agentName': '您的姓名（自我介绍时使用）',
  'options.language': '界面语言',
  'options.language.auto': '跟随浏览器',
  'options.save': '保存',
  'options.saved': '已保存。',
  'error.background': 'OnScript 无法连接后台服务：{message}',
};

/** Supported UI languages. */
export type UiLanguage = 'en' | 'zh-CN';

/** The UI languages, in the order the settings list them. */
export const UI_LANGUAGES: readonly UiLanguage[] = ['zh-CN', 'en'];

const catalogs: Record<UiLanguage, Record<UiMessageKey, string>> = { en, 'zh-CN': zhCN };

/** A function from key (and `{name}` parameters) to text. */
export type Translate = (key: UiMessageKey, params?: Record<string, string | number>) => string;

/** The translator for a language. */
export function createTranslator(language: UiLanguage): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const text = catalog[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
}

/**
 * The UI language: the user's setting when set, else the first browser language OnScript speaks
 * (any Chinese variant reads the zh-CN UI), else English.
 */
export function pickUiLanguage(browserLanguages: readonly string[], setting?: UiLanguage | 'auto'): UiLanguage {
  if (setting && setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
