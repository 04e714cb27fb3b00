// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PacksSettings } from '../../../components/options/packs-settings';
import { createExtensionPacksSettingsClient } from '../../../lib/extension/pages/packs-client';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import { renderInOptions } from '../../fixtures/options';

afterEach(cleanup);

describe('PacksSettings', () => {
  it('answers an address that is not a pack URL with a clear error, and subscribes to nothing', async () => {
    const sent: string[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      sent.push((message as { type: string }).type);
      return Promise.resolve({
        ok: true,
        value: { subscription: null, managed: false, channel: { consecutiveFailures: 0, nextCheckAt: 0 } },
      });
    });
    renderInOptions(<PacksSettings t={createTranslator('en')} />, { packs: createExtensionPacksSettingsClient() });
    await screen.findByText('Not subscribed: the built-in scripts are used.');

    fireEvent.input(screen.getByLabelText('Pack URL'), { target: { value: 'ftp://intranet/pack.json' } });
    fireEvent.input(screen.getByLabelText('Lead’s public key file (JSON)'), { target: { value: '{"alg":"Ed25519"}' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Subscribe' }).closest('form')!);

    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/full address of the pack file, starting with https:\/\//));
    expect(sent).toEqual(['packs/get-status']);
  });
});
