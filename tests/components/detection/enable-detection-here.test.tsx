// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialerAccess, TabAccess } from '../../../components/detection/dialer-access';
import { EnableDetectionHere } from '../../../components/detection/enable-detection-here';
import { DEMO_DIALER_MATCHES } from '../../../lib/detection/demo-origins';
import { createTranslator } from '../../../lib/i18n/ui-messages';

afterEach(cleanup);

/** A browser in memory: grants reveal the tab's URL, as Chrome does without the `tabs` permission. */
function fakeBrowserAccess({ url, grant = true, policy = [] as string[] }: { url: string; grant?: boolean; policy?: string[] }) {
  const granted = new Set<string>();
  const calls: string[] = [];
  const listeners = new Set<() => void>();
  const visible = () => [...granted].some((pattern) => url.startsWith(pattern.slice(0, -1)));
  const access: DialerAccess & TabAccess = {
    list: async () => [...granted],
    policy: async () => policy,
    enable: (patterns) => {
      // Recorded synchronously: a request made after an await would have lost the click's user gesture.
      calls.push(`enable ${patterns.join(' ')}`);
      if (grant) for (const p of patterns) granted.add(p);
      listeners.forEach((listener) => listener());
      return Promise.resolve(grant);
    },
    disable: async () => true,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    declared: () => DEMO_DIALER_MATCHES,
    tabUrl: async () => (visible() ? url : undefined),
    reloadTab: async (tabId) => void calls.push(`reload ${tabId}`),
  };
  return { access, calls };
}

async function renderControl(access: DialerAccess & TabAccess, language: 'en' | 'zh-CN' = 'en') {
  render(<EnableDetectionHere t={createTranslator(language)} tabId={7} access={access} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('EnableDetectionHere', () => {
  it('takes the pasted dialer address, requests it inside the click, then offers to reload the tab', async () => {
    const { access, calls } = fakeBrowserAccess({ url: 'https://pbx.example.com/agent' });
    await renderControl(access);
    expect(screen.getByRole('heading', { name: 'Call detection is off here' })).toBeTruthy();
    const input = screen.getByRole('textbox', { name: /Site address/ });
    fireEvent.input(input, { target: { value: 'https://pbx.example.com:8089/agent' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable site' }));
    // Requested during the click itself, before anything was awaited.
    expect(calls).toEqual(['enable https://pbx.example.com/*']);
    expect((await screen.findByRole('status')).textContent).toContain('Call detection is on for https://pbx.example.com/*');
    fireEvent.click(screen.getByRole('button', { name: 'Reload the dialer tab' }));
    await waitFor(() => expect(calls).toEqual(['enable https://pbx.example.com/*', 'reload 7']));
  });

  it('refuses what is no web address, with the reason, and requests nothing', async () => {
    const { access, calls } = fakeBrowserAccess({ url: 'https://pbx.example.com/' });
    await renderControl(access);
    fireEvent.input(screen.getByRole('textbox', { name: /Site address/ }), { target: { value: 'ftp://pbx.example.com' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Add a site' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That is not a web address (http or https).');
    expect(calls).toEqual([]);
  });

  it('enables a known dialer from the list and says so when the browser refuses', async () => {
    const { access, calls } = fakeBrowserAccess({ url: 'https://flex.twilio.com/', grant: false });
    await renderControl(access);
    fireEvent.click(screen.getByRole('button', { name: 'Enable Twilio Flex' }));
    expect(calls).toEqual(['enable https://flex.twilio.com/*']);
    expect((await screen.findByRole('alert')).textContent).toContain('did not grant access to https://flex.twilio.com/*');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers one click for a tab whose address the browser shows', async () => {
    const { access, calls } = fakeBrowserAccess({ url: 'https://crm.example.com/desk' });
    // An address revealed without a grant (an activeTab grant, say).
    access.tabUrl = async () => 'https://crm.example.com/desk';
    await renderControl(access);
    fireEvent.click(screen.getByRole('button', { name: 'Enable call detection on this site' }));
    expect(calls).toEqual(['enable https://crm.example.com/*']);
    await screen.findByRole('button', { name: 'Reload the dialer tab' });
  });

  it('shows nothing where detection already runs', async () => {
    const { access } = fakeBrowserAccess({ url: 'http://127.0.0.1:8080/dialer.html' });
    access.tabUrl = async () => 'http://127.0.0.1:8080/dialer.html';
    await renderControl(access);
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('grants every missing origin the administrator requires with one request', async () => {
    const { access, calls } = fakeBrowserAccess({ url: 'https://pbx.example.com/', policy: ['https://a.example.com/*', 'https://b.example.com/*'] });
    await renderControl(access);
    expect(screen.getByRole('list', { name: 'Required by your administrator' }).textContent).toContain('https://b.example.com/*');
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(calls).toEqual(['enable https://a.example.com/* https://b.example.com/*']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull());
  });

  it('speaks Chinese', async () => {
    const { access } = fakeBrowserAccess({ url: 'https://pbx.example.com/' });
    await renderControl(access, 'zh-CN');
    expect(screen.getByRole('heading', { name: '此处未启用通话识别' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '启用网站' })).toBeTruthy();
  });
});
