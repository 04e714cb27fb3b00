import type { HookedFrame } from './websocket-hook';

/** The window-like object the media hook patches; a parameter so it runs against a fake in tests. */
export interface PeerConnectionHost {
  RTCPeerConnection?: typeof RTCPeerConnection;
}

/**
 * Reports when one of the page's peer connections reaches `connected`: audio is flowing. It says nothing
 * about who, which direction or whether a call exists, so the bridge uses it only to confirm a call another
 * layer reported. The constructor is replaced by a Proxy (`instanceof` and statics intact); nothing else of the
 * connection is touched. Returns an undo.
 */
export function installPeerConnectionHook(
  host: PeerConnectionHost,
  report: (frame: HookedFrame) => void,
  now: () => number = Date.now,
): () => void {
  const NativePeerConnection = host.RTCPeerConnection;
  if (!NativePeerConnection) return () => undefined;
  let nextId = 1;
  host.RTCPeerConnection = new Proxy(NativePeerConnection, {
    construct(target, args, newTarget) {
      const connection = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      const id = nextId++;
      const onChange = () => {
        if (connection.connectionState !== 'connected') return;
        try {
          report({ wire: 'received', at: now(), data: `${id}:connected`, kind: 'media' });
        } catch {
          // Reporting is best effort; the page's call goes on.
        }
      };
      connection.addEventListener('connectionstatechange', onChange);
      return connection;
    },
  });
  return () => {
    host.RTCPeerConnection = NativePeerConnection;
  };
}
