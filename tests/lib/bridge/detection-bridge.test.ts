import { describe, expect, it } from 'vitest';
import { createDetectionBridge, isChildFrame, MAX_KEPT_SIGNALS } from '../../../lib/bridge/detection-bridge';
import { encodePageFrame } from '../../../lib/bridge/page-channel';
import type { CallSignal } from '../../../lib/calls/types';
import { MAX_REMOTE_CHARS, validateCallSignal } from '../../../lib/protocol/call-messages';
import type { DetectedCallSignal } from '../../../lib/detection/types';
import { capturedScenario } from '../../fixtures/sip/frames';

const RC = 'https://apps.ringcentral.com';
const twilio = (type: string, payload: Record<string, unknown>) => JSON.stringify({ type, version: '1.6', payload });

function setUp(start = 1_000) {
  let now = start;
  const signals: CallSignal[] = [];
  const bridge = createDetectionBridge({ emit: (s) => signals.push(s), now: () => now });
  return { bridge, signals, advance: (ms: number) => (now += ms), at: () => now };
}

function feedSip(bridge: ReturnType<typeof setUp>['bridge'], scenario: Parameters<typeof capturedScenario>[0], start: number) {
  for (const [index, frame] of capturedScenario(scenario).entries()) {
    bridge.acceptFrame(encodePageFrame({ wire: frame.wire, at: start + index * 100, data: frame.data }));
  }
}

describe('detection bridge: signaling', () => {
  it('emits the merged view of a SIP call under one stable key with its confidence', () => {
    const { bridge, signals } = setUp();
    feedSip(bridge, 'outbound', 1_000);
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'ringing', 'connected', 'held', 'connected', 'ended']);
    expect(new Set(signals.map((s) => s.callKey)).size).toBe(1);
    expect(signals[0]!.callKey.startsWith('sip-ws:')).toBe(true);
    expect(signals.every((s) => s.source === 'sip-ws' && s.confidence === 0.9)).toBe(true);
    expect(signals.at(-1)).toMatchObject({ endedBy: 'local', endReason: 'hangup' });
  });

  it('runs the Twilio tracker on frames the hook marked as Twilio, and only on those', () => {
    const { bridge, signals } = setUp();
    const invite = twilio('invite', { callsid: 'TJSa1', sdp: 'v=0', twilio: { params: 'To=%2B14155552671' } });
    // The same JSON without the Twilio mark (any other socket) is not read.
    bridge.acceptFrame(encodePageFrame({ wire: 'sent', at: 1_000, data: invite }));
    expect(signals).toEqual([]);
    bridge.acceptFrame(encodePageFrame({ wire: 'sent', at: 1_000, data: invite, kind: 'twilio' }));
    bridge.acceptFrame(encodePageFrame({ wire: 'received', at: 1_100, data: twilio('answer', { callsid: 'CA1' }), kind: 'twilio' }));
    bridge.acceptFrame(encodePageFrame({ wire: 'sent', at: 1_200, data: twilio('hangup', { callsid: 'CA1' }), kind: 'twilio' }));
    expect(signals.map((s) => [s.source, s.phase])).toEqual([
      ['twilio-ws', 'dialing'],
      ['twilio-ws', 'connected'],
      ['twilio-ws', 'ended'],
    ]);
    expect(signals[0]!.remote).toBe('+14155552671');
  });
});

describe('detection bridge: vendor CTI events', () => {
  const ring = { type: 'rc-call-ring-notify', call: { id: 'rc-1', direction: 'Inbound', from: '+14155552671', to: '+14155550000' } };

  it('reads a vendor event posted by a child frame of the vendor origin', () => {
    const { bridge, signals } = setUp();
    expect(bridge.acceptMessage({ origin: RC, data: ring, fromChildFrame: true })).toBe(1);
    expect(signals[0]).toMatchObject({ source: 'ringcentral', phase: 'ringing', direction: 'inbound', confidence: 0.95 });
  });

  it('ignores the same event posted by the page itself or from another origin', () => {
    const { bridge, signals } = setUp();
    expect(bridge.acceptMessage({ origin: RC, data: ring, fromChildFrame: false })).toBe(0);
    expect(bridge.acceptMessage({ origin: 'https://dialer.example.com', data: ring, fromChildFrame: true })).toBe(0);
    expect(signals).toEqual([]);
  });

  it('reads a locally configured vendor origin instead of the shipped one', () => {
    const { bridge, signals } = setUp();
    bridge.useVendorOrigins({ ringcentral: ['http://localhost'] });
    expect(bridge.acceptMessage({ origin: RC, data: ring, fromChildFrame: true })).toBe(0);
    expect(bridge.acceptMessage({ origin: 'http://localhost:5173', data: ring, fromChildFrame: true })).toBe(1);
    expect(signals).toHaveLength(1);
  });

  it('rate-limits a flood of vendor events', () => {
    const { bridge } = setUp();
    let read = 0;
    for (let i = 0; i < 500; i++) {
      const data = { type: 'rc-call-ring-notify', call: { id: `rc-${i}`, direction: 'Inbound', from: '+1415555' + String(i).padStart(4, '0'), to: 'x' } };
      read += bridge.acceptMessage({ origin: RC, data, fromChildFrame: true });
    }
    expect(read).toBeLessThanOrEqual(40);
  });
});

