import { describe, expect, it } from 'vitest';
import {
  MAX_POLICY_ORIGINS,
  missingPolicyPatterns,
  originPatternFromInput,
  parseDialerOriginsPolicy,
  tabSiteAccess,
} from '../../../lib/detection/dialer-access';

describe('parseDialerOriginsPolicy', () => {
  it('turns origins into host patterns with the rules of a typed address, deduplicated', () => {
    expect(
      parseDialerOriginsPolicy(['https://flex.twilio.com', 'crm.example.com', 'http://pbx.local:8089/ucp', 'https://*.my.connect.aws', 'https://flex.twilio.com/']),
    ).toEqual({
      patterns: ['https://flex.twilio.com/*', 'https://crm.example.com/*', 'http://pbx.local/*', 'https://*.my.connect.aws/*'],
      ignored: [],
    });
    for (const entry of ['https://flex.twilio.com', 'crm.example.com']) {
      expect(parseDialerOriginsPolicy([entry]).patterns).toEqual([originPatternFromInput(entry)]);
    }
  });

  it('ignores malformed entries with a reason each, keeping the good ones', () => {
    const { patterns, ignored } = parseDialerOriginsPolicy(['ftp://files.example.com', 42, null, '', 'https://user:pw@x.example.com', 'https://ok.example.com']);
    expect(patterns).toEqual(['https://ok.example.com/*']);
    expect(ignored).toHaveLength(5);
    expect(ignored[0]).toBe('entry 0: "ftp://files.example.com" is not an http(s) origin');
    expect(ignored[1]).toContain('entry 1: 42');
  });

  it('reads no policy as nothing and a non-array as nothing with a warning', () => {
    expect(parseDialerOriginsPolicy(undefined)).toEqual({ patterns: [], ignored: [] });
    expect(parseDialerOriginsPolicy('https://flex.twilio.com')).toEqual({ patterns: [], ignored: ['enabledDialerOrigins is not an array'] });
  });

  it('caps the number of entries it reads', () => {
    const many = Array.from({ length: MAX_POLICY_ORIGINS + 5 }, (_, i) => `site${i}.example.com`);
    const { patterns, ignored } = parseDialerOriginsPolicy(many);
    expect(patterns).toHaveLength(MAX_POLICY_ORIGINS);
    expect(ignored).toEqual([`entries after the first ${MAX_POLICY_ORIGINS}`]);
  });
});

describe('missingPolicyPatterns', () => {
  it('lists the required patterns not granted yet, in policy order', () => {
    expect(missingPolicyPatterns(['https://b.example.com/*', 'https://a.example.com/*'], ['https://a.example.com/*'])).toEqual([
      'https://b.example.com/*',
    ]);
    expect(missingPolicyPatterns(['https://a.example.com/*'], ['https://a.example.com/*'])).toEqual([]);
  });
});

describe('tabSiteAccess', () => {
  const enabled = ['http://127.0.0.1/*', 'https://crm.example.com/*'];

  it('offers nothing where detection runs', () => {
    expect(tabSiteAccess('http://127.0.0.1:5173/dialer.html', enabled)).toEqual({ kind: 'enabled' });
    expect(tabSiteAccess('https://crm.example.com/calls?id=1', enabled)).toEqual({ kind: 'enabled' });
  });

  it('offers the origin of a visible address that is not enabled', () => {
    expect(tabSiteAccess('https://flex.twilio.com/agent-desktop', enabled)).toEqual({ kind: 'known', pattern: 'https://flex.twilio.com/*' });
  });

  it('asks for the address when the browser hides it, and offers nothing on non-web pages', () => {
    expect(tabSiteAccess(undefined, enabled)).toEqual({ kind: 'unknown' });
    expect(tabSiteAccess('chrome-extension://abc/options.html', enabled)).toEqual({ kind: 'not-web' });
  });
});

describe('public suffixes are never a dialer origin (issue 14, item 11)', () => {
  it.each(['https://*.co.uk', '*.com.cn', 'https://*.github.io', 'https://*.com', 'https://github.io', 'co.uk', 'https://*.awsapps.com', 'https://*.s3.amazonaws.com'])(
    'refuses %s from the address box',
    (typed) => {
      expect(originPatternFromInput(typed)).toBeUndefined();
    },
  );

  it('refuses them in the policy too, and says why', () => {
    const read = parseDialerOriginsPolicy(['https://*.co.uk', 'https://crm.example.co.uk', 'https://*.github.io', 'https://team.github.io']);
    expect(read.patterns).toEqual(['https://crm.example.co.uk/*', 'https://team.github.io/*']);
    expect(read.ignored.join(' ')).toMatch(/entry 0: .*public suffix/);
    expect(read.ignored.join(' ')).toMatch(/entry 2: .*public suffix/);
  });

  it('still takes a company\'s own domain and its subdomains', () => {
    expect(originPatternFromInput('https://*.example.com')).toBe('https://*.example.com/*');
    expect(originPatternFromInput('crm.example.com.cn')).toBe('https://crm.example.com.cn/*');
    expect(originPatternFromInput('https://*.my.connect.aws')).toBe('https://*.my.connect.aws/*');
  });
});
