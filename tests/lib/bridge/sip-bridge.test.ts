import { describe, expect, it } from 'vitest';
import { decodePageFrame, encodePageFrame, MAX_PAGE_FRAME_CHARS } from '../../../lib/bridge/page-channel';
import { createSipBridge, MAX_FRAMES_PER_SECOND } from '../../../lib/bridge/sip-bridge';
import type { CallSignal } from '../../../lib/calls/types';
import { capturedScenario } from '../../fixtures/sip/frames';

describe('page channel', () => {
  it('round-trips a frame and refuses anything else', () => {
    const frame = { wire: 'sent' as const, at: 5, data: 'BYE sip:1@x SIP/2.0' };
    expect(decodePageFrame(encodePageFrame(frame))).toEqual(frame);
    for (const forged of [
      { wire: 'sent' },
      '["sideways",1,"x"]',
      '["sent","1","x"]',
      '["sent",1,2]',
      '["sent",1,"x",4]',
      'not json',
      JSON.stringify(['sent', 1, 'x'.repeat(MAX_PAGE_FRAME_CHARS + 1)]),
    ]) {
      expect(decodePageFrame(forged)).toBeUndefined();
    }
  });
});

describe('SIP bridge', () => {
  it('turns captured page traffic into call signals', () => {
    const signals: CallSignal[] = [];
    const bridge = createSipBridge((signal) => signals.push(signal), () => 0);
    for (const [index, frame] of capturedScenario('outbound').entries()) {
      bridge.accept(encodePageFrame({ wire: frame.wire, at: 1_000 + index, data: frame.data }));
    }
    expect(signals.map((s) => s.phase)).toEqual(['dialing', 'ringing', 'connected', 'held', 'connected', 'ended']);
    expect(bridge.liveDialogs).toBe(0);
  });

  it('drops a flood beyond the per-second budget', () => {
    let now = 0;
    const signals: CallSignal[] = [];
    const bridge = createSipBridge((signal) => signals.push(signal), () => now);
    const invite = (i: number) =>
      encodePageFrame({
        wire: 'received',
        at: 1,
        data: `INVITE sip:agent@x SIP/2.0\r\nCall-ID: flood-${i}\r\nCSeq: 1 INVITE\r\nFrom: <sip:${i}@x>;tag=1\r\nTo: <sip:agent@x>\r\n\r\n`,
      });
    for (let i = 0; i < MAX_FRAMES_PER_SECOND + 50; i++) bridge.accept(invite(i));
    expect(signals.length).toBeLessThanOrEqual(MAX_FRAMES_PER_SECOND);
    now = 1_000;
    bridge.accept(invite(9_999));
    expect(signals.at(-1)?.callKey === 'flood-9999' || bridge.liveDialogs === 32).toBe(true);
  });
});
