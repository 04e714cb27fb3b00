import { describe, expect, it } from 'vitest';
import { END_REASONS } from '../../../lib/calls/types';
import { MAX_FRAME_REPORT_KEYS, validateFrameCallReport } from '../../../lib/protocol/call-messages';
import { envelope } from '../../../lib/protocol/envelope';
import { readEnvelope, senderMayPost, validateCallSignal, validatePayload } from '../../../lib/protocol/validate';

const good = { callKey: 'abc', source: 'sip-ws', phase: 'connected', direction: 'outbound', remote: '13800138000', at: 1 };

describe('validateCallSignal', () => {
  it('accepts a well-formed signal and rebuilds it', () => {
    const input = { ...good };
    const checked = validateCallSignal(input);
    expect(checked).toEqual({ ok: true, value: good });
    expect(checked.ok && checked.value).not.toBe(input);
  });

  it.each([
    ['unknown field', { ...good, html: '<b>x</b>' }],
    ['empty callKey', { ...good, callKey: '' }],
    ['huge callKey', { ...good, callKey: 'x'.repeat(300) }],
    ['bad phase', { ...good, phase: 'exploded' }],
    ['bad direction', { ...good, direction: 'sideways' }],
    ['remote too long', { ...good, remote: '1'.repeat(65) }],
    ['remote not a string', { ...good, remote: 12 }],
    ['at not finite', { ...good, at: Number.POSITIVE_INFINITY }],
    ['bad endedBy', { ...good, endedBy: 'nobody' }],
    ['bad status', { ...good, status: 42 }],
    ['unknown source', { ...good, source: 'carrier-pigeon' }],
    ['confidence above 1', { ...good, confidence: 1.5 }],
    ['confidence not a number', { ...good, confidence: 'high' }],
    ['remoteE164 not E.164', { ...good, remoteE164: '13800138000' }],
    ['vendorCode with markup', { ...good, vendorCode: '<img>' }],
    ['an array', [good]],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(validateCallSignal(value).ok).toBe(false);
  });

  it('accepts every detection source and the merge fields', () => {
    for (const source of ['twilio-ws', 'ringcentral', 'aircall', 'amazon-connect', 'zoom-phone', 'genesys-cloud', 'dom', 'media']) {
      const value = { ...good, source, confidence: 0.95, remoteE164: '+8613800138000', vendorCode: '31005' };
      expect(validateCallSignal(value)).toEqual({ ok: true, value });
    }
  });

  it('accepts every end reason, ended-unknown included, and nothing else', () => {
    for (const endReason of END_REASONS) {
      const value = { ...good, phase: 'ended', endedBy: 'unknown', endReason };
      expect(validateCallSignal(value)).toEqual({ ok: true, value });
    }
    expect(validateCallSignal({ ...good, phase: 'ended', endReason: 'unknown' }).ok).toBe(false);
  });

  it('ignores a prototype-polluting key by refusing it', () => {
    const hostile = JSON.parse(`{"callKey":"a","source":"sip-ws","phase":"ended","direction":"inbound","remote":"1","at":1,"__proto__":{"x":1}}`);
    expect(validateCallSignal(hostile).ok).toBe(false);
  });
});

