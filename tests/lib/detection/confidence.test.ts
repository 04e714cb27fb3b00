import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../../lib/calls/types';
import { mergeCallSignals } from '../../../lib/detection/confidence';
import { fromCallSignal, LAYER_CONFIDENCE, type DetectedCallSignal } from '../../../lib/detection/types';

type Partial2 = Partial<DetectedCallSignal> & Pick<DetectedCallSignal, 'phase' | 'at'>;

const cti = (s: Partial2): DetectedCallSignal => ({
  callKey: 'rc-1',
  source: 'ringcentral',
  layer: 'cti',
  confidence: LAYER_CONFIDENCE.cti,
  direction: 'inbound',
  remote: '+14155552671',
  remoteE164: '+14155552671',
  ...s,
});
const sip = (s: Partial2): DetectedCallSignal => ({
  callKey: 'call-id-1@pbx',
  source: 'sip-ws',
  layer: 'signaling',
  confidence: LAYER_CONFIDENCE.signaling,
  direction: 'inbound',
  remote: '4155552671',
  ...s,
});
const dom = (s: Partial2): DetectedCallSignal => ({
  callKey: 'dom:site:1',
  source: 'dom',
  layer: 'dom',
  confidence: LAYER_CONFIDENCE.dom,
  direction: 'outbound',
  remote: '',
  ...s,
});
const media = (s: Partial2): DetectedCallSignal => ({
  callKey: 'media:1',
  source: 'media',
  layer: 'media',
  confidence: LAYER_CONFIDENCE.media,
  direction: 'outbound',
  remote: '',
  ...s,
});

