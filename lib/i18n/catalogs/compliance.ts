import { defineCatalog } from './define-catalog';

/** Strings for the countdown, caps, do-not-call flags and the pre-dial guard (issue 5). Keys are prefixed `compliance.`. */
export const complianceCatalog = defineCatalog({}, {});