describe('validateFrameCallReport', () => {
  it('accepts a frame’s call keys and copies them', () => {
    const input = { live: ['sip-ws:a'], ended: [], startedAt: 1_700_000_000_000.5 };
    const checked = validateFrameCallReport(input);
    expect(checked).toEqual({ ok: true, value: input });
    expect(checked.ok && checked.value.live).not.toBe(input.live);
  });

  it.each([
    ['no ended list', { live: [], startedAt: 1 }],
    ['no start', { live: [], ended: [] }],
    ['a start that is not a time', { live: [], ended: [], startedAt: Number.NaN }],
    ['an extra field', { live: [], ended: [], startedAt: 1, calls: [] }],
    ['a key that is not a string', { live: [1], ended: [], startedAt: 1 }],
    ['an empty key', { live: [''], ended: [], startedAt: 1 }],
    ['a huge key', { live: ['x'.repeat(300)], ended: [], startedAt: 1 }],
    ['too many keys', { live: Array.from({ length: MAX_FRAME_REPORT_KEYS + 1 }, (_, i) => `k${i}`), ended: [], startedAt: 1 }],
    ['undefined (no bridge answered)', undefined],
  ])('refuses %s', (_name, value) => {
    expect(validateFrameCallReport(value).ok).toBe(false);
  });

  it('is sent by the background only', () => {
    expect(senderMayPost('call/probe-frame', 'background')).toBe(true);
    expect(senderMayPost('call/probe-frame', 'content')).toBe(false);
    expect(validatePayload('call/probe-frame', {}).ok).toBe(false);
  });
});

describe('envelopes and senders', () => {
  it('reads only OnScript envelopes of known types', () => {
    expect(readEnvelope(envelope('ping', { sentAt: 1 })).ok).toBe(true);
    expect(readEnvelope({ protocol: 'other', type: 'ping' }).ok).toBe(false);
    expect(readEnvelope({ protocol: 'onscript/1', type: 'toString' }).ok).toBe(false);
    expect(readEnvelope('ping').ok).toBe(false);
  });

  it('lets content scripts post call signals only', () => {
    expect(senderMayPost('call/signal', 'content')).toBe(true);
    expect(senderMayPost('calls/list-recent', 'content')).toBe(false);
    expect(senderMayPost('tab/get-state', 'content')).toBe(false);
    expect(senderMayPost('tab/get-state', 'extension')).toBe(true);
  });

  it('checks request payloads', () => {
    expect(validatePayload('calls/list-recent', { limit: 5 }).ok).toBe(true);
    expect(validatePayload('calls/list-recent', { limit: 50_000 }).ok).toBe(false);
    expect(validatePayload('tab/get-state', { tabId: '3' }).ok).toBe(false);
    expect(validatePayload('tab/state-changed', {}).ok).toBe(false);
  });
});

describe('compliance/import-attempts (rows the options page read from the file)', () => {
  const rows = [
    { line: 1, fields: ['at', 'debtor_ref', 'number', 'outcome'] },
    { line: 2, fields: ['2026-03-10T01:10:00+08:00', 'D-1', '13800138000', 'unanswered'] },
  ];
  const request = { rows, unclosedQuoteLines: [4], source: 'central.csv', dateOrder: 'auto' };

  it('accepts the rows, the unclosed-quote lines and the options, rebuilt', () => {
    expect(validatePayload('compliance/import-attempts', request)).toEqual({ ok: true, value: request });
  });

  it.each([
    ['the old text form', { csv: 'at,debtor_ref,number,outcome', source: 'x.csv', rows, unclosedQuoteLines: [] }],
    ['rows not an array', { ...request, rows: 'at,number' }],
    ['a row with another key', { ...request, rows: [{ line: 1, fields: ['a'], html: '<b>' }] }],
    ['a line below 1', { ...request, rows: [{ line: 0, fields: ['a'] }] }],
    ['a fractional line', { ...request, rows: [{ line: 1.5, fields: ['a'] }] }],
    ['a field not a string', { ...request, rows: [{ line: 1, fields: [42] }] }],
    ['too many fields in a row', { ...request, rows: [{ line: 1, fields: Array.from({ length: 257 }, () => 'x') }] }],
    ['more characters than a file may have', { ...request, rows: [{ line: 1, fields: ['x'.repeat(3_000_000)] }, { line: 2, fields: ['y'.repeat(2_000_001)] }] }],
    ['an unclosed-quote line that is no line', { ...request, unclosedQuoteLines: ['4'] }],
    ['a bad date order', { ...request, dateOrder: 'sideways' }],
  ])('refuses %s', (_name, payload) => {
    expect(validatePayload('compliance/import-attempts', payload).ok).toBe(false);
  });
});
