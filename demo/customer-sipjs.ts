import { readDemoConfig } from './demo-config';
import { createSipJsPhone, type IncomingPolicy } from './sipjs-phone';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const config = readDemoConfig(location.search, { user: '13800138000', displayName: 'Demo Customer (SIP.js)' });
// How long the customer lets it ring before answering (or turning the call down), and which extension "the
// agent" is. `mode=reject` turns calls down with `rejectStatus` (486 Busy Here, or 603 Decline).
const answerAfterMs = Number(params.get('answerAfterMs') ?? 1500);
const agent = params.get('agent') ?? 'agent';
const policy: IncomingPolicy =
  params.get('mode') === 'reject'
    ? { kind: 'reject', statusCode: params.get('rejectStatus') === '603' ? 603 : 486 }
    : { kind: 'answer' };
const hangupButton = byId<HTMLButtonElement>('hangup');
byId('own-number').textContent = config.user;

const phone = createSipJsPhone(
  config,
  {
    onRegistration: (text) => (byId('registration').textContent = text),
    onCallState: (state, detail) => {
      byId('call-state').textContent = detail.cause ? `${state} (${detail.cause})` : state;
      document.body.dataset.callState = state;
      hangupButton.disabled = state === 'idle' || state === 'ended';
    },
  },
  byId<HTMLAudioElement>('remote-audio'),
);
phone.onIncoming((invitation) => setTimeout(() => phone.settle(invitation, policy), answerAfterMs));

byId('call-agent').addEventListener('click', () => phone.call(agent));
hangupButton.addEventListener('click', () => phone.hangup());
document.body.dataset.callState = 'idle';
