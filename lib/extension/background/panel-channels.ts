import { readPanelChannelOffer } from '../shared/ports';

/** The worker's end of a side panel's direct channel: the `MessagePort` the panel sent. */
export interface DirectPanelPort {
  postMessage(message: unknown): void;
  close(): void;
}

/** The parts of a service worker's `message` event (an `ExtendableMessageEvent`) a channel offer is read from. */
export interface PanelChannelEvent {
  data: unknown;
  source: { url: string; type?: string } | null;
  ports: readonly DirectPanelPort[];
}

/** A panel port as this module sees it: anything with an identity and a `postMessage`. */
export interface PanelPortLike {
  postMessage(message: unknown): void;
}

/** Channels offered on the worker's `message` event whose panel port has not spoken yet; the oldest go first. */
export const MAX_UNPAIRED_CHANNELS = 8;

/**
 * Pairs each side panel's two offers of a direct channel (see `PanelChannelOffer` in shared/ports.ts): the token on
 * its panel port and the `MessagePort` with the same token on the worker's `message` event, in whichever order
 * they come. Once paired, {@link PanelChannels.target} is the `MessagePort`, so every later push to that panel
 * takes it, and none takes the panel port again (the panel drops what still arrives there as stale). A panel port
 * that closes closes its channel. Live connections only: they die with the worker, and the panel offers again
 * when it reconnects.
 */
export function createPanelChannels<P extends PanelPortLike>(extensionOrigin: string) {
  const paired = new Map<P, DirectPanelPort>();
  /** Tokens a panel port offered, waiting for their channel. */
  const portsByToken = new Map<string, P>();
  /** Channels that came first, waiting for their panel port's token. */
  const channelsByToken = new Map<string, DirectPanelPort>();

  function pair(port: P, channel: DirectPanelPort): void {
    const before = paired.get(port);
    if (before && before !== channel) before.close();
    paired.set(port, channel);
  }

  return {
    /** A message on an open panel port: a token pairs it (now, or when its channel comes). */
    portMessage(port: P, data: unknown): void {
      const token = readPanelChannelOffer(data);
      if (token === undefined) return;
      const channel = channelsByToken.get(token);
      if (channel) {
        channelsByToken.delete(token);
        pair(port, channel);
      } else portsByToken.set(token, port);
    },
    /** A panel port closed: its channel closes with it, and a token it offered is forgotten. */
    portClosed(port: P): void {
      paired.get(port)?.close();
      paired.delete(port);
      for (const [token, waiting] of portsByToken) if (waiting === port) portsByToken.delete(token);
    },
    /**
     * The worker's `message` event. Returns whether it was a channel offer (taken, or refused: not from one of
     * the extension's own pages, or without a port); anything else is left to the other listeners.
     */
    workerMessage(event: PanelChannelEvent): boolean {
      const token = readPanelChannelOffer(event.data);
      if (token === undefined) return false;
      const channel = event.ports[0];
      const source = event.source;
      if (!channel || !source || (source.type !== undefined && source.type !== 'window') || !source.url.startsWith(extensionOrigin)) return true;
      const port = portsByToken.get(token);
      if (port) {
        portsByToken.delete(token);
        pair(port, channel);
        return true;
      }
      channelsByToken.get(token)?.close();
      channelsByToken.set(token, channel);
      if (channelsByToken.size > MAX_UNPAIRED_CHANNELS) {
        const [oldest, dropped] = channelsByToken.entries().next().value!;
        channelsByToken.delete(oldest);
        dropped.close();
      }
      return true;
    },
    /** Where a push to this panel goes: its direct channel once paired, else its panel port. */
    target(port: P): PanelPortLike {
      return paired.get(port) ?? port;
    },
    /** Panels with a direct channel (for tests). */
    get pairedCount(): number {
      return paired.size;
    },
  };
}

/** The pairing as {@link createPanelChannels} makes it. */
export type PanelChannels<P extends PanelPortLike> = ReturnType<typeof createPanelChannels<P>>;
