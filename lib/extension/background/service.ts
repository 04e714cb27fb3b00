import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { toCallRecord } from '../../calls/tab-calls';
import type { LiveCall, TabCallState } from '../../calls/types';
import { OUTBOX_STORES, queueOutbox } from '../../db/outbox';
import { openOnScriptDb, type OnScriptDb, type StoredCallRecord } from '../../db/schema';
import { envelope, type Envelope } from '../../protocol/envelope';
import type { MessageType, ProtocolMap } from '../../protocol/messages';
import { readEnvelope, senderMayPost, validatePayload } from '../../protocol/validate';
import type { OutboxRequest } from '../../team/outbox';
import { PANEL_PORT_NAME, readSequencedMessage, SIGNAL_PORT_NAME, type PortAck } from '../shared/ports';
import type {
  BackgroundContext,
  BackgroundFeature,
  CallChange,
  CallContribution,
  CommittedCallChanges,
  FeatureDefinition,
  MessageHandler,
} from './feature';
import { askFrame, createCallEndings, type AskFrame } from './call-endings';
import { appendInTransaction, COMPLIANCE_LOG_STORES } from './compliance-log';
import { BACKGROUND_FEATURES } from './features';
import { broadcastToExtensionPages, classifySender } from './messaging';
import { countOpenPanels } from './open-panels';
import { createPanelChannels, type PanelChannelEvent } from './panel-channels';
import { ensurePhoneData } from './phone-data-loader';
import { createTabCallStore } from './tab-state-store';

/** Inputs the service takes instead of reaching for globals, so tests can drive it. */
export interface BackgroundServiceOptions {
  now?: () => number;
  newId?: () => string;
  openDb?: () => Promise<OnScriptDb>;
  /** The features to assemble; the registry (features/index.ts) by default. */
  features?: readonly FeatureDefinition[];
  /** How many side panels are open (see open-panels.ts); tests pass their own. */
  countPanels?: () => Promise<number | undefined>;
  /** Asks a dialer frame which calls it reports (see call-endings.ts); tests pass their own. */
  askFrame?: AskFrame;
  /** What must be loaded before any event reaches a feature (phone-data-loader.ts by default). */
  ready?: () => Promise<void>;
}

/** Call keys remembered per open signal port; a page reports a handful of calls per life. */
const KEYS_PER_PORT = 256;

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** The call with the live facts the features added to it (its compliance verdict). */
function withLiveFacts(call: LiveCall, contributions: readonly CallContribution[]): LiveCall {
  let next = call;
  for (const { live } of contributions) if (live) next = { ...next, ...live };
  return next;
}

/**
 * The background, assembled from the feature registry (features/index.ts): message dispatch with sender and
 * payload checks, the signal and panel ports, and the one pass every call change takes (commitCallChanges).
 * It holds no call state only in memory: every feature persists what it needs (storage.session, IndexedDB), so a
 * worker stopped between two messages loses nothing. Memory holds a per-tab queue, so that two messages about
 * one tab are handled in order, and write-through caches (tab call state, settings) that a restarted worker
 * refills from storage.
 */
