import { describe, expect, it } from 'vitest';
import {
  hasTag,
  looksLikeSip,
  MAX_SIP_FRAME_CHARS,
  parseSipMessage,
  remotePartyOf,
} from '../../../lib/sip/parse-sip-message';
import { capturedScenario, sipFrame } from '../../fixtures/sip/frames';

describe('looksLikeSip', () => {
  it('accepts request and status lines and nothing else', () => {
    expect(looksLikeSip('INVITE sip:1@x SIP/2.0\r\nVia: x')).toBe(true);
    expect(looksLikeSip('SIP/2.0 200 OK\r\n')).toBe(true);
    expect(looksLikeSip('{"type":"invite"}')).toBe(false);
    expect(looksLikeSip('invite sip:1@x SIP/2.0\r\n')).toBe(false);
    expect(looksLikeSip('HELLO')).toBe(false);
    expect(looksLikeSip('')).toBe(false);
  });
});

describe('parseSipMessage', () => {
  it('reads a captured JsSIP INVITE', () => {
    const [invite] = capturedScenario('outbound');
    const message = parseSipMessage(invite!.data)!;
    expect(message).toMatchObject({ kind: 'request', method: 'INVITE', cseqMethod: 'INVITE', status: 0 });
    expect(message.requestUri).toBe('sip:13800138000@onscript.test');
    expect(message.callId).toMatch(/\w+/);
    expect(message.sdpDirection).toBe('sendrecv');
  });

  it('reads responses with their CSeq method', () => {
    const ringing = capturedScenario('outbound').find((frame) => frame.data.startsWith('SIP/2.0 180'))!;
    expect(parseSipMessage(ringing.data)).toMatchObject({ kind: 'response', status: 180, method: 'INVITE' });
  });

  it('understands compact header names', () => {
    const frame = sipFrame('BYE sip:a@b SIP/2.0', { i: 'abc@host', f: '<sip:1@x>;tag=1', t: '<sip:2@x>;tag=2', CSeq: '3 BYE' });
    expect(parseSipMessage(frame)).toMatchObject({ callId: 'abc@host', method: 'BYE' });
    expect(parseSipMessage(frame)!.headers['from']).toBe('<sip:1@x>;tag=1');
  });

  it('reads hold from the media-level direction', () => {
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=sendrecv\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n';
    const frame = sipFrame(
      'INVITE sip:a@b SIP/2.0',
      { 'Call-ID': 'x', CSeq: '2 INVITE', To: '<sip:a@b>;tag=9', 'Content-Type': 'application/sdp' },
      sdp,
    );
    expect(parseSipMessage(frame)!.sdpDirection).toBe('sendonly');
  });

  it('refuses frames without Call-ID or CSeq, malformed start lines and oversized frames', () => {
    expect(parseSipMessage(sipFrame('INVITE sip:a@b SIP/2.0', { CSeq: '1 INVITE' }))).toBeUndefined();
    expect(parseSipMessage(sipFrame('INVITE sip:a@b SIP/2.0', { 'Call-ID': 'x' }))).toBeUndefined();
    expect(parseSipMessage(sipFrame('SIP/2.0 99 Nope', { 'Call-ID': 'x', CSeq: '1 INVITE' }))).toBeUndefined();
    expect(parseSipMessage('INVITE sip:a@b SIP/2.0\r\n' + 'X: y\r\n'.repeat(MAX_SIP_FRAME_CHARS / 4))).toBeUndefined();
    expect(parseSipMessage('garbage')).toBeUndefined();
  });

  it('does not let header names pollute prototypes', () => {
    const frame = sipFrame('OPTIONS sip:a@b SIP/2.0', { 'Call-ID': 'x', CSeq: '1 OPTIONS', __proto__: 'polluted' });
    const message = parseSipMessage(frame)!;
    expect(Object.getPrototypeOf(message.headers)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('remotePartyOf', () => {
  it.each([
    ['"Ann" <sip:+8613800138000@host;user=phone>;tag=1', '+8613800138000'],
    ['<tel:+1-212-555-0100;phone-context=example.com>', '+1-212-555-0100'],
    ['sip:1001@pbx.example.com;tag=abc', '1001'],
    ['<sips:%2B4420799460000@example.com>', '+4420799460000'],
    ['"No uri"', undefined],
  ])('%s → %s', (header, expected) => {
    expect(remotePartyOf(header)).toBe(expected);
  });
});

describe('hasTag', () => {
  it('sees tags outside the URI only', () => {
    expect(hasTag('<sip:a@b>;tag=123')).toBe(true);
    expect(hasTag('<sip:a@b;tag=123>')).toBe(false);
    expect(hasTag('<sip:a@b>')).toBe(false);
    expect(hasTag(undefined)).toBe(false);
  });
});
