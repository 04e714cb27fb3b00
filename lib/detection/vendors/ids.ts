/**
 * The ids of the registered CTI vendors, which are also the `source` of their signals. They live apart from the
 * registry (index.ts) so that the protocol's validator, which runs in the background, and the shared call types
 * (lib/calls/types.ts) can name them without importing the vendor parsers. index.ts does not compile while a
 * registered CTI vendor is missing here, and tests/lib/detection/vendors/registry.test.ts fails while an id here
 * is not registered.
 */
export const CTI_VENDOR_IDS = ['ringcentral', 'aircall', 'amazon-connect', 'zoom-phone', 'genesys-cloud'] as const;
