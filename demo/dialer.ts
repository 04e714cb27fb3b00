import { demoAccountFor } from './demo-accounts';
import { dialableNumber, readDemoConfig } from './demo-config';
import { createSipPhone, type PhoneCallState } from './sip-phone';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const numberInput = byId<HTMLInputElement>('number');
const callButton = byId<HTMLButtonElement>('call');
const answerButton = byId<HTMLButtonElement>('answer');
const declineButton = byId<HTMLButtonElement>('decline');
const holdButton = byId<HTMLButtonElement>('hold');
const hangupButton = byId<HTMLButtonElement>('hangup');
const callStateText = byId('call-state');
const remoteText = byId('remote');
const timerText = byId('timer');
let timer: ReturnType<typeof setInterval> | undefined;

const config = readDemoConfig(location.search, { user: 'agent', displayName: 'Demo Agent' });
const phone = createSipPhone(
  config,
  {
    onRegistration: (text) => (byId('registration').textContent = text),
    onCallState: (state, detail) => render(state, detail.remote, detail.connectedAt, detail.cause),
  },
  byId<HTMLAudioElement>('remote-audio'),
);

function render(state: PhoneCallState, remote: string, connectedAt?: number, cause?: string) {
  callStateText.textContent = cause ? `${state} (${cause})` : state;
  document.body.dataset.callState = state;
  // Only the number in the marked element, so the DOM rule reads the same number signaling reports.
  remoteText.textContent = remote;
  const live = state !== 'idle' && state !== 'ended';
  callButton.disabled = live;
  answerButton.hidden = declineButton.hidden = state !== 'incoming';
  byId('incoming-indicator').hidden = state !== 'incoming';
  byId('hold-indicator').hidden = state !== 'held';
  holdButton.disabled = state !== 'connected' && state !== 'held';
  holdButton.textContent = state === 'held' ? 'Resume' : 'Hold';
  holdButton.setAttribute('aria-pressed', String(state === 'held'));
  hangupButton.disabled = !live;
  showAccount(live ? remote : '');
  clearInterval(timer);
  timerText.textContent = '';
  if (connectedAt && live) {
    const tick = () => {
      const seconds = Math.floor((Date.now() - connectedAt) / 1000);
      timerText.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    };
    tick();
    timer = setInterval(tick, 1000);
  }
}

/** The account a CRM beside the phone would open for the number on the line. */
function showAccount(number: string) {
  const account = demoAccountFor(number);
  const card = document.querySelector<HTMLElement>('[data-onscript-demo="crm"]')!;
  card.hidden = !account;
  const set = (marker: string, text: string) => (document.querySelector(`[data-onscript-demo="${marker}"]`)!.textContent = text);
  set('crm-name', account?.name ?? '');
  set('crm-amount', account?.amountOwed ?? '');
  set('crm-due-date', account?.dueDate ?? '');
  set('crm-reference', account?.reference ?? '');
}

for (const key of document.querySelectorAll<HTMLButtonElement>('[data-key]')) {
  key.addEventListener('click', () => {
    numberInput.value += key.dataset.key ?? '';
    numberInput.focus();
  });
}
callButton.addEventListener('click', () => {
  const number = dialableNumber(numberInput.value);
  if (number) phone.call(number);
  else numberInput.focus();
});
numberInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !phone.busy) callButton.click();
});
answerButton.addEventListener('click', () => phone.answer());
declineButton.addEventListener('click', () => phone.decline());
holdButton.addEventListener('click', () => phone.toggleHold());
hangupButton.addEventListener('click', () => phone.hangup());
render('idle', '');