describe('detection bridge: merging layers', () => {
  const dom = (phase: DetectedCallSignal['phase'], at: number): DetectedCallSignal => ({
    callKey: 'dom:demo:1',
    source: 'dom',
    layer: 'dom',
    confidence: 0.6,
    phase,
    direction: 'outbound',
    remote: '13800138000',
    at,
  });

  it('reports SIP and the DOM rule seeing one call as one call, decided by SIP', () => {
    const { bridge, signals } = setUp();
    bridge.acceptDom([dom('dialing', 999)]);
    feedSip(bridge, 'outbound', 1_000);
    bridge.acceptDom([dom('ended', 2_400)]);
    expect(new Set(signals.map((s) => s.callKey))).toEqual(new Set(['dom:dom:demo:1']));
    const last = signals.at(-1)!;
    expect(last).toMatchObject({ phase: 'ended', source: 'sip-ws', endedBy: 'local' });
    // Two agreeing layers are more confident than either alone.
    expect(signals.find((s) => s.source === 'sip-ws' && s.phase === 'dialing')?.confidence).toBeGreaterThan(0.9);
    // The DOM's later end adds nothing: SIP's end is final.
    expect(signals.filter((s) => s.phase === 'ended')).toHaveLength(1);
  });

  it('keeps the key it first reported when a layer that saw the call earlier is heard later (the hook\'s port is async)', () => {
    // The hook's frames arrive over a MessagePort, a task later: the DOM rule can report the ringing call before
    // the INVITE that made the dialer show it, whose page time is earlier. It is still one call, under one key.
    const { bridge, signals } = setUp();
    bridge.acceptDom([{ ...dom('ringing', 1_050), direction: 'inbound' }]);
    feedSip(bridge, 'inbound', 1_000);
    expect(new Set(signals.map((s) => s.callKey))).toEqual(new Set(['dom:dom:demo:1']));
    expect(signals.at(-1)).toMatchObject({ phase: 'ended', source: 'sip-ws' });
  });

  it('keeps memory bounded even for calls in quick succession, and ignores late signals of forgotten calls', () => {
    const { bridge, signals } = setUp();
    for (let call = 0; call < 100; call++) {
      bridge.acceptDom([{ ...dom('connected', 1_000 + call * 10), callKey: `dom:demo:${call}` }]);
      bridge.acceptDom([{ ...dom('ended', 1_005 + call * 10), callKey: `dom:demo:${call}` }]);
    }
    expect(bridge.keptSignals).toBeLessThanOrEqual(20);
    expect(signals).toHaveLength(200);
    bridge.acceptDom([{ ...dom('connected', 5_000), callKey: 'dom:demo:90' }]);
    expect(signals).toHaveLength(200);
  });

  it('keeps memory bounded: ended calls are forgotten', () => {
    const { bridge, advance, at } = setUp();
    for (let call = 0; call < 120; call++) {
      const t = at();
      bridge.acceptDom([{ ...dom('connected', t), callKey: `dom:demo:${call}` }]);
      bridge.acceptDom([{ ...dom('ended', t + 10), callKey: `dom:demo:${call}` }]);
      advance(60_000);
    }
    expect(bridge.keptSignals).toBeLessThan(10);
    expect(bridge.keptSignals).toBeLessThanOrEqual(MAX_KEPT_SIGNALS);
  });
});

describe('isChildFrame', () => {
  it('accepts only a direct child frame', () => {
    const child = {};
    const host = { frames: { length: 1, 0: child } };
    expect(isChildFrame(host, child)).toBe(true);
    expect(isChildFrame(host, host)).toBe(false);
    expect(isChildFrame(host, {})).toBe(false);
    expect(isChildFrame(host, null)).toBe(false);
  });
});

describe('detection bridge: media confirmation', () => {
  const media = (id: number, at: number) => encodePageFrame({ wire: 'received', at, data: `${id}:connected`, kind: 'media' });
  const frames = capturedScenario('outbound');
  const answeredAt = frames.findIndex((frame) => frame.data.startsWith('SIP/2.0 200') && /CSeq: \d+ INVITE/.test(frame.data));

  it('raises the confidence of a connected call and never makes a call on its own', () => {
    const { bridge, signals } = setUp();
    expect(bridge.acceptFrame(media(1, 900))).toBe(0);
    expect(signals).toEqual([]);

    for (const [index, frame] of frames.slice(0, answeredAt + 1).entries()) {
      bridge.acceptFrame(encodePageFrame({ wire: frame.wire, at: 1_000 + index * 100, data: frame.data }));
    }
    expect(signals.at(-1)).toMatchObject({ phase: 'connected', confidence: 0.9 });
    expect(bridge.acceptFrame(media(2, 1_000 + answeredAt * 100 + 20))).toBe(1);
    const confirmed = signals.at(-1)!;
    expect(confirmed).toMatchObject({ phase: 'connected', source: 'sip-ws', callKey: signals[0]!.callKey });
    expect(confirmed.confidence).toBeGreaterThan(0.9);
  });

  it('refuses forged media frames', () => {
    const { bridge, signals } = setUp();
    expect(bridge.acceptFrame(JSON.stringify(['received', 1, '<b>1</b>:connected', 'media']))).toBe(0);
    expect(bridge.acceptFrame(JSON.stringify(['received', 1, '1:connected', 'webrtc']))).toBe(0);
    expect(signals).toEqual([]);
  });
});

