import type { ComplianceAssessment } from '../compliance/assessment';

/**
 * The shapes every part of OnScript agrees on for a call: what detection reports, what the
 * background keeps per tab, and what is written to IndexedDB.
 */

import type { CTI_VENDOR_IDS } from '../detection/vendors/ids';

/** Which side placed the call. */
export type CallDirection = 'outbound' | 'inbound';

/** Where a call is in its life. `ended` is final. */
export type CallPhase = 'dialing' | 'ringing' | 'connected' | 'held' | 'ended';

/** Who ended the call, as far as signaling tells. */
export type HangupParty = 'local' | 'remote' | 'unknown';

/**
 * Why a call ended: `hangup` after it was connected; `cancelled` when the caller gave up before an answer;
 * `rejected` when the callee declined (486/603 and similar); `failed` for any other final error before an answer.
 * `ended-unknown` when OnScript never saw the end: the dialer page went away mid-call (reload, navigation, tab
 * closed, frame crashed) or the worker or browser restarted with the call unfinished. For the caps it counts as a
 * conversation when the call had connected, else as an unanswered attempt.
 */
export type EndReason = (typeof END_REASONS)[number];

/** Every {@link EndReason}: the validator's list, and the list the docs and the panel's strings are checked against. */
export const END_REASONS = ['hangup', 'cancelled', 'rejected', 'failed', 'ended-unknown'] as const;

/**
 * The detector a signal came from: SIP or Twilio signaling read from the page's WebSocket, a vendor's CTI
 * events posted to the page (one source per CTI vendor, named in lib/detection/vendors/ids.ts), a DOM rule, or
 * media (which only ever confirms a call another layer found).
 */
export type SignalSource = 'sip-ws' | 'twilio-ws' | (typeof CTI_VENDOR_IDS)[number] | 'dom' | 'media';

/**
 * One observation about one call, as a detector in a page frame reports it. Detectors know nothing of
 * tabs or storage; the background folds signals into {@link LiveCall}s.
 */
export interface CallSignal {
  /** Detector-scoped call key (the SIP Call-ID for SIP). */
  callKey: string;
  source: SignalSource;
  phase: CallPhase;
  direction: CallDirection;
  /** The remote party as signaled (user part or tel number), never interpreted as HTML. */
  remote: string;
  /** Epoch ms at which the page saw the message. */
  at: number;
  endedBy?: HangupParty;
  endReason?: EndReason;
  /** Final SIP status when the call ended on an error response. */
  status?: number;
  /** 0..1: how far the detector (or the merge of several) trusts this signal. */
  confidence?: number;
  /** The remote party in E.164, when it could be normalized; `remote` keeps the raw string. */
  remoteE164?: string;
  /** A vendor's own error or cause code when the call ended on one (e.g. Twilio 31005). */
  vendorCode?: string;
}

/** What is known about one call, wherever it is kept. */
export interface CallFacts {
  /** Stable id across the extension: also the IndexedDB key of its record. */
  id: string;
  /** Origin of the dialer frame the call was detected in. */
  origin: string;
  source: SignalSource;
  direction: CallDirection;
  remoteNumber: string;
  /** 0..1: the detection confidence of the latest signal. */
  confidence?: number;
  phase: CallPhase;
  startedAt: number;
  connectedAt?: number;
  endedAt?: number;
  endedBy?: HangupParty;
  endReason?: EndReason;
  /** Epoch ms of the last signal folded in. */
  updatedAt: number;
}

/**
 * The compliance verdict on a call, computed once by the background when the call is first seen and handed as
 * is to the pre-dial guard and the side panel.
 */
export interface CallVerdict {
  assessment: ComplianceAssessment;
  /** Set when the agent overrode these same breaches on this number minutes ago: the guard then stays away. */
  override?: { reason: string; until: number; callId: string };
}

/** A call the background is tracking for a tab. */
export interface LiveCall extends CallFacts {
  tabId: number;
  frameId: number;
  callKey: string;
  /** The remote number in E.164, when the background could normalize it (stored as `numberE164`). */
  remoteE164?: string;
  /** `<frameId>:<callKey>` of other frames' detectors that report this same call (see applyCallSignal). */
  aliases?: string[];
  /** The compliance verdict at the call's start (see {@link CallVerdict}). */
  verdict?: CallVerdict;
  /** What the open page (a CRM) shows about the debtor, read by the page's DOM rule fields (untrusted text). */
  pageFields?: Record<string, string>;
  /** Where the agent says the debtor is. */
  enteredLocation?: DebtorLocation;
}

/** A location as an agent or a page states it; every field optional. */
export interface DebtorLocation {
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country?: string;
  /** State or province, code or name (`CA`, `California`, `ON`). */
  region?: string;
  /** US ZIP or Canadian postal code. */
  postalCode?: string;
  /** IANA zone, e.g. `America/Chicago`. */
  timeZone?: string;
}

/** What the background keeps per tab, persisted so a restarted worker carries on. */
export interface TabCallState {
  tabId: number;
  /** Calls by {@link LiveCall.id}; ended calls stay until they age out so the panel can show wrap-up. */
  calls: Record<string, LiveCall>;
  /**
   * Counts the saves of this tab's state (absent before the first), so a panel that hears one state twice, over
   * its port and in a broadcast, can tell an older one arriving late and keep the newer.
   */
  revision?: number;
  /** When (background receipt time) the tab's calls of the last minute started, for the tab's limits (tab-calls.ts). */
  recentStarts?: number[];
}

/** A call as stored in IndexedDB (schema v1): the facts without the tab bookkeeping. */
export type CallRecord = CallFacts;
