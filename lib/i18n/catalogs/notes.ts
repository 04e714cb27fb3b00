import { defineCatalog } from './define-catalog';

/** Strings for notes, follow-ups, history, export and the daily summary (issue 6). Keys are prefixed `notes.`. */
export const notesCatalog = defineCatalog({}, {});