describe('mergeCallSignals', () => {
  it('merges CTI, SIP, DOM and media about one call into one view', () => {
    const views = mergeCallSignals([
      sip({ phase: 'ringing', at: 100 }),
      cti({ phase: 'ringing', at: 120 }),
      dom({ phase: 'ringing', at: 150, direction: 'inbound' }),
      sip({ phase: 'connected', at: 1000 }),
      media({ phase: 'connected', at: 1020 }),
      cti({ phase: 'connected', at: 1050 }),
      dom({ phase: 'connected', at: 1300, direction: 'inbound' }),
    ]);
    expect(views).toHaveLength(1);
    const view = views[0]!;
    expect(view).toMatchObject({
      key: 'sip-ws:call-id-1@pbx',
      phase: 'connected',
      direction: 'inbound',
      remote: '+14155552671',
      remoteE164: '+14155552671',
      decidedBy: 'cti',
      layers: ['cti', 'signaling', 'dom', 'media'],
      mediaConfirmed: true,
      startedAt: 100,
      connectedAt: 1000,
      updatedAt: 1300,
      confidence: 0.99,
    });
    expect(view.members).toHaveLength(4);
  });

  it('lets signaling move a call on before the CTI event catches up, and media confirm it meanwhile', () => {
    const [view] = mergeCallSignals([
      cti({ phase: 'ringing', at: 100 }),
      sip({ phase: 'ringing', at: 110 }),
      sip({ phase: 'connected', at: 1000 }),
      media({ phase: 'connected', at: 1020 }),
    ]);
    expect(view).toMatchObject({ phase: 'connected', decidedBy: 'signaling', connectedAt: 1000, mediaConfirmed: true });
    // Signaling and media agree on "live"; the CTI layer still says ringing and adds nothing.
    expect(view!.confidence).toBe(0.93);
  });

  it('lets CTI decide hold within the live stage', () => {
    const [view] = mergeCallSignals([
      sip({ phase: 'connected', at: 10 }),
      cti({ phase: 'connected', at: 20 }),
      cti({ phase: 'held', at: 30 }),
    ]);
    expect(view).toMatchObject({ phase: 'held', decidedBy: 'cti' });
  });

  it('gives each layer alone its own confidence, and adds agreeing layers as a noisy-OR', () => {
    expect(mergeCallSignals([cti({ phase: 'ringing', at: 1 })])[0]!.confidence).toBe(0.95);
    expect(mergeCallSignals([sip({ phase: 'ringing', at: 1 })])[0]!.confidence).toBe(0.9);
    expect(mergeCallSignals([dom({ phase: 'connected', at: 1 })])[0]!.confidence).toBe(0.6);
    expect(
      mergeCallSignals([dom({ phase: 'connected', at: 1 }), media({ phase: 'connected', at: 2 })])[0]!.confidence,
    ).toBe(0.72);
  });

  it('lets a disagreeing lower layer add nothing', () => {
    const [view] = mergeCallSignals([
      cti({ phase: 'connected', at: 10 }),
      dom({ phase: 'dialing', at: 20, remote: '(415) 555-2671' }),
    ]);
    expect(view).toMatchObject({ phase: 'connected', decidedBy: 'cti', confidence: 0.95 });
  });

  it('never creates a call from media alone, nor attaches media to a call that is not live', () => {
    expect(mergeCallSignals([media({ phase: 'connected', at: 1 })])).toEqual([]);
    const [view] = mergeCallSignals([sip({ phase: 'ringing', at: 1 }), media({ phase: 'connected', at: 2 })]);
    expect(view).toMatchObject({ phase: 'ringing', mediaConfirmed: false, layers: ['signaling'], confidence: 0.9 });
  });

  it('treats an end from signaling as final even if the CTI layer never reports it', () => {
    const [view] = mergeCallSignals([
      cti({ phase: 'connected', at: 10 }),
      sip({ phase: 'connected', at: 11 }),
      sip({ phase: 'ended', at: 500, endedBy: 'remote', endReason: 'hangup' }),
      cti({ phase: 'connected', at: 600 }),
    ]);
    expect(view).toMatchObject({ phase: 'ended', decidedBy: 'signaling', endedAt: 500, endedBy: 'remote', endReason: 'hangup' });
  });

  it('ignores a DOM end while a better layer says the call goes on', () => {
    const [view] = mergeCallSignals([
      sip({ phase: 'connected', at: 10 }),
      dom({ phase: 'connected', at: 20 }),
      dom({ phase: 'ended', at: 30, endReason: 'hangup' }),
    ]);
    expect(view).toMatchObject({ phase: 'connected', decidedBy: 'signaling', confidence: 0.9 });
  });

  it('keeps two calls with different numbers apart (call waiting)', () => {
    const views = mergeCallSignals([
      sip({ phase: 'connected', at: 10 }),
      sip({ callKey: 'call-id-2@pbx', remote: '+8613800138000', phase: 'ringing', at: 20 }),
      cti({ callKey: 'rc-2', remote: '+86 138 0013 8000', remoteE164: '+8613800138000', phase: 'ringing', at: 25 }),
      cti({ phase: 'connected', at: 30 }),
    ]);
    expect(views.map((v) => [v.key, v.phase, v.members.length])).toEqual([
      ['sip-ws:call-id-1@pbx', 'connected', 2],
      ['sip-ws:call-id-2@pbx', 'ringing', 2],
    ]);
  });

  it('never merges two keys from the same source', () => {
    const views = mergeCallSignals([
      sip({ callKey: 'a', remote: '', phase: 'connected', at: 1 }),
      sip({ callKey: 'b', remote: '', phase: 'connected', at: 2 }),
    ]);
    expect(views).toHaveLength(2);
  });

  it('starts a new view for a call after the previous one ended and the grace period passed', () => {
    const views = mergeCallSignals([
      sip({ phase: 'connected', at: 0 }),
      sip({ phase: 'ended', at: 1000, endReason: 'hangup' }),
      dom({ phase: 'ended', at: 2000 }),
      cti({ callKey: 'rc-9', phase: 'ringing', at: 60_000 }),
    ]);
    expect(views.map((v) => v.phase)).toEqual(['ended', 'ringing']);
    expect(views[0]!.members.map((m) => m.source)).toEqual(['sip-ws', 'dom']);
  });

  it('does not depend on input order', () => {
    const signals = [sip({ phase: 'ringing', at: 1 }), cti({ phase: 'connected', at: 5 }), sip({ phase: 'connected', at: 3 })];
    expect(mergeCallSignals([...signals].reverse())).toEqual(mergeCallSignals(signals));
  });

  it('lifts a SIP tracker CallSignal into the merge', () => {
    const signal: CallSignal = { callKey: 'x@y', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '1001', at: 5 };
    expect(fromCallSignal(signal)).toEqual({ ...signal, layer: 'signaling', confidence: 0.9 });
    expect(mergeCallSignals([fromCallSignal(signal)])[0]).toMatchObject({ phase: 'dialing', remote: '1001' });
  });
});
