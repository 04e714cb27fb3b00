/*
 * The two questions the MAIN-world hook asks of every socket, on their own so the hook (which runs before any
 * page script, in every frame of an enabled dialer) carries nothing else: the SIP parser and the Twilio reader
 * run in the ISOLATED bridge. The walls test keeps the hook's import closure this small.
 */

/** Cheap pre-check for a frame that may be SIP, used on every WebSocket message before any parsing. */
export function looksLikeSip(frame: string): boolean {
  if (frame.startsWith('SIP/2.0 ')) return true;
  const first = frame.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  const lineEnd = frame.indexOf('\r\n');
  return lineEnd > 8 && lineEnd < 2100 && frame.startsWith(' SIP/2.0', lineEnd - 8);
}

/**
 * Whether a WebSocket URL is Twilio Voice signaling, so the hook only parses frames of that socket.
 * @param url the URL passed to `new WebSocket(url)`
 */
export function isTwilioSignalingUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'wss:' && /(^|\.)twilio\.com$/.test(u.hostname) && u.pathname.startsWith('/signal');
  } catch {
    return false;
  }
}
