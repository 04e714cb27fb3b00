import type { CallSignal, EndReason, HangupParty } from '../calls/types';
import { hasTag, remotePartyOf, type SipMessage } from './parse-sip-message';

/** Whether the page sent the message or received it. */
export type WireDirection = 'sent' | 'received';

interface DialogState {
  direction: CallSignal['direction'];
  remote: string;
  phase: CallSignal['phase'];
}

/** How many finished Call-IDs are remembered so late retransmissions (487, 200 to BYE) stay quiet. */
const ENDED_MEMORY = 64;
/** A page with more live dialogs than this is not a softphone in normal use; extra dialogs are ignored. */
const MAX_LIVE_DIALOGS = 32;

/**
 * Follows SIP dialogs seen on one WebSocket connection (or one frame's sockets) and reports each change of
 * call phase as a {@link CallSignal}. Several dialogs at once (call waiting, consult) are tracked by Call-ID.
 * Memory is bounded: live dialogs are capped and ended ones are forgotten after a short history.
 */
export function createSipCallTracker() {
  const live = new Map<string, DialogState>();
  const ended: string[] = [];

  function signal(callKey: string, state: DialogState, at: number, extra?: Partial<CallSignal>): CallSignal {
    return { callKey, source: 'sip-ws', phase: state.phase, direction: state.direction, remote: state.remote, at, ...extra };
  }

  function end(callKey: string, state: DialogState, at: number, endedBy: HangupParty, endReason: EndReason, status?: number) {
    live.delete(callKey);
    ended.push(callKey);
    if (ended.length > ENDED_MEMORY) ended.shift();
    state.phase = 'ended';
    return signal(callKey, state, at, status ? { endedBy, endReason, status } : { endedBy, endReason });
  }

  function onRequest(message: SipMessage, wire: WireDirection, at: number): CallSignal | undefined {
    const key = message.callId;
    const state = live.get(key);
    const local: HangupParty = wire === 'sent' ? 'local' : 'remote';

    if (message.method === 'INVITE' && !hasTag(message.headers['to'])) {
      // A second initial INVITE on the same Call-ID is an authentication retry, not a new call.
      if (state || ended.includes(key) || live.size >= MAX_LIVE_DIALOGS) return undefined;
      const created: DialogState =
        wire === 'sent'
          ? { direction: 'outbound', phase: 'dialing', remote: remotePartyOf(message.headers['to']) ?? '' }
          : {
              direction: 'inbound',
              phase: 'ringing',
              remote:
                remotePartyOf(message.headers['p-asserted-identity']) ??
                remotePartyOf(message.headers['remote-party-id']) ??
                remotePartyOf(message.headers['from']) ??
                '',
            };
      live.set(key, created);
      return signal(key, created, at);
    }
    if (!state) return undefined;

    switch (message.method) {
      case 'INVITE':
      case 'UPDATE': {
        if (state.phase !== 'connected' && state.phase !== 'held') return undefined;
        const direction = message.sdpDirection;
        if (!direction) return undefined;
        const next = direction === 'sendonly' || direction === 'inactive' ? 'held' : 'connected';
        if (next === state.phase) return undefined;
        state.phase = next;
        return signal(key, state, at);
      }
      case 'CANCEL':
        return end(key, state, at, local, 'cancelled');
      case 'BYE':
        return end(key, state, at, local, state.phase === 'connected' || state.phase === 'held' ? 'hangup' : 'cancelled');
      default:
        return undefined;
    }
  }

  function onResponse(message: SipMessage, wire: WireDirection, at: number): CallSignal | undefined {
    if (message.cseqMethod !== 'INVITE') return undefined;
    const key = message.callId;
    const state = live.get(key);
    if (!state) return undefined;
    const { status } = message;

    if (status === 180 || status === 183) {
      if (state.phase !== 'dialing') return undefined;
      state.phase = 'ringing';
      return signal(key, state, at);
    }
    if (status >= 200 && status < 300) {
      if (state.phase !== 'dialing' && state.phase !== 'ringing') return undefined;
      state.phase = 'connected';
      return signal(key, state, at);
    }
    // Challenges are answered by a new INVITE on the same dialog; the call goes on.
    if (status === 401 || status === 407 || status < 300) return undefined;
    if (state.phase !== 'dialing' && state.phase !== 'ringing') return undefined;
    // The side that sent a final error response is the side that ended the attempt.
    const by: HangupParty = wire === 'sent' ? 'local' : 'remote';
    const reason: EndReason =
      status === 487 ? 'cancelled' : status === 486 || status === 600 || status === 603 ? 'rejected' : 'failed';
    return end(key, state, at, reason === 'cancelled' ? oppositeOf(by) : by, reason, status);
  }

  return {
    /** Folds one parsed message in; returns the signal it caused, if any. */
    observe(message: SipMessage, wire: WireDirection, at: number): CallSignal | undefined {
      return message.kind === 'request' ? onRequest(message, wire, at) : onResponse(message, wire, at);
    },
    /** Number of dialogs currently tracked, for leak checks. */
    get liveCount(): number {
      return live.size;
    },
  };
}

/** The tracker type, for callers that hold one. */
export type SipCallTracker = ReturnType<typeof createSipCallTracker>;

function oppositeOf(party: HangupParty): HangupParty {
  return party === 'local' ? 'remote' : party === 'remote' ? 'local' : 'unknown';
}
