import { defineCatalog } from './define-catalog';

/** Strings for the call script view (issue 4). Keys are prefixed `script.`. */
export const scriptCatalog = defineCatalog({}, {});
