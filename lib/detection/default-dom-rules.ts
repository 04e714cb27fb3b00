/**
 * DOM rules shipped with the extension. Plain data in the shape {@link parseDomRules} accepts, so a
 * script pack can replace or extend them without a release (tests run these through the validator).
 */
import type { DomRule } from './dom-rules';

/**
 * The attribute the demo dialer (demo/, served on 127.0.0.1) puts on its call UI, and its values.
 * Show/hide an element with the `hidden` attribute; the timer shows digits only once answered.
 */
export const DEMO_DIALER_MARKERS = Object.freeze({
  attribute: 'data-onscript-demo',
  /** Wraps all call UI; the observer attaches here. */
  callPanel: 'call-panel',
  /** The hang-up button, present and not hidden while a call or an outbound attempt is live. */
  hangup: 'hangup',
  /** The call timer, e.g. `00:42`; empty or hidden until the call is answered. */
  callTimer: 'call-timer',
  /** The remote number as text. */
  remoteNumber: 'remote-number',
  /** Shown while on hold. */
  holdIndicator: 'hold-indicator',
  /** Shown while an incoming call rings. */
  incomingCall: 'incoming-call',
  /** The demo's stand-in for a CRM: the account open for the number on the line (hidden between calls). */
  crm: 'crm',
  crmName: 'crm-name',
  crmAmount: 'crm-amount',
  crmDueDate: 'crm-due-date',
  crmReference: 'crm-reference',
});

const m = DEMO_DIALER_MARKERS;
const sel = (value: string): string => `[${m.attribute}="${value}"]`;

/** Rules for the demo dialer on loopback (any port). */
export const DEFAULT_DOM_RULES: readonly DomRule[] = Object.freeze([
  {
    id: 'onscript-demo-dialer',
    origins: ['http://127.0.0.1/*', 'http://localhost/*'],
    selectors: {
      container: sel(m.callPanel),
      // The demo disables (rather than hides) its hang-up button between calls.
      hangupControl: `${sel(m.hangup)}:not([disabled])`,
      callTimer: sel(m.callTimer),
      remoteNumber: sel(m.remoteNumber),
      holdIndicator: sel(m.holdIndicator),
      incomingIndicator: sel(m.incomingCall),
    },
    // What the account beside the phone shows, offered to the agent for the call's form (never filled unasked).
    fields: {
      'customer.name': sel(m.crmName),
      'debt.amount': sel(m.crmAmount),
      'debt.dueDate': sel(m.crmDueDate),
      'debtor.ref': sel(m.crmReference),
    },
    attributeFilter: ['hidden', 'aria-hidden', 'disabled'],
  },
]);
