// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialerAccess } from '../../components/detection/dialer-access';
import { DetectionSettings } from '../../components/options/detection-settings';
import { renderInOptions } from '../fixtures/options';
import { createTranslator } from '../../lib/i18n/ui-messages';

function fakeAccess(grant: boolean, policy: string[] = []) {
  const granted = new Set<string>();
  const calls: string[] = [];
  const access: DialerAccess = {
    list: async () => [...granted].sort(),
    policy: async () => policy,
    onChanged: () => () => undefined,
    enable: async (patterns) => {
      calls.push(`enable ${patterns.join(' ')}`);
      if (grant) for (const p of patterns) granted.add(p);
      return grant;
    },
    disable: async (patterns) => {
      calls.push(`disable ${patterns.join(' ')}`);
      for (const p of patterns) granted.delete(p);
      return true;
    },
  };
  return { access, calls };
}

describe('DetectionSettings', () => {
  afterEach(cleanup);
  const t = createTranslator('en');

  it('enables and disables a known dialer through its optional host permissions', async () => {
    const { access, calls } = fakeAccess(true);
    renderInOptions(<DetectionSettings t={t} />, { dialerAccess: access });
    fireEvent.click(await screen.findByRole('button', { name: 'Enable Aircall Workspace' }));
    const disable = await screen.findByRole('button', { name: 'Disable Aircall Workspace' });
    expect(calls).toEqual(['enable https://workspace.aircall.io/*']);
    fireEvent.click(disable);
    await screen.findByRole('button', { name: 'Enable Aircall Workspace' });
    expect(calls.at(-1)).toBe('disable https://workspace.aircall.io/*');
  });

  it('adds a typed site as an origin pattern and refuses what is no web address', async () => {
    const { access, calls } = fakeAccess(true);
    renderInOptions(<DetectionSettings t={t} />, { dialerAccess: access });
    const input = screen.getByRole('textbox', { name: /Site address/ });
    fireEvent.input(input, { target: { value: 'ftp://x.example.com' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Add a site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not a web address');
    fireEvent.input(input, { target: { value: 'crm.example.com/path' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Add a site' }));
    await screen.findByRole('button', { name: 'Disable https://crm.example.com/*' });
    expect(calls).toEqual(['enable https://crm.example.com/*']);
  });

  it('says so when the browser does not grant access', async () => {
    const { access } = fakeAccess(false);
    renderInOptions(<DetectionSettings t={t} />, { dialerAccess: access });
    fireEvent.click(screen.getByRole('button', { name: 'Enable Twilio Flex' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('did not grant'));
  });

  it('shows the origins the administrator requires, without Disable, and grants the missing ones in one request', async () => {
    const { access, calls } = fakeAccess(true, ['https://flex.twilio.com/*', 'https://pbx.example.com/*']);
    renderInOptions(<DetectionSettings t={t} />, { dialerAccess: access });
    const policy = await screen.findByRole('list', { name: 'Required by your administrator' });
    expect(policy.textContent).toContain('https://pbx.example.com/*');
    expect(policy.textContent).toContain('access not granted yet');
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull());
    expect(calls).toEqual(['enable https://flex.twilio.com/* https://pbx.example.com/*']);
    // Granted and required: no Disable anywhere for them, the other sites list leaves them out.
    expect(screen.queryByRole('button', { name: 'Disable Twilio Flex' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Disable https://pbx.example.com/*' })).toBeNull();
    expect(screen.getByText('No other sites enabled.')).toBeTruthy();
  });
});
