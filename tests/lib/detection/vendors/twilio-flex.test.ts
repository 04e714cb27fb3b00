import { describe, expect, it } from 'vitest';
import { compileMatchPattern, type MatchPattern } from '../../../../lib/detection/match-patterns';
import { createTwilioTracker, isTwilioSignalingUrl } from '../../../../lib/detection/twilio';
import twilioFlex from '../../../../lib/detection/vendors/twilio-flex';

const frame = (type: string, payload: Record<string, unknown>): string => JSON.stringify({ type, version: '1.6', payload });

describe('Twilio Flex', () => {
  it('offers the Flex agent desktop, whose page opens the signaling socket the tracker reads', () => {
    const patterns = twilioFlex.dialers.flatMap((d) => d.matches).map((p) => compileMatchPattern(p) as MatchPattern);
    expect(patterns.some((p) => p.matches('https://flex.twilio.com/agent-desktop/'))).toBe(true);
    expect(patterns.some((p) => p.matches('https://flex.twilio.com.evil.example/agent-desktop/'))).toBe(false);
    expect(isTwilioSignalingUrl('wss://voice-js.ashburn.twilio.com/signal')).toBe(true);
  });

  it('reads an agent leg, which Flex always delivers as incoming, under the source it declares', () => {
    const tracker = createTwilioTracker();
    const parameters = { CallSid: 'CAflex01', From: '+14155552671', To: 'client:WK0123456789abcdef' };
    const signals = [
      tracker.handleFrame(frame('invite', { callsid: 'CAflex01', sdp: 'v=0\r\n', parameters }), 'received', 1000),
      tracker.handleFrame(frame('answer', { callsid: 'CAflex01', sdp: 'v=0\r\n' }), 'sent', 1100),
      tracker.handleFrame(frame('hangup', { callsid: 'CAflex01' }), 'sent', 9000),
    ].flatMap((r) => r.signals);
    expect(signals.map((s) => s.phase)).toEqual(['ringing', 'connected', 'ended']);
    expect(signals[0]).toMatchObject({ source: twilioFlex.source, layer: twilioFlex.layer, direction: 'inbound', remote: '+14155552671' });
  });
});
