import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, Web, type Session } from 'sip.js';
import type { DemoConfig } from './demo-config';
import type { PhoneCallState, PhoneEvents } from './sip-phone';

/** What the phone does with an incoming call: answer it, or turn it down with this SIP status. */
export type IncomingPolicy = { kind: 'answer' } | { kind: 'reject'; statusCode: 486 | 603 };

const MEDIA = { constraints: { audio: true, video: false } };

/**
 * A one-call softphone on SIP.js (a second SIP stack, beside the JsSIP pages), for the customer's side of the
 * demo. Its states and events are the JsSIP phone's ({@link PhoneEvents}), so the pages and the tests that drive
 * them read the same `data-call-state` whichever stack is on the other end.
 */
export function createSipJsPhone(config: DemoConfig, events: PhoneEvents, audio: HTMLAudioElement) {
  const userAgent = new UserAgent({
    uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
    displayName: config.displayName,
    transportOptions: { server: config.wsUrl },
    // Host candidates only: the demo runs on one machine, so no STUN or TURN is needed or reachable.
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
    logBuiltinEnabled: false,
  });
  const registerer = new Registerer(userAgent);
  let session: Session | undefined;
  let remote = '';
  let connectedAt: number | undefined;
  let onIncoming: ((invitation: Invitation) => void) | undefined;

  const state = (next: PhoneCallState, cause?: string) =>
    events.onCallState(next, { remote, ...(connectedAt ? { connectedAt } : {}), ...(cause ? { cause } : {}) });

  registerer.stateChange.addListener((registration) => {
    if (registration === RegistererState.Registered) events.onRegistration(`registered as ${config.user}`);
    else if (registration === RegistererState.Unregistered) events.onRegistration('not registered');
  });

  /** Follows one session to its end; `endCause` says why it ended, when the other side gave a reason. */
  function follow(next: Session, endCause: () => string | undefined) {
    session = next;
    connectedAt = undefined;
    next.stateChange.addListener((sessionState) => {
      if (session !== next) return;
      if (sessionState === SessionState.Established) {
        connectedAt = Date.now();
        const handler = next.sessionDescriptionHandler;
        if (handler instanceof Web.SessionDescriptionHandler) audio.srcObject = handler.remoteMediaStream;
        state('connected');
      } else if (sessionState === SessionState.Terminated) {
        state('ended', endCause());
      }
    });
    next.delegate = {
      // A re-INVITE from the other side: sendonly or inactive means it put this call on hold.
      onInvite: (request) => {
        const body = typeof request.body === 'string' ? request.body : '';
        state(/a=(sendonly|inactive)/.test(body) ? 'held' : 'connected');
      },
    };
  }

  userAgent.delegate = {
    onInvite: (invitation) => {
      if (session && session.state !== SessionState.Terminated) {
        // One line only, like the JsSIP phone: a second call while busy is declined.
        void invitation.reject({ statusCode: 486 });
        return;
      }
      remote = invitation.remoteIdentity.uri.user ?? '';
      let cause: string | undefined;
      follow(invitation, () => cause);
      invitation.delegate = { ...invitation.delegate, onCancel: () => (cause = 'Canceled') };
      state('incoming');
      onIncoming?.(invitation);
    },
  };

  void userAgent
    .start()
    .then(() => registerer.register())
    .catch((error: unknown) => events.onRegistration(`registration failed: ${String(error)}`));
  events.onRegistration('connecting…');

  return {
    /** Sets what happens to the next incoming calls (the page decides when, e.g. after a few rings). */
    onIncoming(handler: (invitation: Invitation) => void): void {
      onIncoming = handler;
    },
    /** Applies a policy to a ringing call, if it is still ringing. */
    settle(invitation: Invitation, policy: IncomingPolicy): void {
      if (invitation.state !== SessionState.Initial) return;
      if (policy.kind === 'answer') void invitation.accept({ sessionDescriptionHandlerOptions: MEDIA });
      else void invitation.reject({ statusCode: policy.statusCode });
    },
    call(number: string): void {
      const target = UserAgent.makeURI(`sip:${number}@${config.domain}`);
      if (!target) return;
      remote = number;
      let cause: string | undefined;
      const inviter = new Inviter(userAgent, target, { sessionDescriptionHandlerOptions: MEDIA });
      follow(inviter, () => cause);
      state('calling');
      void inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            if (response.message.statusCode === 180 || response.message.statusCode === 183) state('ringing');
          },
          onReject: (response) => {
            cause = response.message.reasonPhrase;
            // SIP.js may end the session before telling the delegate why: say it again, with the reason.
            if (session === inviter && inviter.state === SessionState.Terminated) state('ended', cause);
          },
        },
      });
    },
    hangup(): void {
      if (!session) return;
      if (session.state === SessionState.Established) void session.bye();
      else if (session instanceof Inviter && session.state !== SessionState.Terminated) void session.cancel();
      else if (session instanceof Invitation && session.state === SessionState.Initial) void session.reject();
    },
  };
}
