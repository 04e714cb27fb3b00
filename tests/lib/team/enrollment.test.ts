import { describe, expect, it } from 'vitest';
import { enrollFailureOf, parseHubUrl, readEnrollmentCode } from '../../../lib/team/enrollment';
import { parseTeamPolicy } from '../../../lib/team/policy';

describe('the hub’s address', () => {
  it('assumes https, drops query, fragment, trailing slashes and /v1, keeps a proxy’s path', () => {
    expect(parseHubUrl(' hub.agency.example ')).toEqual({ ok: true, baseUrl: 'https://hub.agency.example', origin: 'https://hub.agency.example' });
    expect(parseHubUrl('https://hub.agency.example:8443/onscript/v1/?x=1#y')).toEqual({
      ok: true,
      baseUrl: 'https://hub.agency.example:8443/onscript',
      origin: 'https://hub.agency.example:8443',
    });
  });

  it('takes plain http only to this machine, and nothing that is not a web address', () => {
    expect(parseHubUrl('http://127.0.0.1:8787')).toMatchObject({ ok: true, baseUrl: 'http://127.0.0.1:8787' });
    expect(parseHubUrl('http://localhost:8787')).toMatchObject({ ok: true });
    expect(parseHubUrl('http://hub.agency.example')).toEqual({ ok: false, problem: 'insecure-url' });
    expect(parseHubUrl('ftp://hub.agency.example')).toEqual({ ok: false, problem: 'bad-url' });
    expect(parseHubUrl('https://user:pw@hub.example')).toEqual({ ok: false, problem: 'bad-url' });
    expect(parseHubUrl('')).toEqual({ ok: false, problem: 'bad-url' });
    expect(parseHubUrl('https://')).toEqual({ ok: false, problem: 'bad-url' });
  });

  it('reads a code as typed, refusing none and nonsense lengths', () => {
    expect(readEnrollmentCode(' abcd-efgh-jkmn ')).toBe('abcd-efgh-jkmn');
    expect(readEnrollmentCode('   ')).toBeUndefined();
    expect(readEnrollmentCode('x'.repeat(65))).toBeUndefined();
  });

  it('names each hub error by what the agent can do about it', () => {
    expect(enrollFailureOf('enrollment-invalid')).toBe('code-invalid');
    expect(enrollFailureOf('network')).toBe('unreachable');
    expect(enrollFailureOf('unavailable')).toBe('unreachable');
    expect(enrollFailureOf('rate-limited')).toBe('rate-limited');
    expect(enrollFailureOf('internal')).toBe('refused');
  });
});

describe('the team policy', () => {
  it('reads the hub’s address and what an unreachable hub means, warning by default', () => {
    expect(parseTeamPolicy({})).toEqual({ onHubUnreachable: 'warn', ignored: [] });
    expect(parseTeamPolicy({ hubUrl: 'hub.agency.example/', hubUnreachable: 'block' })).toEqual({
      hubUrl: 'https://hub.agency.example',
      onHubUnreachable: 'block',
      ignored: [],
    });
  });

  it('reports and ignores what it cannot read', () => {
    const policy = parseTeamPolicy({ hubUrl: 'http://hub.agency.example', hubUnreachable: 'stop' });
    expect(policy).toMatchObject({ onHubUnreachable: 'warn' });
    expect(policy.hubUrl).toBeUndefined();
    expect(policy.ignored).toHaveLength(2);
  });
});
