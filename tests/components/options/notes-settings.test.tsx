// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NotesSettings } from '../../../components/options/notes-settings';
import { readRetentionPolicy } from '../../../lib/extension/shared/retention-policy';
import { retentionDaysSetting } from '../../../lib/extension/shared/settings';
import { renderInOptions } from '../../fixtures/options';
import { createTranslator } from '../../../lib/i18n/ui-messages';

afterEach(cleanup);

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('NotesSettings', () => {
  it('shows the default retention and saves a new one', async () => {
    renderInOptions(<NotesSettings t={createTranslator('en')} />, { retentionPolicy: readRetentionPolicy });
    await settle();
    const input = screen.getByRole('spinbutton', { name: 'Keep call records for (days)' }) as HTMLInputElement;
    expect(input.value).toBe('90');
    await act(async () => {
      fireEvent.input(input, { target: { value: '30' } });
    });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: 'Save retention' }).closest('form')!);
    });
    await settle();
    expect(await retentionDaysSetting.getValue()).toBe(30);
    expect(screen.getByRole('status').textContent).toMatch(/older than 30 days/);
  });

  it('refuses a retention outside 1–3650 days', async () => {
    renderInOptions(<NotesSettings t={createTranslator('en')} />, { retentionPolicy: readRetentionPolicy });
    await settle();
    await act(async () => {
      fireEvent.input(screen.getByRole('spinbutton'), { target: { value: '0' } });
    });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: 'Save retention' }).closest('form')!);
    });
    expect(screen.getByRole('status').textContent).toMatch(/whole number/);
    expect(await retentionDaysSetting.getValue()).toBeNull();
  });

  it("shows a lead's locked retention read-only", async () => {
    await fakeBrowser.storage.managed.set({ retentionDays: 180 });
    renderInOptions(<NotesSettings t={createTranslator('zh-CN')} />, { retentionPolicy: readRetentionPolicy });
    await settle();
    const input = screen.getByRole('spinbutton') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(input.value).toBe('180');
    expect(screen.getByText('由组长设定：180 天。')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
