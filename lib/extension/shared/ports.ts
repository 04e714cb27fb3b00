/**
 * OnScript's two long-lived ports, the hot path of call detection. A `runtime.sendMessage` opens and closes a
 * channel per message, which costs about three times a message on an open port (measured in Chromium: 1.6 ms
 * against 0.5 ms for a round trip); a call signal crosses two such hops (dialer frame → background → side panel).
 *
 * In Chrome a panel's pushes then move to a direct channel from the worker (see {@link PanelChannelOffer}).
 *
 * Ports die with the MV3 worker (the browser stops it when idle), so neither side relies on one staying open:
 * the frame's sender re-posts what the background has not acknowledged over a fresh port, and the background
 * falls back to `runtime.sendMessage` broadcasts while no panel port is connected.
 *
 * Pure: the extension API comes in as a `connect` function, so Node tests drive it with fake ports.
 */

/** The port a dialer frame's bridge sends call signals on. */
export const SIGNAL_PORT_NAME = 'onscript:signals';
/** The port a side panel hears tab state changes on. */
export const PANEL_PORT_NAME = 'onscript:panel';

/** The part of `runtime.Port` OnScript uses. */
export interface PortLike {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * A side panel's offer of a direct channel from Chrome's service worker, made twice with one random token: on
 * its panel port (`{ panelChannel }`), and to the worker's own `message` event with a `MessagePort`. The worker
 * pairs the two and posts that panel's pushes on the `MessagePort`, which reaches the panel without going through
 * the browser process (a runtime port's message does, and under the load of a call's media starting, that hop
 * took most of the detection latency). The panel port still says when the panel closes. Firefox's event page has
 * no `message` event of its own: there, and until the pair is made, pushes take the panel port.
 */
export interface PanelChannelOffer {
  panelChannel: string;
}

/** Longest token a {@link PanelChannelOffer} may carry (a UUID is 36). */
export const MAX_PANEL_CHANNEL_TOKEN = 64;

/** Reads a {@link PanelChannelOffer}'s token, or `undefined` for anything else. */
export function readPanelChannelOffer(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { panelChannel } = data as Partial<PanelChannelOffer>;
  return typeof panelChannel === 'string' && panelChannel.length > 0 && panelChannel.length <= MAX_PANEL_CHANNEL_TOKEN ? panelChannel : undefined;
}

/** A frame's message on the signal port: a sequence number the background acknowledges, and the envelope. */
export interface SequencedMessage {
  seq: number;
  message: unknown;
}

/**
 * The background's acknowledgement of one {@link SequencedMessage}, sent once it has been handled: with the
 * handler's reply (for a call signal, the call's compliance verdict), or why it was refused.
 */
export interface PortAck {
  ack: number;
  reply?: unknown;
  refused?: string;
}

/** What {@link createPortSender}'s `send` resolves to once the background has handled the message. */
export type PortOutcome = { ok: true; reply: unknown } | { ok: false; error: string };

/** Messages a sender keeps for re-posting at most; a page cannot make a frame hold more (the oldest go). */
export const MAX_UNACKNOWLEDGED = 64;

/** Reads a {@link SequencedMessage} off the port, or `undefined` for anything else. */
export function readSequencedMessage(data: unknown): SequencedMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { seq, message } = data as Partial<SequencedMessage>;
  return Number.isSafeInteger(seq) && (seq as number) >= 0 ? { seq: seq as number, message } : undefined;
}

/**
 * Sends messages to the background over one port, at least once: each stays pending until acknowledged, and
 * when the port drops with messages pending, they are re-posted in order over a new one (connecting wakes a
 * stopped worker). Without pending messages the next `send` reconnects. The background's handling must
 * therefore be idempotent, which folding a call signal is (the same view twice changes nothing).
 * A `connect` that throws (the extension was reloaded or removed) ends the sender quietly: the page carries on.
 */
export function createPortSender(connect: () => PortLike) {
  let port: PortLike | undefined;
  let nextSeq = 0;
  let closed = false;
  const pending = new Map<number, { message: unknown; settle: (outcome: PortOutcome) => void }>();

  function settle(seq: number, outcome: PortOutcome): void {
    const entry = pending.get(seq);
    pending.delete(seq);
    entry?.settle(outcome);
  }

  function open(): PortLike | undefined {
    if (port || closed) return port;
    let fresh: PortLike;
    try {
      fresh = connect();
    } catch {
      closed = true;
      for (const seq of [...pending.keys()]) settle(seq, { ok: false, error: 'the extension is gone' });
      return undefined;
    }
    port = fresh;
    fresh.onMessage.addListener((data) => {
      const ack = data as Partial<PortAck> | null;
      if (typeof ack?.ack !== 'number') return;
      settle(ack.ack, typeof ack.refused === 'string' ? { ok: false, error: ack.refused } : { ok: true, reply: ack.reply });
    });
    fresh.onDisconnect.addListener(() => {
      if (port !== fresh) return;
      port = undefined;
      if (pending.size > 0) repost();
    });
    return fresh;
  }

  function post(target: PortLike, seq: number, message: unknown): boolean {
    try {
      target.postMessage({ seq, message } satisfies SequencedMessage);
      return true;
    } catch {
      // Posting on a port that has just gone: the disconnect handler re-posts it.
      return false;
    }
  }

  function repost(): void {
    const target = open();
    if (!target) return;
    for (const [seq, { message }] of pending) if (!post(target, seq, message)) return;
  }

  return {
    /**
     * Sends one message; it is re-posted until the background acknowledges it. Resolves with the background's
     * reply, or why it was not delivered (refused, dropped for a newer one, the extension gone).
     */
    send(message: unknown): Promise<PortOutcome> {
      if (closed) return Promise.resolve({ ok: false, error: 'the extension is gone' });
      const seq = nextSeq++;
      const outcome = new Promise<PortOutcome>((resolve) => pending.set(seq, { message, settle: resolve }));
      if (pending.size > MAX_UNACKNOWLEDGED) settle(pending.keys().next().value!, { ok: false, error: 'dropped: too many unacknowledged' });
      const target = open();
      if (target) post(target, seq, message);
      return outcome;
    },
    /** Messages not acknowledged yet (for tests). */
    get pendingCount(): number {
      return pending.size;
    },
  };
}

/**
 * A side panel's subscription to the background's port, for the pushes it would otherwise get through
 * `runtime.sendMessage` broadcasts. A dropped port is not reopened at once (that would wake a worker the
 * browser has just stopped, for nothing); {@link PanelPortListener.reconnect} does it when the background is
 * heard from again, e.g. on its next fallback broadcast.
 */
export function createPanelPortListener(connect: () => PortLike, onMessage: (message: unknown) => void) {
  let port: PortLike | undefined;
  let stopped = false;

  function reconnect(): void {
    if (port || stopped) return;
    let fresh: PortLike;
    try {
      fresh = connect();
    } catch {
      return;
    }
    port = fresh;
    fresh.onMessage.addListener(onMessage);
    fresh.onDisconnect.addListener(() => {
      if (port === fresh) port = undefined;
    });
  }

  reconnect();
  return {
    /** Opens a port if none is open. */
    reconnect,
    /** Whether a port is open now. */
    get connected(): boolean {
      return port !== undefined;
    },
    /** Closes the port for good. */
    stop(): void {
      stopped = true;
      port?.disconnect();
      port = undefined;
    },
  };
}

/** A panel listener as {@link createPanelPortListener} returns it. */
export type PanelPortListener = ReturnType<typeof createPanelPortListener>;
