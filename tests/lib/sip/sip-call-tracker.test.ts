import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../../lib/calls/types';
import { parseSipMessage } from '../../../lib/sip/parse-sip-message';
import { createSipCallTracker, type WireDirection } from '../../../lib/sip/sip-call-tracker';
import { capturedScenario, sipFrame, type CapturedFrame } from '../../fixtures/sip/frames';

function replay(frames: CapturedFrame[], tracker = createSipCallTracker()): CallSignal[] {
  const signals: CallSignal[] = [];
  frames.forEach((frame, index) => {
    const message = parseSipMessage(frame.data);
    const signal = message && tracker.observe(message, frame.wire, 1_000 + index);
    if (signal) signals.push(signal);
  });
  return signals;
}

const summary = (signals: CallSignal[]) =>
  signals.map((s) => [s.phase, s.direction, s.remote, s.endedBy ?? '', s.endReason ?? ''].join(' ').trim());

describe('SIP call tracker on captured JsSIP ↔ Kamailio traffic', () => {
  it('outbound call with hold and resume, hung up by the agent', () => {
    expect(summary(replay(capturedScenario('outbound')))).toEqual([
      'dialing outbound 13800138000',
      'ringing outbound 13800138000',
      'connected outbound 13800138000',
      'held outbound 13800138000',
      'connected outbound 13800138000',
      'ended outbound 13800138000 local hangup',
    ]);
  });

  it('inbound call answered, hung up by the customer', () => {
    expect(summary(replay(capturedScenario('inbound')))).toEqual([
      'ringing inbound 13800138000',
      'connected inbound 13800138000',
      'ended inbound 13800138000 remote hangup',
    ]);
  });

  it('inbound call declined by the agent', () => {
    expect(summary(replay(capturedScenario('inbound-declined')))).toEqual([
      'ringing inbound 13800138000',
      'ended inbound 13800138000 local rejected',
    ]);
  });

  it('outbound call cancelled while ringing', () => {
    expect(summary(replay(capturedScenario('outbound-cancelled')))).toEqual([
      'dialing outbound 13800138000',
      'ringing outbound 13800138000',
      'ended outbound 13800138000 local cancelled',
    ]);
  });

  it('outbound call to an unknown number fails with the status', () => {
    const signals = replay(capturedScenario('outbound-not-found'));
    expect(summary(signals)).toEqual(['dialing outbound 4000', 'ended outbound 4000 remote failed']);
    expect(signals[1]!.status).toBe(404);
  });

  it('forgets ended dialogs so nothing grows per call', () => {
    const tracker = createSipCallTracker();
    for (const name of ['outbound', 'inbound', 'inbound-declined', 'outbound-cancelled', 'outbound-not-found']) {
      replay(capturedScenario(name), tracker);
    }
    expect(tracker.liveCount).toBe(0);
  });
});

describe('SIP call tracker on hand-written sequences', () => {
  const invite = (callId: string, to: string, extra: Record<string, string> = {}) =>
    sipFrame(`INVITE sip:${to}@x SIP/2.0`, { 'Call-ID': callId, CSeq: '1 INVITE', From: '<sip:agent@x>;tag=a', To: `<sip:${to}@x>`, ...extra });
  const response = (callId: string, status: string, method = 'INVITE', cseq = '1') =>
    sipFrame(`SIP/2.0 ${status}`, { 'Call-ID': callId, CSeq: `${cseq} ${method}`, To: '<sip:x@x>;tag=b' });
  const feed = (tracker: ReturnType<typeof createSipCallTracker>, wire: WireDirection, frame: string) =>
    tracker.observe(parseSipMessage(frame)!, wire, 5);

  it('treats an authentication challenge as part of the same attempt', () => {
    const tracker = createSipCallTracker();
    expect(feed(tracker, 'sent', invite('c1', '100'))?.phase).toBe('dialing');
    expect(feed(tracker, 'received', response('c1', '407 Proxy Authentication Required'))).toBeUndefined();
    expect(feed(tracker, 'sent', invite('c1', '100', { CSeq: '2 INVITE' }))).toBeUndefined();
    expect(feed(tracker, 'received', response('c1', '200 OK', 'INVITE', '2'))?.phase).toBe('connected');
  });

  it('keeps two dialogs apart (call waiting)', () => {
    const tracker = createSipCallTracker();
    feed(tracker, 'sent', invite('a', '100'));
    feed(tracker, 'received', response('a', '200 OK'));
    const waiting = feed(
      tracker,
      'received',
      sipFrame('INVITE sip:agent@x SIP/2.0', {
        'Call-ID': 'b',
        CSeq: '1 INVITE',
        From: '<sip:anonymous@x>;tag=z',
        To: '<sip:agent@x>',
        'P-Asserted-Identity': '<tel:+8613900139000>',
      }),
    );
    expect(waiting).toMatchObject({ callKey: 'b', direction: 'inbound', phase: 'ringing', remote: '+8613900139000' });
    expect(feed(tracker, 'received', sipFrame('BYE sip:agent@x SIP/2.0', { 'Call-ID': 'a', CSeq: '9 BYE' }))).toMatchObject({
      callKey: 'a',
      endedBy: 'remote',
    });
    expect(tracker.liveCount).toBe(1);
  });

  it('reads hold from an UPDATE and a remote hold as held too', () => {
    const tracker = createSipCallTracker();
    feed(tracker, 'sent', invite('h', '100'));
    feed(tracker, 'received', response('h', '200 OK'));
    const hold = sipFrame(
      'UPDATE sip:agent@x SIP/2.0',
      { 'Call-ID': 'h', CSeq: '5 UPDATE', To: '<sip:agent@x>;tag=a', 'Content-Type': 'application/sdp' },
      'v=0\r\nm=audio 9 RTP/AVP 0\r\na=inactive\r\n',
    );
    expect(feed(tracker, 'received', hold)?.phase).toBe('held');
  });

  it('ignores messages for dialogs it never saw start, and requests that are not call control', () => {
    const tracker = createSipCallTracker();
    expect(feed(tracker, 'received', sipFrame('BYE sip:a@x SIP/2.0', { 'Call-ID': 'zz', CSeq: '1 BYE' }))).toBeUndefined();
    expect(feed(tracker, 'sent', sipFrame('REGISTER sip:x SIP/2.0', { 'Call-ID': 'r', CSeq: '1 REGISTER' }))).toBeUndefined();
    expect(tracker.liveCount).toBe(0);
  });

  it('caps the number of live dialogs a page can open', () => {
    const tracker = createSipCallTracker();
    for (let i = 0; i < 100; i++) feed(tracker, 'received', invite(`flood-${i}`, 'agent'));
    expect(tracker.liveCount).toBe(32);
  });
});
