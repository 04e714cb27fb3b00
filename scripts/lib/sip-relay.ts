import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

type Header = [name: string, value: string];
interface RelayMessage {
  start: string;
  headers: Header[];
  body: string;
}

/**
 * A small SIP-over-WebSocket registrar and stateless proxy for `npm start` on a machine without Kamailio.
 * It knows just enough SIP for two browser softphones on one machine: REGISTER bindings in memory, initial
 * requests routed by the Request-URI user, in-dialog requests by the Contact host each client announced,
 * responses back along a Via branch that names the connection they came from. Tests use real Kamailio.
 */
export async function startSipRelay({ host = '127.0.0.1', port = 0, domain = 'onscript.test' } = {}) {
  const server = new WebSocketServer({ host, port, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const relayHost = 'relay.onscript.invalid';
  const connections = new Map<string, WebSocket>();
  /** SIP user → connection id. */
  const registrations = new Map<string, string>();
  /** Contact host (the browser's made-up .invalid host) → connection id. */
  const contactHosts = new Map<string, string>();
  let nextId = 1;

  server.on('connection', (socket) => {
    const id = String(nextId++);
    connections.set(id, socket);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        handle(id, data.toString('utf8'));
      } catch (error) {
        process.stderr.write(`sip relay: dropped a message: ${String(error)}\n`);
      }
    });
    socket.on('close', () => {
      connections.delete(id);
      for (const [key, value] of registrations) if (value === id) registrations.delete(key);
      for (const [key, value] of contactHosts) if (value === id) contactHosts.delete(key);
    });
  });

  function send(id: string, message: RelayMessage): void {
    const socket = connections.get(id);
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(serialize(message));
  }

  function reply(from: string, request: RelayMessage, status: number, reason: string, extra: Header[] = []): void {
    const keep = request.headers.filter(([name]) => ['via', 'from', 'to', 'call-id', 'cseq'].includes(name.toLowerCase()));
    const headers = keep.map(([name, value]): Header =>
      name.toLowerCase() === 'to' && !/;tag=/i.test(value) ? [name, `${value};tag=relay${Date.now().toString(36)}`] : [name, value],
    );
    send(from, { start: `SIP/2.0 ${status} ${reason}`, headers: [...headers, ...extra, ['Content-Length', '0']], body: '' });
  }

  function handle(from: string, text: string): void {
    const message = parse(text);
    if (!message) return;
    learnContactHost(message, from);
    if (message.start.startsWith('SIP/2.0')) return relayResponse(message);

    const [method = '', requestUri = ''] = message.start.split(' ');
    if (method === 'REGISTER') return register(from, message);
    const routes = message.headers.filter(([name]) => name.toLowerCase() === 'route');
    let target: string | undefined;
    const topRoute = routes[0];
    if (topRoute && topRoute[1].includes(relayHost)) {
      message.headers.splice(message.headers.indexOf(topRoute), 1);
      target = contactHosts.get(hostOf(requestUri));
    } else {
      target = registrations.get(userOf(requestUri)) ?? contactHosts.get(hostOf(requestUri));
      if (method === 'INVITE' || method === 'SUBSCRIBE') {
        message.headers.unshift(['Record-Route', `<sip:${relayHost};transport=ws;lr>`]);
      }
    }
    if (!target) {
      if (method !== 'ACK') reply(from, message, 404, 'Not Found');
      return;
    }
    const incomingBranch = /branch=([^;,\s]+)/i.exec(header(message, 'via') ?? '')?.[1] ?? '';
    // The branch carries the sender's connection id so the response finds its way back without state;
    // CANCEL and non-2xx ACK reuse the INVITE's branch, so they get the same one here.
    const branch = `z9hG4bK-${from}-${incomingBranch.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
    message.headers.unshift(['Via', `SIP/2.0/WSS ${relayHost};branch=${branch}`]);
    send(target, message);
  }

  function relayResponse(message: RelayMessage): void {
    const via = message.headers.find(([name]) => ['via', 'v'].includes(name.toLowerCase()));
    if (!via || !via[1].includes(relayHost)) return;
    const back = /branch=z9hG4bK-(\d+)-/.exec(via[1])?.[1];
    message.headers.splice(message.headers.indexOf(via), 1);
    if (back) send(back, message);
  }

  function register(from: string, message: RelayMessage): void {
    const to = header(message, 'to') ?? '';
    const user = userOf(/<([^>]+)>/.exec(to)?.[1] ?? to);
    const contact = header(message, 'contact') ?? '';
    const expires = Number(/expires=(\d+)/i.exec(contact)?.[1] ?? header(message, 'expires') ?? 600);
    if (expires === 0) registrations.delete(user);
    else registrations.set(user, from);
    const extra: Header[] = expires === 0 ? [] : [['Contact', `${contact.replace(/;expires=\d+/i, '')};expires=${Math.min(expires, 600)}`]];
    reply(from, message, 200, 'OK', extra);
  }

  function learnContactHost(message: RelayMessage, from: string): void {
    const contact = header(message, 'contact');
    const uri = contact && /<([^>]+)>/.exec(contact)?.[1];
    if (uri) contactHosts.set(hostOf(uri), from);
  }

  return {
    wsUrl: `ws://${host}:${(server.address() as AddressInfo).port}`,
    domain,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections.values()) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length' };

function header(message: RelayMessage, name: string): string | undefined {
  return message.headers.find(([key]) => (COMPACT[key.toLowerCase()] ?? key.toLowerCase()) === name)?.[1];
}

function parse(text: string): RelayMessage | undefined {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [start = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Header[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { start, headers, body: text.slice(split + 4) };
}

function serialize(message: RelayMessage): string {
  return `${message.start}\r\n${message.headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${message.body}`;
}

function userOf(uri: string): string {
  return /^sips?:([^@;>]+)@/i.exec(uri.trim())?.[1] ?? '';
}

function hostOf(uri: string): string {
  return /@([^;:>]+)/.exec(uri)?.[1]?.toLowerCase() ?? '';
}
