/**
 * How long the strings of a call signal may be: one limit for every detector that makes a signal and for the
 * background that checks it (lib/protocol/call-messages.ts). Detectors read longer values from the page and clip
 * them to these when they make the signal, so a number one character too long is shortened, never dropped.
 */

/** Longest remote party string a signal carries (a number, a SIP user part or a vendor's party label). */
export const MAX_REMOTE_CHARS = 64;
/** Longest call key (Call-ID) a signal carries. */
export const MAX_CALL_KEY_CHARS = 256;
/** Longest value a detector reads from page data before clipping it: bounds the work on a forged megabyte. */
export const MAX_READ_CHARS = 1_024;
