import { readDemoConfig } from './demo-config';
import { createSipPhone } from './sip-phone';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const config = readDemoConfig(location.search, { user: '13800138000', displayName: 'Demo Customer' });
// How long the customer lets it ring before answering, and which extension "the agent" is.
const answerAfterMs = Number(params.get('answerAfterMs') ?? 1500);
const agent = params.get('agent') ?? 'agent';
const hangupButton = byId<HTMLButtonElement>('hangup');
byId('own-number').textContent = config.user;

const phone = createSipPhone(
  config,
  {
    onRegistration: (text) => (byId('registration').textContent = text),
    onCallState: (state, detail) => {
      byId('call-state').textContent = detail.cause ? `${state} (${detail.cause})` : state;
      document.body.dataset.callState = state;
      hangupButton.disabled = state === 'idle' || state === 'ended';
      if (state === 'incoming') setTimeout(() => phone.answer(), answerAfterMs);
    },
  },
  byId<HTMLAudioElement>('remote-audio'),
);

byId('call-agent').addEventListener('click', () => phone.call(agent));
hangupButton.addEventListener('click', () => phone.hangup());
