import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../../lib/detection/numbers';
import {
  createTwilioTracker,
  isTwilioSignalingUrl,
  remoteFromParams,
  type FrameDirection,
  type TwilioTracker,
} from '../../../lib/detection/twilio';

const frame = (type: string, payload: Record<string, unknown> = {}): string =>
  JSON.stringify({ type, version: '1.6', payload });

const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n';

/** Feeds a sequence and returns every signal as [phase, extra] pairs for compact assertions. */
function run(tracker: TwilioTracker, steps: Array<[FrameDirection, string]>, start = 1000) {
  return steps.flatMap(([dir, f], i) => tracker.handleFrame(f, dir, start + i * 100).signals);
}

describe('Twilio signaling tracker', () => {
  it('follows an outbound call: invite, ringing with the real CallSid, answer, local hangup', () => {
    const tracker = createTwilioTracker({ toE164: (raw) => normalizeNumber(raw, 'US').e164 });
    const signals = run(tracker, [
      ['sent', frame('listen', { token: 'x', browserinfo: {} })],
      ['received', frame('connected', { region: 'us1' })],
      ['received', frame('ready', {})],
      ['sent', frame('invite', { callsid: 'TJSa1b2c3', sdp: SDP, twilio: { params: 'To=%2B14155552671&Agent=7' } })],
      ['received', frame('ringing', { callsid: 'CA0123456789abcdef', sdp: SDP })],
      ['received', frame('answer', { callsid: 'CA0123456789abcdef', sdp: SDP })],
      ['sent', frame('hangup', { callsid: 'CA0123456789abcdef' })],
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'ringing', 'connected', 'ended']);
    expect(new Set(signals.map((s) => s.callKey))).toEqual(new Set(['TJSa1b2c3']));
    expect(signals[0]).toMatchObject({
      source: 'twilio-ws',
      layer: 'signaling',
      direction: 'outbound',
      remote: '+14155552671',
      remoteE164: '+14155552671',
      at: 1300,
    });
    expect(signals[3]).toMatchObject({ endedBy: 'local', endReason: 'hangup' });
    expect(tracker.activeCallKeys()).toEqual([]);
  });

  it('follows an inbound call: invite with parameters, local answer, remote hangup', () => {
    const tracker = createTwilioTracker();
    const signals = run(tracker, [
      [
        'received',
        frame('invite', {
          callsid: 'CAin001',
          sdp: SDP,
          parameters: { CallSid: 'CAin001', From: '+8613800138000', To: 'client:agent7', AccountSid: 'AC1' },
        }),
      ],
      ['sent', frame('answer', { callsid: 'CAin001', sdp: SDP })],
      ['received', frame('hangup', { callsid: 'CAin001' })],
    ]);
    expect(signals.map((s) => [s.phase, s.direction])).toEqual([
      ['ringing', 'inbound'],
      ['connected', 'inbound'],
      ['ended', 'inbound'],
    ]);
    expect(signals[0]!.remote).toBe('+8613800138000');
    expect(signals[2]).toMatchObject({ endedBy: 'remote', endReason: 'hangup' });
  });

  it('reports a caller who gives up before the agent answers as cancelled by the remote side', () => {
    const tracker = createTwilioTracker();
    const signals = run(tracker, [
      ['received', frame('invite', { callsid: 'CAc1', sdp: SDP, parameters: { CallSid: 'CAc1', From: '+15550001111' } })],
      ['received', frame('cancel', { callsid: 'CAc1' })],
      // A duplicate cancel for a call already over is neither a signal nor an unknown call.
      ['received', frame('cancel', { callsid: 'CAc1' })],
    ]);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'ended']);
    expect(signals[1]).toMatchObject({ endedBy: 'remote', endReason: 'cancelled' });
    expect(tracker.handleFrame(frame('cancel', { callsid: 'CAc1' }), 'received', 9000).dropped).toBeUndefined();
  });

  it('reports an agent who declines an incoming call as rejected locally', () => {
    const tracker = createTwilioTracker();
    const signals = run(tracker, [
      ['received', frame('invite', { callsid: 'CAr1', sdp: SDP, parameters: { CallSid: 'CAr1', From: '+15550002222' } })],
      ['sent', frame('reject', { callsid: 'CAr1' })],
    ]);
    expect(signals[1]).toMatchObject({ phase: 'ended', endedBy: 'local', endReason: 'rejected' });
  });

  it('reports an outbound call hung up by the far end before answer: rejected, or failed with the error code', () => {
    const tracker = createTwilioTracker();
    const busy = run(tracker, [
      ['sent', frame('invite', { callsid: 'TJSb1', sdp: SDP, twilio: { params: 'To=%2B15550003333' } })],
      ['received', frame('ringing', { callsid: 'TJSb1' })],
      ['received', frame('hangup', { callsid: 'TJSb1' })],
    ]);
    expect(busy.at(-1)).toMatchObject({ phase: 'ended', endedBy: 'remote', endReason: 'rejected' });

    const failed = run(tracker, [
      ['sent', frame('invite', { callsid: 'TJSf1', sdp: SDP, twilio: { params: 'To=%2B15550004444' } })],
      ['received', frame('hangup', { callsid: 'TJSf1', error: { code: 31005, message: 'Connection error' } })],
    ]);
    expect(failed.at(-1)).toMatchObject({ phase: 'ended', endReason: 'failed', vendorCode: '31005' });
  });

  it('treats an agent hangup before answer on an outbound call as cancelled by the agent', () => {
    const tracker = createTwilioTracker();
    const signals = run(tracker, [
      ['sent', frame('invite', { callsid: 'TJSx1', sdp: SDP, twilio: { params: 'To=%2B15550005555' } })],
      ['sent', frame('hangup', { callsid: 'TJSx1' })],
    ]);
    expect(signals[1]).toMatchObject({ phase: 'ended', endedBy: 'local', endReason: 'cancelled' });
  });

  it('keeps two calls apart and never links a server CallSid when two outbound calls wait', () => {
    const tracker = createTwilioTracker();
    run(tracker, [
      ['sent', frame('invite', { callsid: 'TJS1', sdp: SDP, twilio: { params: 'To=%2B15550000001' } })],
      ['sent', frame('invite', { callsid: 'TJS2', sdp: SDP, twilio: { params: 'To=%2B15550000002' } })],
    ]);
    const ambiguous = tracker.handleFrame(frame('ringing', { callsid: 'CAunknown' }), 'received', 5000);
    expect(ambiguous).toEqual({ signals: [], dropped: { reason: 'unknown-call' } });
    const second = tracker.handleFrame(frame('answer', { callsid: 'TJS2' }), 'received', 5100);
    expect(second.signals).toMatchObject([{ callKey: 'TJS2', phase: 'connected', remote: '+15550000002' }]);
    expect(tracker.activeCallKeys().sort()).toEqual(['TJS1', 'TJS2']);
  });

  it('does not start a new call on a reconnect invite or a repeated invite', () => {
    const tracker = createTwilioTracker();
    const invite = frame('invite', { callsid: 'TJSr', sdp: SDP, twilio: { params: 'To=%2B15550006666' } });
    expect(tracker.handleFrame(invite, 'sent', 1).signals).toHaveLength(1);
    expect(tracker.handleFrame(invite, 'sent', 2).signals).toHaveLength(0);
    const reconnect = frame('invite', { callsid: 'TJSr', sdp: SDP, reconnect: 'token', twilio: {} });
    expect(tracker.handleFrame(reconnect, 'sent', 3).signals).toHaveLength(0);
    expect(tracker.activeCallKeys()).toEqual(['TJSr']);
  });

  it('ends the only call on a hangup without a callsid, but not when several are open', () => {
    const tracker = createTwilioTracker();
    run(tracker, [['sent', frame('invite', { callsid: 'TJSo', sdp: SDP, twilio: { params: 'To=1' } })]]);
    expect(tracker.handleFrame(frame('hangup', {}), 'received', 10).signals).toMatchObject([{ phase: 'ended' }]);

    run(tracker, [
      ['sent', frame('invite', { callsid: 'TJSp', sdp: SDP, twilio: {} })],
      ['sent', frame('invite', { callsid: 'TJSq', sdp: SDP, twilio: {} })],
    ]);
    expect(tracker.handleFrame(frame('hangup', {}), 'received', 20).dropped?.reason).toBe('unknown-call');
  });

  describe('malformed and hostile frames', () => {
    const cases: Array<[string, unknown, string]> = [
      ['binary frame', new ArrayBuffer(8), 'malformed'],
      ['SIP text on the same socket', 'INVITE sip:1@x SIP/2.0\r\n', 'malformed'],
      ['truncated JSON', '{"type":"invite","payload":{', 'malformed'],
      ['array instead of object', '[1,2,3]', 'malformed'],
      ['type of wrong kind', JSON.stringify({ type: 5, payload: {} }), 'bad-shape'],
      ['payload not an object', JSON.stringify({ type: 'invite', payload: 'x' }), 'bad-shape'],
      ['callsid with markup', frame('invite', { callsid: '<img src=x onerror=alert(1)>', twilio: {} }), 'bad-shape'],
      ['callsid not a string', frame('hangup', { callsid: 42 }), 'bad-shape'],
      ['outbound invite without callsid', frame('invite', { sdp: SDP }), 'bad-shape'],
      ['answer for an unknown call', frame('answer', { callsid: 'CAnope' }), 'unknown-call'],
    ];
    it.each(cases)('drops %s', (_name, input, reason) => {
      const tracker = createTwilioTracker();
      const result = tracker.handleFrame(input, 'sent', 1);
      expect(result.signals).toEqual([]);
      expect(result.dropped?.reason).toBe(reason);
    });

    it('drops frames over the size cap without parsing them', () => {
      const tracker = createTwilioTracker({ maxFrameChars: 1024 });
      const huge = frame('invite', { callsid: 'TJSbig', sdp: 'a'.repeat(2000), twilio: {} });
      expect(tracker.handleFrame(huge, 'sent', 1)).toEqual({ signals: [], dropped: { reason: 'too-large' } });
      expect(tracker.activeCallKeys()).toEqual([]);
    });

    it('caps the number of calls tracked at once', () => {
      const tracker = createTwilioTracker({ maxCalls: 2 });
      for (const id of ['TJS1', 'TJS2', 'TJS3']) tracker.handleFrame(frame('invite', { callsid: id, twilio: {} }), 'sent', 1);
      expect(tracker.activeCallKeys()).toEqual(['TJS1', 'TJS2']);
    });

    it('ignores transport and unrelated frames without dropping them', () => {
      const tracker = createTwilioTracker();
      for (const type of ['connected', 'ready', 'listen', 'register', 'candidate', 'dtmf', 'message', 'error']) {
        expect(tracker.handleFrame(frame(type, { callsid: 'CA1' }), 'received', 1)).toEqual({ signals: [] });
      }
    });

    it('reads the To parameter as encodeURIComponent wrote it and rejects values beyond the read bound', () => {
      expect(remoteFromParams('Agent=7&To=%2B86%20138%200013%208000')).toBe('+86 138 0013 8000');
      expect(remoteFromParams('To=+15551234567')).toBe('+15551234567');
      expect(remoteFromParams({ To: '+15551234567' })).toBe('+15551234567');
      expect(remoteFromParams('To=%E0%A4%A')).toBe('');
      // Read, and clipped to the signal's limit when the signal is made (issue 14, item 9); a megabyte is not read.
      expect(remoteFromParams(`To=${'9'.repeat(500)}`)).toBe('9'.repeat(500));
      expect(remoteFromParams(`To=${'9'.repeat(2_000)}`)).toBe('');
      expect(remoteFromParams(undefined)).toBe('');
    });

    it('strips control and bidi characters from a remote number before reporting it', () => {
      const tracker = createTwilioTracker();
      const { signals } = tracker.handleFrame(
        frame('invite', { callsid: 'TJSctl', twilio: { params: 'To=%2B1555%E2%80%AE0001%0A' } }),
        'sent',
        1,
      );
      expect(signals[0]!.remote).toBe('+1555 0001');
    });
  });

  it('recognizes the Twilio signaling socket URL only', () => {
    expect(isTwilioSignalingUrl('wss://voice-js.ashburn.twilio.com/signal')).toBe(true);
    expect(isTwilioSignalingUrl('wss://chunderw-vpc-gll.twilio.com/signal')).toBe(true);
    expect(isTwilioSignalingUrl('wss://evil.example/twilio.com/signal')).toBe(false);
    expect(isTwilioSignalingUrl('wss://twilio.com.evil.example/signal')).toBe(false);
    expect(isTwilioSignalingUrl('ws://voice-js.ashburn.twilio.com/signal')).toBe(false);
    expect(isTwilioSignalingUrl('not a url')).toBe(false);
  });
});
