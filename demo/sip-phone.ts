import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import type { DemoConfig } from './demo-config';

/** What a demo page shows about its one call. */
export type PhoneCallState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'held' | 'ended';

export interface PhoneEvents {
  onRegistration(text: string): void;
  onCallState(state: PhoneCallState, detail: { remote: string; connectedAt?: number; cause?: string }): void;
}

const MEDIA = { audio: true, video: false } as const;
// Host candidates only: the demo runs on one machine, so no STUN or TURN is needed or reachable.
const PC_CONFIG = { iceServers: [] as RTCIceServer[] };

/**
 * A one-call softphone on JsSIP, shared by the demo dialer and the demo customer. It keeps the UI-facing state
 * small; OnScript itself never looks at this object, only at the SIP traffic on the page's WebSocket.
 */
export function createSipPhone(config: DemoConfig, events: PhoneEvents, audio: HTMLAudioElement) {
  const ua = new UA({
    sockets: [new WebSocketInterface(config.wsUrl)],
    uri: `sip:${config.user}@${config.domain}`,
    display_name: config.displayName,
    register: true,
    session_timers: false,
  });
  let session: RTCSession | undefined;
  let remote = '';
  let connectedAt: number | undefined;

  const state = (next: PhoneCallState, cause?: string) =>
    events.onCallState(next, { remote, ...(connectedAt ? { connectedAt } : {}), ...(cause ? { cause } : {}) });

  ua.on('connecting', () => events.onRegistration('connecting…'));
  ua.on('registered', () => events.onRegistration(`registered as ${config.user}`));
  ua.on('registrationFailed', (event) => events.onRegistration(`registration failed: ${event.cause ?? 'unknown'}`));
  ua.on('disconnected', () => events.onRegistration('disconnected'));

  ua.on('newRTCSession', (data: RTCSessionEvent) => {
    const next = data.session as RTCSession;
    if (session && !session.isEnded()) {
      // One line only: a second call while busy is declined.
      if (data.originator === 'remote') next.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    session = next;
    connectedAt = undefined;
    remote = data.originator === 'remote' ? (next.remote_identity.uri.user ?? '') : remote;
    next.on('progress', () => state(data.originator === 'local' ? 'ringing' : 'incoming'));
    next.on('accepted', () => {
      connectedAt = Date.now();
      state('connected');
    });
    next.on('hold', () => state('held'));
    next.on('unhold', () => state('connected'));
    next.on('ended', (event) => state('ended', event.cause));
    next.on('failed', (event) => state('ended', event.cause));
    next.on('peerconnection', (event) => {
      event.peerconnection.addEventListener('track', (track) => {
        audio.srcObject = track.streams[0] ?? null;
      });
    });
    if (data.originator === 'remote') state('incoming');
  });

  ua.start();

  return {
    call(number: string): void {
      remote = number;
      connectedAt = undefined;
      state('calling');
      ua.call(`sip:${number}@${config.domain}`, { mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
    },
    answer(): void {
      session?.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
    },
    decline(): void {
      session?.terminate({ status_code: 603, reason_phrase: 'Decline' });
    },
    toggleHold(): void {
      if (!session || !session.isEstablished()) return;
      if (session.isOnHold().local) session.unhold();
      else session.hold();
    },
    hangup(): void {
      if (session && !session.isEnded()) session.terminate();
    },
    get busy(): boolean {
      return session !== undefined && !session.isEnded();
    },
    stop(): void {
      ua.stop();
    },
  };
}
