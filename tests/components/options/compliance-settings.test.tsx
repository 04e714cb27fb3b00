// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplianceSettings } from '../../../components/options/compliance-settings';
import type { ComplianceSettingsClient } from '../../../lib/extension/pages/compliance-client';
import { renderInOptions } from '../../fixtures/options';
import {
  complianceDefaultRegionSetting,
  compliancePolicySetting,
  complianceProfileSetting,
} from '../../../lib/extension/shared/settings';
import type { StoredDoNotCallFlag } from '../../../lib/db/schema';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import type { NewDoNotCallFlag } from '../../../lib/protocol/compliance-messages';
import type { InconvenientTime } from '../../../lib/compliance/restrictions';

afterEach(cleanup);

function fakeClient() {
  const flags: StoredDoNotCallFlag[] = [];
  const imports: { csv: string; source: string }[] = [];
  let stored = 0;
  const times: Record<string, InconvenientTime[]> = {};
  const client: ComplianceSettingsClient = {
    listFlags: async () => flags.map((flag) => ({ ...flag })),
    addFlag: async (flag: NewDoNotCallFlag) => {
      const created: StoredDoNotCallFlag = { id: `f${flags.length + 1}`, reason: flag.reason, scope: flag.scope, setAt: 1, phoneE164: flag.phone ?? '' };
      flags.push(created);
      return created;
    },
    clearFlag: async (id) => {
      const flag = flags.find((candidate) => candidate.id === id);
      if (flag) flag.clearedAt = 2;
      return { cleared: flag !== undefined };
    },
    importAttempts: async (csv, source) => {
      imports.push({ csv, source });
      stored += 2;
      return { imported: 2, errors: [{ line: 4, message: '"outcome" must be one of unanswered' }] };
    },
    countImports: async () => ({ count: stored }),
    clearImports: async () => {
      const removed = stored;
      stored = 0;
      return { removed };
    },
    listTimes: async () => ({ ...times }),
    setTimes: async (key, rules) => {
      if (rules.length === 0) delete times[key];
      else times[key] = rules;
      return { saved: true };
    },
  };
  return { client, flags, imports };
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

async function renderSettings(client: ComplianceSettingsClient) {
  renderInOptions(<ComplianceSettings t={createTranslator('en')} />, { compliance: client });
  await settle();
}

describe('ComplianceSettings', () => {
  it('lists every profile with its source and saves the chosen profile and region', async () => {
    await renderSettings(fakeClient().client);
    const fieldset = screen.getByRole('group', { name: 'Calling-hours profile' });
    expect(within(fieldset).getAllByRole('radio')).toHaveLength(11);
    expect(fieldset.textContent).toContain('Source: FDCPA 15 U.S.C. 1692c(a)(1); Reg F 12 CFR 1006.6(b)(1)(i) (V)');
    fireEvent.click(screen.getByRole('radio', { name: /PH-SEC/ }));
    fireEvent.input(screen.getByRole('textbox', { name: /Default country/ }), { target: { value: 'ph' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    await expect(complianceProfileSetting.getValue()).resolves.toBe('PH-SEC');
    await expect(complianceDefaultRegionSetting.getValue()).resolves.toBe('PH');
  });

  it("shows the lead's locked profile and tightening read-only", async () => {
    await complianceProfileSetting.setValue('PH-SEC');
    await compliancePolicySetting.setValue({ profileId: 'CN-CBA-2026', overrides: { hours: { endMinute: 20 * 60 } }, setBy: 'Team lead Wang' });
    await renderSettings(fakeClient().client);
    const fieldset = screen.getByRole('group', { name: 'Calling-hours profile' }) as HTMLFieldSetElement;
    expect(fieldset.disabled).toBe(true);
    expect((screen.getByRole('radio', { name: /CN-CBA-2026/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('compliance-profile-locked').textContent).toBe('Set by your team lead (Team lead Wang); you cannot change it.');
    expect(screen.getByTestId('compliance-tightening').textContent).toContain('end moved to 20:00');
  });

  it('imports a CSV and shows each rejected line', async () => {
    const { client, imports } = fakeClient();
    await renderSettings(client);
    const file = new File(['at,debtor_ref,number,outcome\n'], 'central.csv', { type: 'text/csv' });
    const input = screen.getByLabelText('CSV file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.submit(input.closest('form')!);
    await settle();
    await settle();
    expect(imports).toEqual([{ csv: 'at,debtor_ref,number,outcome\n', source: 'central.csv' }]);
    expect(screen.getByTestId('compliance-import-result').textContent).toBe('2 attempts imported.');
    expect(screen.getByTestId('compliance-import-errors').textContent).toBe('Line 4: "outcome" must be one of unanswered');
    expect(screen.getByText('2 imported attempts stored.')).toBeTruthy();
  });

  it('adds and lifts do-not-call flags', async () => {
    const { client, flags } = fakeClient();
    await renderSettings(client);
    fireEvent.input(screen.getByRole('textbox', { name: 'Number or debtor reference' }), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Reason' }), { target: { value: 'wrong-number' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add flag' }));
    await settle();
    expect(flags).toMatchObject([{ reason: 'wrong-number', scope: 'number', phoneE164: '13800138000' }]);
    expect(screen.getByTestId('compliance-flags').textContent).toContain('Wrong number');
    fireEvent.click(screen.getByRole('button', { name: 'Lift flag on 13800138000' }));
    await settle();
    expect(flags[0]?.clearedAt).toBe(2);
    expect(screen.getByTestId('compliance-flags').textContent).toMatch(/lifted/);
  });

  it("stores a debtor's inconvenient times as engine data, per debtor reference, through the background", async () => {
    const { client } = fakeClient();
    await renderSettings(client);
    fireEvent.input(screen.getByRole('textbox', { name: 'Debtor reference or number' }), { target: { value: 'D-42' } });
    fireEvent.input(screen.getByLabelText('Time (from)'), { target: { value: '10:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await settle();
    await expect(client.listTimes()).resolves.toEqual({ 'D-42': [{ label: 'not before 10:30', toMinute: 630 }] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove "not before 10:30" for D-42' }));
    await settle();
    await expect(client.listTimes()).resolves.toEqual({});
  });
});
