import { describe, expect, it } from 'vitest';
import { createTranslator, pickUiLanguage } from '../../../lib/i18n/ui-messages';

describe('UI language', () => {
  it('follows the setting, then the browser, then English', () => {
    expect(pickUiLanguage(['en-US'], 'zh-CN')).toBe('zh-CN');
    expect(pickUiLanguage(['zh-TW', 'en'], 'auto')).toBe('zh-CN');
    expect(pickUiLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickUiLanguage(['fr-FR'])).toBe('en');
  });

  it('translates with parameters', () => {
    expect(createTranslator('en')('error.background', { message: 'gone' })).toBe('OnScript could not reach its background worker: gone');
    expect(createTranslator('zh-CN')('call.phase.connected')).toBe('通话中');
  });
});