describe('detection bridge: the page going away', () => {
  const frames = capturedScenario('outbound');
  const answeredAt = frames.findIndex((frame) => frame.data.startsWith('SIP/2.0 200') && /CSeq: \d+ INVITE/.test(frame.data));
  const ring = { type: 'rc-call-ring-notify', call: { id: 'rc-1', direction: 'Inbound', from: '+14155552671', to: '+14155550000' } };

  it('ends every live call with ended-unknown on pagehide, once, and no call that already ended', () => {
    const { bridge, signals, advance, at } = setUp();
    for (const [index, frame] of frames.slice(0, answeredAt + 1).entries()) {
      bridge.acceptFrame(encodePageFrame({ wire: frame.wire, at: 1_000 + index * 100, data: frame.data }));
    }
    bridge.acceptMessage({ origin: RC, data: ring, fromChildFrame: true });
    feedSip(bridge, 'inbound-declined', 3_000);
    const sipCall = signals[0]!;
    const before = signals.length;
    advance(5_000);

    expect(bridge.endLiveCalls()).toBe(2);
    const last = signals.slice(before);
    expect(last).toEqual([
      expect.objectContaining({ callKey: sipCall.callKey, source: 'sip-ws', phase: 'ended', endedBy: 'unknown', endReason: 'ended-unknown', at: at(), remote: sipCall.remote }),
      expect.objectContaining({ source: 'ringcentral', phase: 'ended', endedBy: 'unknown', endReason: 'ended-unknown', at: at() }),
    ]);
    // A page restored from the back/forward cache: nothing live is left to end, and its old calls stay ended.
    expect(bridge.endLiveCalls()).toBe(0);
    // (The rest of the captured call holds, resumes and hangs up: each would be news to a live call.)
    for (const [index, frame] of frames.slice(answeredAt + 1).entries()) {
      bridge.acceptFrame(encodePageFrame({ wire: frame.wire, at: at() + index * 100, data: frame.data }));
    }
    expect(signals).toHaveLength(before + 2);
  });

  it('names the calls it reported, live and ended, when the background asks', () => {
    const { bridge, signals } = setUp();
    expect(bridge.reportedCalls()).toEqual({ live: [], ended: [] });
    feedSip(bridge, 'inbound-declined', 1_000);
    for (const [index, frame] of frames.slice(0, answeredAt + 1).entries()) {
      bridge.acceptFrame(encodePageFrame({ wire: frame.wire, at: 2_000 + index * 100, data: frame.data }));
    }
    const keys = [...new Set(signals.map((s) => s.callKey))];
    expect(bridge.reportedCalls()).toEqual({ live: [keys[1]], ended: [keys[0]] });
  });
});

describe('one limit on the number, clipped where the signal is made (issue 14, item 9)', () => {
  // 66 characters: over the protocol's limit, which the readers used to accept and the background then refused.
  const long = `+86${'1'.repeat(63)}`;

  it.each([
    [
      'a vendor CTI event',
      (bridge: ReturnType<typeof setUp>['bridge']) =>
        bridge.acceptMessage({ origin: RC, data: { type: 'rc-call-ring-notify', call: { id: 'rc-long', direction: 'Inbound', from: long, to: '+14155550000' } }, fromChildFrame: true }),
    ],
    [
      'a Twilio invite',
      (bridge: ReturnType<typeof setUp>['bridge']) =>
        bridge.acceptFrame(encodePageFrame({ wire: 'sent', at: 1_000, data: twilio('invite', { callsid: 'TJSlong', sdp: 'v=0', twilio: { params: `To=${encodeURIComponent(long)}` } }), kind: 'twilio' })),
    ],
    [
      'a SIP INVITE',
      (bridge: ReturnType<typeof setUp>['bridge']) =>
        bridge.acceptFrame(
          encodePageFrame({
            wire: 'sent',
            at: 1_000,
            data: `INVITE sip:${long}@x SIP/2.0\r\nVia: SIP/2.0/WSS x;branch=z9hG4bKl\r\nCall-ID: long@x\r\nCSeq: 1 INVITE\r\nFrom: <sip:agent@x>;tag=a\r\nTo: <sip:${long}@x>\r\nContent-Length: 0\r\n\r\n`,
          }),
        ),
    ],
  ])('%s with a 66-character number becomes a signal the background accepts, the number clipped to 64', (_what, feed) => {
    const { bridge, signals } = setUp();
    feed(bridge);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.remote).toBe(long.slice(0, MAX_REMOTE_CHARS));
    expect(validateCallSignal(signals[0])).toMatchObject({ ok: true });
  });
});
