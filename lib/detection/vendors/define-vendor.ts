/**
 * What one dialer vendor module declares: who the vendor is, where its events come from, what the options page
 * offers to enable for it, and (for a CTI vendor) how its events become call updates. Each file in this folder
 * besides the helpers is one `export default defineVendor({...})`, listed once in index.ts.
 *
 * Nothing here imports lib/detection/types.ts: that module re-exports `VendorId` from the registry, and the
 * registry must not lead back to it.
 */
import type { CallDirection, CallPhase, EndReason, HangupParty } from '../../calls/types';
import type { DropNote } from '../guard';

/** A dialer OnScript knows how to read, offered with an Enable button on the options page. */
export interface KnownDialer {
  /** Unique across all vendors; a Preact key in the options list. */
  id: string;
  /** Product name; not translated. */
  name: string;
  /**
   * Host permission patterns to request for it. Browser match patterns, so a wildcard can only be the leftmost
   * host label (`https://*.pure.cloud/*`), unlike the vendor origin patterns the reader compiles itself.
   */
  matches: readonly string[];
  /** What detection reads there. */
  layer: 'signaling' | 'cti' | 'dom';
}

/** A known-dialer entry as a vendor declares it; the registry adds the vendor's layer. */
export type DialerOffer = Omit<KnownDialer, 'layer'>;

/** What a parser wants to say about one call; the reader's call book decides whether it is news. */
export interface CallUpdate {
  key: string;
  phase: CallPhase;
  direction?: CallDirection;
  remote?: string;
  endedBy?: HangupParty;
  endReason?: EndReason;
}

/** What a parser may ask of the reader's memory of one vendor's open calls. */
export interface VendorCallBook {
  /** The call most recently started, for vendor events that omit the call id. */
  readonly latestKey: string | undefined;
  has(key: string): boolean;
  /** Keys of the open calls. */
  keys(): string[];
  /** A key for a vendor event that names no call, unique within this book. */
  syntheticKey(): string;
}

/** A parser's answer for one event: the calls it concerns, or why it was dropped. */
export type ParseOutcome = { updates: CallUpdate[] } | { dropped: DropNote };

/**
 * Reads one event that already passed the reader's origin, rate, size and shape checks. It only places the
 * event; whether a call's phase changed is the call book's business.
 */
export type VendorParser = (data: unknown, book: VendorCallBook) => ParseOutcome;

/** Fields every vendor declares. */
interface VendorBase<Id extends string> {
  /** Kebab-case, the module's file name; for a CTI vendor also the `source` of its signals. */
  id: Id;
  /** Product name as the README "Supported dialers" tables write it (the registry test looks for it there). */
  name: string;
  /** What the options page offers to enable for this vendor: its own web app's origins. */
  dialers: readonly DialerOffer[];
}

/** A vendor whose CTI iframe posts call events to the page that embeds it. */
export interface CtiVendorDefinition<Id extends string = string> extends VendorBase<Id> {
  layer: 'cti';
  /**
   * Origins the iframe posts from, as match patterns (match-patterns.ts). Only events whose
   * `MessageEvent.origin` matches are read.
   */
  origins: readonly string[];
  /**
   * Origins in {@link origins} that no entry of {@link VendorBase.dialers} covers, each with the reason. The usual
   * one: the origin only ever serves the iframe, whose events go to a CRM page the user enables by address.
   */
  originsNotOffered?: Readonly<Record<string, string>>;
  /** The iframe may post JSON text rather than objects; the reader parses it (bounded) before {@link parse}. */
  postsJsonText?: boolean;
  parse: VendorParser;
}

/** A vendor read from its signaling socket by a tracker of its own (see twilio.ts), not by the CTI reader. */
export interface SignalingVendorDefinition<Id extends string = string> extends VendorBase<Id> {
  layer: 'signaling';
  /** The `source` its tracker's signals carry. */
  source: 'sip-ws' | 'twilio-ws';
}

/** Any vendor declaration. */
export type VendorDefinition<Id extends string = string> = CtiVendorDefinition<Id> | SignalingVendorDefinition<Id>;

/**
 * Declares a vendor. Returns its argument frozen; the point is the type, which keeps the id a literal so the
 * registry can derive `VendorId` from its list.
 */
export function defineVendor<const Id extends string>(definition: CtiVendorDefinition<Id>): CtiVendorDefinition<Id>;
export function defineVendor<const Id extends string>(definition: SignalingVendorDefinition<Id>): SignalingVendorDefinition<Id>;
/* @__NO_SIDE_EFFECTS__ */
export function defineVendor(definition: VendorDefinition): VendorDefinition {
  return Object.freeze(definition);
}
