import { defineCatalog } from './define-catalog';

/** Strings for dialer origins and detection settings (issue 3). Keys are prefixed `detection.`. */
export const detectionCatalog = defineCatalog({}, {});
