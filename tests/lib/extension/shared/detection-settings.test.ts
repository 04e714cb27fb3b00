import { describe, expect, it } from 'vitest';
import { DEFAULT_DOM_RULES } from '../../../../lib/detection/default-dom-rules';
import { toE164 } from '../../../../lib/extension/background/detection-numbers';
import { enabledDetectionMatches } from '../../../../lib/detection/dialer-access';
import {
  domRulesFrom,
  KNOWN_DIALERS,
  originPatternFromInput,
  vendorOriginsFrom,
} from '../../../../lib/extension/shared/detection-settings';
import { loadBridgeSettings } from '../../../../lib/extension/content/bridge-settings';
import { domRulesSetting, vendorOriginsSetting } from '../../../../lib/extension/shared/settings';
import { compileMatchPattern } from '../../../../lib/detection/match-patterns';

describe('detection settings', () => {
  it('ships known dialers whose patterns are valid https origins', () => {
    expect(KNOWN_DIALERS.length).toBeGreaterThanOrEqual(5);
    for (const dialer of KNOWN_DIALERS) {
      for (const pattern of dialer.matches) {
        expect(pattern.startsWith('https://')).toBe(true);
        expect(typeof compileMatchPattern(pattern)).not.toBe('string');
      }
    }
  });

  it('turns typed origins into host permission patterns', () => {
    expect(originPatternFromInput('crm.example.com')).toBe('https://crm.example.com/*');
    expect(originPatternFromInput(' http://pbx.local:8089/ucp?x=1 ')).toBe('http://pbx.local/*');
    expect(originPatternFromInput('ftp://files.example.com')).toBeUndefined();
    expect(originPatternFromInput('https://user:pw@example.com')).toBeUndefined();
    expect(originPatternFromInput('')).toBeUndefined();
    expect(originPatternFromInput('not a host at all')).toBeUndefined();
  });

  it('falls back to the shipped DOM rules when storage holds nothing valid', () => {
    expect(domRulesFrom(null)).toBe(DEFAULT_DOM_RULES);
    expect(domRulesFrom([{ id: 'x', origins: ['nope'], selectors: {} }])).toBe(DEFAULT_DOM_RULES);
    const custom = [{ id: 'crm', origins: ['https://crm.example.com/*'], selectors: { hangupControl: '.hangup' } }];
    expect(domRulesFrom(custom)).toEqual(custom);
  });

  it('keeps only known vendors and valid patterns from the vendor origin overrides', () => {
    expect(vendorOriginsFrom({ ringcentral: ['http://localhost', 'not a pattern'], evil: ['https://x.example.com'] })).toEqual({
      ringcentral: ['http://localhost'],
    });
    expect(vendorOriginsFrom('junk')).toEqual({});
  });

  it('loads what the bridge needs from storage', async () => {
    await vendorOriginsSetting.setValue({ aircall: ['http://127.0.0.1'] });
    await domRulesSetting.setValue([{ id: 'crm', origins: ['https://crm.example.com/*'], selectors: { callTimer: '.t' } }]);
    const settings = await loadBridgeSettings();
    expect(settings.vendorOrigins).toEqual({ aircall: ['http://127.0.0.1'] });
    expect(settings.domRules.map((r) => r.id)).toEqual(['crm']);
  });

  it('normalizes with the region, and not without a number', () => {
    expect(toE164('13800138000', 'CN')).toBe('+8613800138000');
    expect(toE164('sip:+14155552671@pbx;user=phone', '')).toBe('+14155552671');
    expect(toE164('', 'CN')).toBeUndefined();
  });
});

describe('enabledDetectionMatches', () => {
  it('keeps enabled http(s) origins and drops the ones the manifest declares and catch-alls', () => {
    const granted = ['http://127.0.0.1/*', 'https://crm.example.com/*', 'https://*.my.connect.aws/*', 'https://*/*', '<all_urls>', 'https://crm.example.com/*'];
    expect(enabledDetectionMatches(granted, ['http://127.0.0.1/*', 'http://localhost/*'])).toEqual([
      'https://*.my.connect.aws/*',
      'https://crm.example.com/*',
    ]);
    // A production build declares nothing: a demo origin the agent enabled by hand is registered like any other.
    expect(enabledDetectionMatches(granted)).toEqual(['http://127.0.0.1/*', 'https://*.my.connect.aws/*', 'https://crm.example.com/*']);
  });
});
