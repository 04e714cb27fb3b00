/**
 * A header-only SIP message reader for frames seen on a dialer's WebSocket. It reads what call tracking needs
 * (start line, a few headers, the SDP media direction) and nothing else: the page's traffic is untrusted and
 * large bodies are never walked beyond the attribute lines.
 */

/** A SIP request or response with the headers the tracker reads, names lower-cased in their long form. */
export interface SipMessage {
  kind: 'request' | 'response';
  /** Request method (upper case), or the CSeq method for a response. */
  method: string;
  /** Response status code; 0 for requests. */
  status: number;
  requestUri: string;
  callId: string;
  cseqMethod: string;
  /** Raw header values by lower-cased long name; repeated headers keep their first value. */
  headers: Readonly<Record<string, string>>;
  /** The media direction in the SDP body, when there is one. */
  sdpDirection?: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

/** Frames larger than this are not SIP a softphone would send; they are ignored rather than parsed. */
export const MAX_SIP_FRAME_CHARS = 64 * 1024;

const COMPACT_HEADER_NAMES: Readonly<Record<string, string>> = {
  i: 'call-id',
  f: 'from',
  t: 'to',
  m: 'contact',
  v: 'via',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  u: 'allow-events',
};

const REQUEST_LINE = /^([A-Z]{2,16}) (\S{1,2048}) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d)(?: .*)?$/;

import { MAX_REMOTE_CHARS } from '../calls/limits';
import { looksLikeSip } from '../hooks/frame-predicates';

export { looksLikeSip };

/**
 * Parses one SIP frame. Returns `undefined` for anything that is not a well-formed SIP message with a Call-ID
 * and a CSeq, rather than throwing: the caller is reading someone else's traffic.
 */
export function parseSipMessage(frame: string): SipMessage | undefined {
  if (frame.length > MAX_SIP_FRAME_CHARS || !looksLikeSip(frame)) return undefined;
  const headerEnd = frame.indexOf('\r\n\r\n');
  const head = headerEnd === -1 ? frame : frame.slice(0, headerEnd);
  const lines = head.split(/\r\n/);
  const startLine = lines[0] ?? '';

  let kind: SipMessage['kind'];
  let method = '';
  let status = 0;
  let requestUri = '';
  const request = REQUEST_LINE.exec(startLine);
  if (request) {
    kind = 'request';
    method = request[1] ?? '';
    requestUri = request[2] ?? '';
  } else {
    const response = STATUS_LINE.exec(startLine);
    if (!response) return undefined;
    kind = 'response';
    status = Number(response[1]);
  }

  const headers: Record<string, string> = Object.create(null);
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i] ?? '';
    // Folded continuation lines (leading whitespace) belong to the previous header; they are rare and
    // never carry what the tracker reads, so they are skipped.
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT_HEADER_NAMES[rawName] ?? rawName;
    line = line.slice(colon + 1).trim();
    if (!(name in headers)) headers[name] = line;
  }

  const callId = headers['call-id'];
  const cseq = headers['cseq'];
  if (!callId || !cseq) return undefined;
  const cseqMethod = (cseq.split(/\s+/)[1] ?? '').toUpperCase();
  if (!cseqMethod) return undefined;
  if (kind === 'response') method = cseqMethod;

  const message: SipMessage = { kind, method, status, requestUri, callId, cseqMethod, headers };
  if (headerEnd !== -1 && /application\/sdp/i.test(headers['content-type'] ?? '')) {
    const direction = readSdpDirection(frame.slice(headerEnd + 4));
    if (direction) message.sdpDirection = direction;
  }
  return message;
}

/**
 * The session's media direction: the first media section's attribute wins over the session-level one,
 * which is how softphones put a call on hold.
 */
function readSdpDirection(body: string): SipMessage['sdpDirection'] {
  let sessionLevel: SipMessage['sdpDirection'];
  let inMedia = false;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      if (inMedia) break;
      inMedia = true;
      continue;
    }
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line);
    if (!match) continue;
    const direction = match[1] as NonNullable<SipMessage['sdpDirection']>;
    if (inMedia) return direction;
    sessionLevel = direction;
  }
  return sessionLevel ?? (inMedia ? 'sendrecv' : undefined);
}

/** Whether a From/To-style header carries a `tag` parameter (an established dialog). */
export function hasTag(nameAddr: string | undefined): boolean {
  return nameAddr !== undefined && /;\s*tag=/i.test(nameAddr.replace(/<[^>]*>/, ''));
}

/**
 * The user (number) a name-addr points at: `"Ann" <sip:+8613800138000@host;user=phone>` gives
 * `+8613800138000`; `<tel:+1-212-555-0100>` gives `+1-212-555-0100`.
 */
export function remotePartyOf(nameAddr: string | undefined): string | undefined {
  if (!nameAddr) return undefined;
  const bracketed = /<([^>]*)>/.exec(nameAddr);
  const uri = (bracketed ? bracketed[1] : nameAddr.split(';')[0])?.trim() ?? '';
  const tel = /^tel:([^;?]+)/i.exec(uri);
  if (tel) return decodeUserPart(tel[1] ?? '');
  const sip = /^sips?:([^@;?]+)@/i.exec(uri);
  if (sip) return decodeUserPart(sip[1] ?? '');
  return undefined;
}

function decodeUserPart(user: string): string {
  let decoded = user;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    // A malformed escape is kept as written.
  }
  // The user part may carry its own parameters (`+123;phone-context=...`).
  return decoded.split(';')[0]?.slice(0, MAX_REMOTE_CHARS) ?? '';
}
