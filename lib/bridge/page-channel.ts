import type { HookedFrame } from '../hooks/websocket-hook';

/**
 * The channel between the MAIN-world hook and the ISOLATED bridge: a DOM event on the window carrying a JSON
 * string. Only strings cross between the worlds. The page can dispatch the same event, so everything read from
 * it is treated as forged until checked.
 */
export const PAGE_FRAME_EVENT = 'onscript:frame';

/** The largest frame accepted across the channel. */
export const MAX_PAGE_FRAME_CHARS = 64 * 1024;

/** Serializes a frame for the channel. */
export function encodePageFrame(frame: HookedFrame): string {
  return JSON.stringify(frame.kind ? [frame.wire, frame.at, frame.data, frame.kind] : [frame.wire, frame.at, frame.data]);
}

/** Reads a frame from the channel, or `undefined` for anything malformed or oversized. */
export function decodePageFrame(detail: unknown): HookedFrame | undefined {
  if (typeof detail !== 'string' || detail.length > MAX_PAGE_FRAME_CHARS + 64) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length < 3 || parsed.length > 4) return undefined;
  const [wire, at, data, kind] = parsed as unknown[];
  if (parsed.length === 4 && kind !== 'twilio' && kind !== 'media') return undefined;
  if (wire !== 'sent' && wire !== 'received') return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  if (typeof data !== 'string' || data.length > MAX_PAGE_FRAME_CHARS) return undefined;
  if (kind === 'media') return /^\d{1,6}:connected$/.test(data) ? { wire, at, data, kind } : undefined;
  return kind === 'twilio' ? { wire, at, data, kind } : { wire, at, data };
}
