/**
 * The dialer vendor registry: every vendor module in this folder, listed once. The vendor tables below (the CTI
 * ids, their origins, the known dialers the options page offers, `VendorId`) are derived from this list. The one
 * list kept apart is ids.ts, the CTI ids the protocol reads without the parsers; the compiler holds it to this list.
 * tests/lib/detection/vendors/registry.test.ts checks that the folder, this list, the fixture tests, the README
 * tables, the derived tables and the protocol agree. To add a vendor, see "Add a CTI vendor" in
 * lib/detection/README.md.
 */
import type { CtiVendorDefinition, KnownDialer, SignalingVendorDefinition } from './define-vendor';
import type { CTI_VENDOR_IDS } from './ids';
import aircall from './aircall';
import amazonConnect from './amazon-connect';
import genesysCloud from './genesys-cloud';
import ringcentral from './ringcentral';
import twilioFlex from './twilio-flex';
import zoomPhone from './zoom-phone';

export type { KnownDialer } from './define-vendor';

/**
 * Every vendor, in the order the options page lists their dialers. A CTI vendor whose id is not in ids.ts is a
 * compile error here.
 */
export const VENDORS = [
  twilioFlex,
  ringcentral,
  aircall,
  amazonConnect,
  zoomPhone,
  genesysCloud,
] as const satisfies readonly (SignalingVendorDefinition | CtiVendorDefinition<(typeof CTI_VENDOR_IDS)[number]>)[];

/**
 * Builds one derived table, frozen. Declared free of side effects so that a bundle importing this module without
 * reading a table (the background, through lib/extension/shared/detection-settings.ts) leaves out the registry and the
 * parsers it holds.
 */
/* @__NO_SIDE_EFFECTS__ */
function derived<T>(build: () => T): Readonly<T> {
  return Object.freeze(build());
}

/** A registered CTI vendor's declaration. */
export type CtiVendor = Extract<(typeof VENDORS)[number], { layer: 'cti' }>;

/** The vendors whose CTI iframes post call events to the host page (read by vendor-events.ts). */
export type VendorId = CtiVendor['id'];

/** The CTI vendors, in registry order: the ones the vendor event reader reads. */
export const CTI_VENDORS: readonly CtiVendor[] = derived(() => VENDORS.filter((v): v is CtiVendor => v.layer === 'cti'));

/** Every CTI vendor id, in a stable order. */
export const VENDOR_IDS: readonly VendorId[] = derived(() => CTI_VENDORS.map((v) => v.id));

/**
 * Origins each CTI vendor's iframe posts from (match patterns, see match-patterns.ts). Only events whose
 * `MessageEvent.origin` matches are read.
 */
export const VENDOR_ORIGINS: Readonly<Record<VendorId, readonly string[]>> = derived(
  () => Object.fromEntries(CTI_VENDORS.map((v) => [v.id, v.origins])) as Record<VendorId, readonly string[]>,
);

/**
 * Dialers whose pages OnScript can read once enabled, every vendor's offers in registry order. CTI vendors post
 * events from their iframe to the page that embeds it, so a CRM embedding one must be enabled with "add an
 * origin"; the entries here cover the vendors' own web apps and iframes (detection runs in every frame of an
 * enabled origin).
 */
export const KNOWN_DIALERS: readonly KnownDialer[] = derived(() =>
  VENDORS.flatMap((v) => v.dialers.map((offer): KnownDialer => ({ ...offer, layer: v.layer }))),
);
