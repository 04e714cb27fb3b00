/** Who may send a message: content scripts (untrusted page data), OnScript's own pages, or the background. */
export type SenderKind = 'content' | 'extension' | 'background';

/** The senders allowed for one message type. */
export type SenderRule = readonly SenderKind[];
