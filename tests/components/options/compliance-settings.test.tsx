// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplianceSettings } from '../../../components/options/compliance-settings';
import type { ComplianceSettingsClient } from '../../../lib/extension/pages/compliance-client';
import { renderInOptions } from '../../fixtures/options';
import {
  complianceProfileSetting,
  complianceTighteningSetting,
  defaultRegionSetting,
} from '../../../lib/extension/shared/settings';
import type { StoredDoNotCallFlag } from '../../../lib/db/schema';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import type { AttemptsImportRequest, NewDoNotCallFlag } from '../../../lib/protocol/compliance-messages';
import type { InconvenientTime } from '../../../lib/compliance/restrictions';
import { csvProblemText, type CsvProblem } from '../../../lib/compliance';

afterEach(cleanup);

function fakeClient() {
  const flags: StoredDoNotCallFlag[] = [];
  const imports: AttemptsImportRequest[] = [];
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
    importAttempts: async (request) => {
      imports.push(request);
      stored += 2;
      const problems: CsvProblem[] = [
        { code: 'outcome', params: { value: 'maybe', allowed: 'unanswered, voicemail, conversation, no-connect' } },
        { code: 'time-invalid-order', params: { column: 'at', value: '31/31/2026 10:00', order: 'day-first' } },
      ];
      return { imported: 2, errors: [{ line: 4, message: problems.map(csvProblemText).join('; '), problems }], format: 'attempts', dateOrderUsed: 'day-first' };
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
  it('shows whose rules apply and saves what the agent adds, which can only tighten', async () => {
    await renderSettings(fakeClient().client);
    const table = screen.getByTestId('compliance-jurisdictions');
    expect(within(table).getByRole('row', { name: /US-WA/ }).textContent).toContain('Washington (RCW 19.16.250) (US-WA)');
    expect(within(table).getByRole('row', { name: /Anywhere else/ }).textContent).toContain('No calls (no rules are set)');
    fireEvent.change(screen.getByRole('combobox', { name: 'Also follow' }), { target: { value: 'PH-SEC' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Not before' }), { target: { value: '09:30' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Default country/ }), { target: { value: 'ph' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    await expect(complianceProfileSetting.getValue()).resolves.toBe('PH-SEC');
    await expect(complianceTighteningSetting.getValue()).resolves.toEqual({ earliestLocalTime: '09:30' });
    await expect(defaultRegionSetting.getValue()).resolves.toBe('PH');
  });

  it('refuses a time that is not HH:MM with a clear error and saves nothing', async () => {
    await renderSettings(fakeClient().client);
    fireEvent.input(screen.getByRole('textbox', { name: 'Not from' }), { target: { value: '9pm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('"9pm" is not a time of day: write it as HH:MM, e.g. 09:00.');
    await expect(complianceTighteningSetting.getValue()).resolves.toBeNull();
  });

  it("shows the lead's policy read-only and locked settings as locked", async () => {
    renderInOptions(<ComplianceSettings t={createTranslator('en')} />, {
      compliance: fakeClient().client,
      compliancePolicy: async () => ({
        policy: { profileId: 'CN-CBA-2026', overrides: { hours: { endMinute: 20 * 60 } }, jurisdictionProfiles: { JP: ['UK-FCA'] } },
        locks: { locked: ['complianceProfile', 'defaultCountry'], values: { defaultCountry: 'CN' }, ignored: [] },
        ignored: [],
      }),
    });
    await settle();
    expect(screen.getByTestId('compliance-policy').textContent).toContain('Every call also follows China (CBA consumer-loan collection guideline 2026) (CN-CBA-2026)');
    expect(screen.getByTestId('compliance-policy').textContent).toContain('No calls from 20:00, debtor time');
    expect(within(screen.getByTestId('compliance-jurisdictions')).getByRole('row', { name: /JP/ }).textContent).toContain('UK-FCA');
    expect((screen.getByRole('combobox', { name: /Also follow/ }) as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByTestId('locked-complianceProfile').textContent).toBe('Locked by your administrator.');
    expect((screen.getByRole('textbox', { name: /Default country/ }) as HTMLInputElement).value).toBe('CN');
  });

  it('imports a CSV and shows each rejected line', async () => {
    const { client, imports } = fakeClient();
    await renderSettings(client);
    const file = new File(['at,debtor_ref,number,outcome\n'], 'central.csv', { type: 'text/csv' });
    const input = screen.getByLabelText('CSV file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(screen.getByRole('combobox', { name: /Dates such as 3\/9\/2026/ }), { target: { value: 'day-first' } });
    fireEvent.submit(input.closest('form')!);
    await settle();
    await settle();
    expect(imports).toEqual([
      { csv: 'at,debtor_ref,number,outcome\n', source: 'central.csv', dateOrder: 'day-first', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
    ]);
    expect(screen.getByTestId('compliance-import-result').textContent).toBe(
      '2 attempts imported.Dates such as 3/9/2026 were read day first (3 September).',
    );
    expect(screen.getByTestId('compliance-import-errors').textContent).toBe(
      'Line 4: “outcome” must be one of unanswered, voicemail, conversation, no-connect; got “maybe”; “at” is not a valid date (read day first); got “31/31/2026 10:00”',
    );
    expect(screen.getByText('2 imported attempts stored.')).toBeTruthy();
  });

  it('says so when the background refuses the file, instead of leaving the form as it was', async () => {
    const { client } = fakeClient();
    client.importAttempts = async () => {
      throw new Error('compliance/import-attempts: bad rows');
    };
    await renderSettings(client);
    const input = screen.getByLabelText('CSV file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'huge.csv', { type: 'text/csv' })] });
    fireEvent.submit(input.closest('form')!);
    await settle();
    await settle();
    expect(screen.getByTestId('compliance-import-result').textContent).toBe('The file was not imported: compliance/import-attempts: bad rows');
  });

  it('says what is wrong with each rejected line in Chinese on a Chinese page', async () => {
    const { client } = fakeClient();
    renderInOptions(<ComplianceSettings t={createTranslator('zh-CN')} />, { compliance: client });
    await settle();
    const input = screen.getByLabelText('CSV 文件') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['at,debtor_ref,number,outcome\n'], 'central.csv', { type: 'text/csv' })] });
    fireEvent.submit(input.closest('form')!);
    await settle();
    await settle();
    expect(screen.getByTestId('compliance-import-errors').textContent).toBe(
      '第 4 行：“outcome”须为 unanswered, voicemail, conversation, no-connect 之一；实际为“maybe”；“at”不是有效日期（按日在前读取）；实际为“31/31/2026 10:00”',
    );
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

  it('says which flags came from the team, and who set them', async () => {
    const { client, flags } = fakeClient();
    flags.push({ id: 'team:number:+12125550100:cease-request', source: 'team', setBy: 'ana', reason: 'cease-request', scope: 'number', phoneE164: '+12125550100', setAt: 1 });
    await renderSettings(client);
    expect(screen.getByTestId('compliance-flags').textContent).toContain(
      '+12125550100 · Asked to stop contact · from the team (by ana); lifting it here lifts it for the team',
    );
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
