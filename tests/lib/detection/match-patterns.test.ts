import { describe, expect, it } from 'vitest';
import { compileMatchPattern, matchesAnyPattern } from '../../../lib/detection/match-patterns';

function compiled(pattern: string) {
  const p = compileMatchPattern(pattern);
  if (typeof p === 'string') throw new Error(`${pattern}: ${p}`);
  return p;
}

describe('match patterns', () => {
  it('matches loopback on any port when no port is given, and only the path given', () => {
    const p = compiled('http://127.0.0.1/*');
    expect(p.matches('http://127.0.0.1:5173/demo/index.html')).toBe(true);
    expect(p.matches('http://127.0.0.1/')).toBe(true);
    expect(p.matches('https://127.0.0.1/')).toBe(false);
    expect(p.matches('http://127.0.0.2/')).toBe(false);
    const path = compiled('https://dialer.example.com/agent/*');
    expect(path.matches('https://dialer.example.com/agent/desk?x=1')).toBe(true);
    expect(path.matches('https://dialer.example.com/admin')).toBe(false);
  });

  it('treats a pattern without a path as an origin pattern', () => {
    const p = compiled('https://*.my.connect.aws');
    expect(p.matches('https://acme.my.connect.aws')).toBe(true);
    expect(p.matches('https://a.b.my.connect.aws/ccp-v2/')).toBe(true);
    expect(p.matches('https://my.connect.aws.evil.example')).toBe(false);
    expect(p.matches('https://evilmy.connect.aws')).toBe(false);
  });

  it('supports one inner wildcard label, exact ports and the * scheme', () => {
    expect(compiled('https://apps.*.pure.cloud').matches('https://apps.usw2.pure.cloud')).toBe(true);
    expect(compiled('https://apps.*.pure.cloud').matches('https://apps.x.y.pure.cloud')).toBe(false);
    expect(compiled('http://localhost:8080').matches('http://localhost:8080')).toBe(true);
    expect(compiled('http://localhost:8080').matches('http://localhost:8081')).toBe(false);
    expect(compiled('https://example.com:443').matches('https://example.com')).toBe(true);
    expect(compiled('*://example.com').matches('http://example.com')).toBe(true);
    expect(compiled('*://example.com').matches('ftp://example.com')).toBe(false);
  });

  it.each([
    ['example.com', 'expected <scheme>://<host>[:port][/path]'],
    ['ftp://example.com/*', 'expected <scheme>://<host>[:port][/path]'],
    ['https://apps.mypurecloud.*', 'the last host label cannot be a wildcard'],
    ['https://*.com', 'a leading wildcard needs at least two labels after it'],
    ['https://a.*.*.b', 'at most one inner wildcard label'],
    ['https://exa mple.com', 'invalid host label'],
    ['https://example.com:99999', 'port out of range'],
    ['https://300.1.1.1', 'invalid IPv4 address'],
  ])('rejects %s', (pattern, message) => {
    expect(compileMatchPattern(pattern)).toBe(message);
  });

  it('never matches unparseable input', () => {
    expect(matchesAnyPattern('null', ['*://*/*'])).toBe(false);
    expect(matchesAnyPattern('https://example.com', ['not a pattern', 'https://example.com'])).toBe(true);
  });
});
