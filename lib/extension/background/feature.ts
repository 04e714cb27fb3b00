import type { Browser } from 'wxt/browser';
import type { ComplianceLogDraft } from '../../audit/compliance-log';
import type { LiveCall, TabCallState } from '../../calls/types';
import type { OnScriptDb, StoredCallRecord } from '../../db/schema';
import type { MessageType, ProtocolMap } from '../../protocol/messages';
import type { MessageTable } from '../../protocol/sender-rules';
import type { OutboxRequest } from '../../team/outbox';
import type { TabCallStore } from './tab-state-store';

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
   * Tells the open side panels once: over their ports, or, while no panel port is open (a worker that has just
   * started), as a `runtime.sendMessage` broadcast, which also makes those panels reconnect.
   */
  pushToPanels<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Promise<void>;
  /**
   * Writes call changes in one pass: every feature's contribution is gathered first, then the tab state is saved
   * and told to the panels, and every changed record is written in one IndexedDB transaction. Must be called
   * inside `inTabOrder` for the tab; returns the state as saved and the calls as told.
   */
  commitCallChanges(state: TabCallState, changes: readonly CallChange[]): Promise<CommittedCallChanges>;
  /**
   * The same pass for calls no tab holds any more (records an earlier browser session left unfinished): the
   * contributions and the one transaction, with no tab state to save or tell.
   */
  commitCallChanges(state: undefined, changes: readonly CallChange[]): Promise<Pick<CommittedCallChanges, 'calls'>>;
  /** Runs the features' after-hooks for committed changes; called outside the tab's queue. */
  afterCallChanges(changes: readonly CallChange[]): Promise<void>;
  /**
   * Resolves once what the worker fetches rather than bundles (the phone tables, phone-data-loader.ts) is loaded.
   * Message handlers are only called after it; a feature's own listeners (alarms) await it before their work.
   */
  ready(): Promise<void>;
}

/** One call's change: the call after it, and before it (absent when the call is new). */
export interface CallChange {
  call: LiveCall;
  previous?: LiveCall;
}

/** What {@link BackgroundContext.commitCallChanges} wrote. */
export interface CommittedCallChanges {
  state: TabCallState;
  /** The changed calls as told to the panels, with what the features added to them. */
  calls: LiveCall[];
}

/**
 * What a feature adds to a call change before it is written. Every part is applied inside the one pass: the
 * record change to the record as the transaction reads it (so concurrent writers are never overwritten), the
 * live facts to the call the panels are told about, and the outbox rows, built from the record as written, to the
 * team outbox in the same transaction (lib/db/outbox.ts; nothing is queued while no hub is configured).
 */
export interface CallContribution {
  record?: (record: StoredCallRecord) => StoredCallRecord;
  /** Compliance-log entries that belong with this change: written in the record's own transaction. */
  log?: readonly ComplianceLogDraft[];
  live?: Partial<Pick<LiveCall, 'verdict'>>;
  outbox?: (record: StoredCallRecord) => readonly OutboxRequest[];
}

/** A handler for one message type; the payload has already been validated and the sender checked. */
export type MessageHandler<T extends MessageType> = (
  payload: ProtocolMap[T]['request'],
  sender: Browser.runtime.MessageSender,
) => Promise<ProtocolMap[T]['response']>;

/** The handlers a feature contributes. */
export type MessageHandlers = { [T in MessageType]?: MessageHandler<T> };

/** A background feature for one worker life. */
export interface BackgroundFeature {
  /** One handler per message type of the feature's table that the background answers. */
  handlers: MessageHandlers;
  /** Before a call change is written: what this feature adds to it (gathered from every feature, written once). */
  onCallChange?(change: CallChange): Promise<CallContribution | undefined>;
  /** After a call change is written and told: side effects such as applying a deferred pack update. */
  afterCallChange?(change: CallChange): Promise<void>;
  /**
   * Registers the feature's own browser listeners (alarms, notifications, commands, permissions). Called
   * synchronously when the worker starts, so the event that woke it is not missed.
   */
  start?(): void;
}

/**
 * A background feature's one declaration: its id, its part of the protocol (lib/protocol/<feature>-messages.ts)
 * and how it is built for a worker life. Listed once in features/index.ts.
 */
export interface FeatureDefinition {
  id: string;
  /** The messages the feature owns: the service dispatches exactly these to its handlers. */
  messages: MessageTable<Partial<ProtocolMap>>;
  /**
   * The UI strings the feature speaks from the background (notifications, verdict reasons), the same catalog
   * the pages merge into their translator (lib/i18n/ui-messages.ts; a test checks they agree).
   */
  catalog?: FeatureCatalog;
  create(context: BackgroundContext): BackgroundFeature;
}

/** A feature's strings: English and Chinese, same keys (lib/i18n/catalogs/define-catalog.ts). */
export interface FeatureCatalog {
  en: Readonly<Record<string, string>>;
  'zh-CN': Readonly<Record<string, string>>;
}

/** Declares a background feature (see {@link FeatureDefinition}). */
export function defineBackgroundFeature(definition: FeatureDefinition): FeatureDefinition {
  return definition;
}
