import { describe, expect, it } from 'vitest';
import { installPeerConnectionHook, type PeerConnectionHost } from '../../../lib/hooks/media-hook';
import type { HookedFrame } from '../../../lib/hooks/websocket-hook';

/** A stand-in for RTCPeerConnection whose connection state the test moves. */
class FakePeerConnection extends EventTarget {
  static readonly generateCertificate = () => 'cert';
  connectionState = 'new';
  constructor(readonly config?: unknown) {
    super();
  }
  move(state: string) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

describe('installPeerConnectionHook', () => {
  it('reports each connection reaching connected, and nothing else', () => {
    const host = { RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection } as PeerConnectionHost;
    const frames: HookedFrame[] = [];
    installPeerConnectionHook(host, (frame) => frames.push(frame), () => 7);
    const Hooked = host.RTCPeerConnection as unknown as typeof FakePeerConnection;
    const first = new Hooked({ iceServers: [] });
    const second = new Hooked();
    first.move('connecting');
    first.move('connected');
    second.move('failed');
    second.move('connected');
    expect(frames).toEqual([
      { wire: 'received', at: 7, data: '1:connected', kind: 'media' },
      { wire: 'received', at: 7, data: '2:connected', kind: 'media' },
    ]);
    expect(first).toBeInstanceOf(FakePeerConnection);
    expect(first.config).toEqual({ iceServers: [] });
    expect(Hooked.generateCertificate()).toBe('cert');
  });

  it('does nothing where the page has no RTCPeerConnection, and undoes itself', () => {
    expect(() => installPeerConnectionHook({}, () => undefined)()).not.toThrow();
    const host = { RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection } as PeerConnectionHost;
    installPeerConnectionHook(host, () => undefined)();
    expect(host.RTCPeerConnection).toBe(FakePeerConnection);
  });
});
