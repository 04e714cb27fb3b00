import type { Browser } from 'wxt/browser';
import type { LiveCall } from '../../../calls/types';
import type { OnScriptDb } from '../../../db/schema';
import type { MessageType, ProtocolMap } from '../../../protocol/messages';
import type { TabCallStore } from '../tab-state-store';

/** What every background feature gets: time, ids, the database, per-tab ordering and per-tab call state. */
export interface BackgroundContext {
  now: () => number;
  newId: () => string;
  /** The open database (opened once per worker life, on first use). */
  db: () => Promise<OnScriptDb>;
  /** Runs `work` after every earlier piece of work for the same tab, so one tab's updates never interleave. */
  inTabOrder<T>(tabId: number, work: () => Promise<T>): Promise<T>;
  /** Per-tab call state (persisted in storage.session, cached for this worker's life). */
  tabCalls: TabCallStore;
  /**
   * Tells the open side panels: over their ports first (the fast path), then as a `runtime.sendMessage`
   * broadcast, which reaches a panel whose port died with an earlier worker and makes it reconnect.
   */
  pushToPanels<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Promise<void>;
}

/** A handler for one message type; the payload has already been validated and the sender checked. */
export type MessageHandler<T extends MessageType> = (
  payload: ProtocolMap[T]['request'],
  sender: Browser.runtime.MessageSender,
) => Promise<ProtocolMap[T]['response']>;

/** The handlers a feature contributes. */
export type MessageHandlers = { [T in MessageType]?: MessageHandler<T> };

/**
 * A background feature: its message handlers, and optionally a hook called after every change to a call
 * (already persisted), e.g. to defer a pack update until a call ends or to count an attempt.
 */
export interface BackgroundFeature {
  handlers: MessageHandlers;
  onCallChanged?(call: LiveCall): Promise<void>;
}

/** Declares a feature from its context. */
export type DefineBackgroundFeature = (context: BackgroundContext) => BackgroundFeature;