export function createBackgroundService(options: BackgroundServiceOptions = {}) {
  const openDb = options.openDb ?? (() => openOnScriptDb());
  let dbPromise: Promise<OnScriptDb> | undefined;
  const tabQueues = new Map<number, Promise<unknown>>();
  /** Open side panels' ports: live connections, not state; they close when the worker stops. */
  const panelPorts = new Set<Browser.runtime.Port>();
  /** The panels' direct channels from this worker, paired with their ports (Chrome; see panel-channels.ts). */
  const panelChannels = createPanelChannels<Browser.runtime.Port>(browser.runtime.getURL('/'));
  /** Open signal ports: the frame each belongs to and the call keys it carried (see onConnect). */
  const signalPorts = new Map<Browser.runtime.Port, { tabId: number; frameId: number; keys: Set<string> }>();
  const countPanels = options.countPanels ?? countOpenPanels;
  /** Open panels as last counted; counted again after a panel port opens or closes. */
  let openPanels: Promise<number | undefined> | undefined;
  /** The last count once it has answered (`{ count }`), so a push can post at once, before anything else it is sent with. */
  let counted: { count: number | undefined } | undefined;
  let features: BackgroundFeature[] = [];
  const ready = options.ready ?? ensurePhoneData;

  const db = () =>
    (dbPromise ??= openDb().catch((error: unknown) => {
      dbPromise = undefined;
      throw error;
    }));

  const context: BackgroundContext = {
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    db,
    inTabOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
      const previous = tabQueues.get(tabId) ?? Promise.resolve();
      const result = previous.then(work, work);
      const settled = result.catch(() => undefined);
      tabQueues.set(tabId, settled);
      void settled.then(() => {
        if (tabQueues.get(tabId) === settled) tabQueues.delete(tabId);
      });
      return result;
    },
    tabCalls: createTabCallStore(),
    pushToPanels(type, payload) {
      // Posted within this call when the panels are already counted (the usual case), so a push made before a
      // storage write reaches the browser first: the browser handles a worker's requests in order, and a panel
      // should not wait behind a write it does not need.
      if (panelPorts.size === 0 || counted) return tellPanels(type, payload, counted?.count ?? 0);
      return panelsOpen().then((count) => tellPanels(type, payload, count));
    },
    commitCallChanges,
    afterCallChanges,
    ready,
  };

  /** The open panels, counted once after each panel port opens or closes (started then, so a push rarely waits). */
  function panelsOpen(): Promise<number | undefined> {
    const counting = (openPanels ??= countPanels()
      .catch(() => undefined)
      .then((count) => {
        if (openPanels === counting) counted = { count };
        return count;
      }));
    return counting;
  }

  /** A panel port opened or closed: the count is stale. */
  function recountPanels(): void {
    openPanels = counted = undefined;
    if (panelPorts.size > 0) void panelsOpen();
  }

  /**
   * Once per panel: over the ports when every open panel (`expected`) has one; else one broadcast, which reaches
   * the panels whose port died with an earlier worker too and makes them reconnect (and re-read what they show).
   */
  function tellPanels<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], expected: number | undefined): Promise<void> {
    if (panelPorts.size === 0 || expected === undefined || panelPorts.size < expected) return broadcastToExtensionPages(type, payload);
    const message = envelope(type, payload);
    for (const port of panelPorts) {
      try {
        panelChannels.target(port).postMessage(message);
      } catch {
        // A panel closing right now; its disconnect removes it.
        panelPorts.delete(port);
      }
    }
    return Promise.resolve();
  }

  /**
   * The one pass of a call change: contributions first (reads happen here, outside any transaction), then the
   * state saved and told, and every record written in one transaction; the after-hooks run last.
   */
  function commitCallChanges(state: TabCallState, changes: readonly CallChange[]): Promise<CommittedCallChanges>;
  function commitCallChanges(state: undefined, changes: readonly CallChange[]): Promise<Pick<CommittedCallChanges, 'calls'>>;
  async function commitCallChanges(
    state: TabCallState | undefined,
    changes: readonly CallChange[],
  ): Promise<Pick<CommittedCallChanges, 'calls'> & { state?: TabCallState }> {
    const contributions = await Promise.all(changes.map((change) => contributionsFor(change)));
    const calls = changes.map((change, index) => withLiveFacts(change.call, contributions[index]!));
    if (!state) {
      await writeRecords(calls, contributions);
      return { calls };
    }
    const next: TabCallState = { ...state, calls: { ...state.calls } };
    for (const call of calls) if (next.calls[call.id]) next.calls[call.id] = call;
    // The panels are told before storage is written: the browser handles the two requests in order, and the
    // panel shows the change without waiting for the write (the state is in memory, and storage is only what
    // a restarted worker starts from).
    let told: Promise<void> = Promise.resolve();
    const saved = context.tabCalls.save(next, (state) => (told = context.pushToPanels('tab/state-changed', state)));
    const written = writeRecords(calls, contributions);
    await Promise.all([told, saved.written, written]);
    return { state: saved.state, calls };
  }

  async function contributionsFor(change: CallChange): Promise<CallContribution[]> {
    const out: CallContribution[] = [];
    for (const feature of features) {
      if (!feature.onCallChange) continue;
      // One feature's failure must not stop the call record or the other features.
      const contribution = await feature.onCallChange(change).catch((error: unknown) => {
        console.error('OnScript feature hook failed', error);
        return undefined;
      });
      if (contribution) out.push(contribution);
    }
    return out;
  }

  async function writeRecords(calls: readonly LiveCall[], contributions: readonly CallContribution[][]): Promise<void> {
    const queues = contributions.some((list) => list.some((contribution) => contribution.outbox));
    const drafts = contributions.flatMap((list) => list.flatMap((contribution) => contribution.log ?? []));
    const tx = (await db()).transaction(
      ['calls', ...(drafts.length > 0 ? COMPLIANCE_LOG_STORES : []), ...(queues ? OUTBOX_STORES : [])],
      'readwrite',
    );
    const store = tx.objectStore('calls');
    const queued: OutboxRequest[] = [];
    // The log entries go in the records' transaction: both are kept, or neither.
    const logged = drafts.length > 0 ? appendInTransaction(tx, drafts) : undefined;
    try {
      // Only the stores' own requests are awaited inside the transaction, so it cannot auto-commit early.
      await Promise.all(
        calls.map(async (call, index) => {
          const existing = await store.get(call.id);
          let record: StoredCallRecord = { ...existing, ...toCallRecord(call) };
          if (call.remoteE164) record.numberE164 = call.remoteE164;
          if (call.pageFields) record.pageFields = call.pageFields;
          if (call.enteredLocation) record.enteredLocation = call.enteredLocation;
          for (const contribution of contributions[index]!) if (contribution.record) record = contribution.record(record);
          for (const contribution of contributions[index]!) if (contribution.outbox) queued.push(...contribution.outbox(record));
          await store.put(record);
        }),
      );
      if (queued.length > 0) await queueOutbox(tx, queued);
      await logged;
    } catch (error) {
      // A contribution that threw leaves the transaction open: abort it, so no record and no log entry of this change is kept.
      void logged?.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already aborted by the request that failed.
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
    await tx.done;
  }

  /** Runs the after-hooks of committed changes; outside the tab's queue, so the next signal never waits. */
  async function afterCallChanges(changes: readonly CallChange[]): Promise<void> {
    for (const change of changes) {
      for (const feature of features) {
        await feature.afterCallChange?.(change).catch((error: unknown) => console.error('OnScript feature hook failed', error));
      }
    }
  }

  const endings = createCallEndings(context, options.askFrame ?? askFrame);

  /**
   * A frame's signal port closed while this worker lives: the frame's page went away. (A port also closes when
   * the worker stops, but then no worker is left to hear it.)
   */
  function onSignalPortClosed(port: Browser.runtime.Port): Promise<void> {
    const closed = signalPorts.get(port);
    signalPorts.delete(port);
    if (!closed) return Promise.resolve();
    return ready().then(() => frameGoneFrom(closed));
  }

  function frameGoneFrom(closed: { tabId: number; frameId: number }): Promise<void> {
    const stillReported = new Set<string>();
    for (const other of signalPorts.values()) {
      if (other.tabId === closed.tabId && other.frameId === closed.frameId) for (const key of other.keys) stillReported.add(key);
    }
    return endings.frameGone(closed.tabId, closed.frameId, stillReported);
  }

  const definitions = options.features ?? BACKGROUND_FEATURES;
  features = definitions.map((definition) => definition.create(context));
  const handlers = Object.assign({}, ...features.map((feature) => feature.handlers)) as {
    [T in MessageType]?: MessageHandler<T>;
  };

  async function dispatch(frame: Envelope, sender: Browser.runtime.MessageSender): Promise<Reply> {
    const { type } = frame;
    const kind = classifySender(sender, browser.runtime.getURL('/'));
    if (kind === 'unknown' || !senderMayPost(type, kind)) return { ok: false, error: `${type} is not accepted from this sender` };
    const checked = validatePayload(type, frame.payload);
    if (!checked.ok) return checked;
    const handler = handlers[type] as MessageHandler<typeof type> | undefined;
    if (!handler) return { ok: false, error: `${type} has no handler` };
    await ready();
    return { ok: true, value: await handler(checked.value as never, sender) };
  }

  const failed = (error: unknown): Reply => ({ ok: false, error: error instanceof Error ? error.message : String(error) });

  return {
    /** The shared context, for tests and for listeners outside the features. */
    context,
    /**
     * Registers every feature's own listeners; call synchronously from the background's main. Then closes what
     * earlier worker lives or browser sessions left unfinished (see {@link recoverUnfinishedCalls}).
     */
    start(): void {
      for (const feature of features) feature.start?.();
      // The tables are fetched now, while the wake's first event is still being read; it waits for what is left.
      void ready()
        .then(() => endings.recover())
        .catch((error: unknown) => console.error('OnScript could not close calls left unfinished', error));
    },
    /**
     * Ends the calls whose end no worker saw: live calls of the stored tab states whose frames no longer report
     * them (each frame is asked), and unfinished records no tab holds (an earlier browser session's). Each
     * worker life runs it once, from `start`.
     */
    recoverUnfinishedCalls(): Promise<void> {
      return ready().then(() => endings.recover());
    },
    /**
     * The `runtime.onMessage` listener. Returns a promise for OnScript's requests (the polyfill sends its
     * value as the response) and `undefined` for anything else, leaving it to other listeners. Broadcasts
     * meant for extension pages are not the background's to answer.
     */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined {
      const frame = readEnvelope(message);
      if (!frame.ok || senderMayPost(frame.value.type, 'background')) return undefined;
      return dispatch(frame.value, sender).catch(failed);
    },
    /**
     * The service worker's own `message` event (Chrome): a side panel's offer of a direct channel. Returns whether
     * the event was one; the entry point hands anything else to the bulk replies.
     */
    onWorkerMessage(event: PanelChannelEvent): boolean {
      return panelChannels.workerMessage(event);
    },
    /**
     * The `runtime.onConnect` listener. The signal port carries dialer frames' call signals (nothing else),
     * checked like any message and acknowledged with the handler's reply once handled, so the frame re-posts
     * what a stopped worker never handled and its guard gets the call's verdict in the same pass; the panel port
     * is only accepted from extension pages.
     */
    onConnect(port: Browser.runtime.Port): void {
      const sender = port.sender;
      if (!sender) return port.disconnect();
      if (port.name === PANEL_PORT_NAME) {
        if (classifySender(sender, browser.runtime.getURL('/')) !== 'extension') return port.disconnect();
        panelPorts.add(port);
        recountPanels();
        port.onMessage.addListener((data: unknown) => panelChannels.portMessage(port, data));
        port.onDisconnect.addListener(() => {
          panelPorts.delete(port);
          panelChannels.portClosed(port);
          recountPanels();
        });
        return;
      }
      if (port.name !== SIGNAL_PORT_NAME) return;
      const tabId = sender.tab?.id;
      const keys = new Set<string>();
      if (tabId !== undefined) {
        signalPorts.set(port, { tabId, frameId: sender.frameId ?? 0, keys });
        port.onDisconnect.addListener(() => void onSignalPortClosed(port));
      }
      port.onMessage.addListener((data: unknown) => {
        const sequenced = readSequencedMessage(data);
        if (!sequenced) return;
        const frame = readEnvelope(sequenced.message);
        const callKey = frame.ok ? (frame.value.payload as { callKey?: unknown } | undefined)?.callKey : undefined;
        if (typeof callKey === 'string' && !keys.has(callKey)) {
          // Noted before the signal is handled, so that an older page's disconnect in this frame spares this call.
          keys.add(callKey);
          if (keys.size > KEYS_PER_PORT) keys.delete(keys.values().next().value!);
        }
        const handled: Promise<Reply> =
          frame.ok && frame.value.type === 'call/signal'
            ? dispatch(frame.value, sender).catch(failed)
            : Promise.resolve({ ok: false, error: 'only call signals travel on this port' });
        // Acknowledged when handled, refused or failed alike: only a worker that stopped first leaves it pending.
        void handled.then((reply) => {
          if (!reply.ok) console.warn('OnScript refused a call signal:', reply.error);
          try {
            port.postMessage({ ack: sequenced.seq, ...(reply.ok ? { reply: reply.value } : { refused: reply.error }) } satisfies PortAck);
          } catch {
            // The frame went away; nothing to acknowledge to.
          }
        });
      });
    },
    /** The `tabs.onRemoved` listener: a closed tab's live calls end with it; their records stay. */
    onTabRemoved(tabId: number): Promise<void> {
      return ready().then(() => endings.tabRemoved(tabId));
    },
  };
}
