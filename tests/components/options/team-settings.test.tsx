// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamSettings } from '../../../components/options/team-settings';
import type { TeamSettingsClient } from '../../../lib/extension/pages/team-client';
import { createTranslator } from '../../../lib/i18n/ui-messages';
import type { EnrollReply, TeamStatus } from '../../../lib/protocol/team-messages';
import { renderInOptions } from '../../fixtures/options';

afterEach(cleanup);

const T = Date.parse('2026-03-10T09:05:00Z');
const outside: TeamStatus = {
  onHubUnreachable: 'warn',
  outbox: { calls: 0, attempts: 0, callChanges: 0, flags: 0, refused: 0 },
  refusedItems: [],
  sync: { hub: 'unknown' },
};
const inside: TeamStatus = {
  ...outside,
  enrolled: { hubUrl: 'https://hub.agency.example', agent: 'ana', team: 'north', role: 'agent', enrolledAt: T },
  sync: { hub: 'ok', lastSyncAt: T },
};

function client(first: TeamStatus, reply: EnrollReply, granted = true) {
  const calls: string[] = [];
  const team: TeamSettingsClient = {
    getStatus: async () => first,
    enroll: async (hubUrl, code) => {
      calls.push(`enroll ${hubUrl} ${code}`);
      return reply;
    },
    leave: async () => {
      calls.push('leave');
      return outside;
    },
    syncNow: async () => inside,
    requestAccess: async (origin) => {
      calls.push(`access ${origin}`);
      return granted;
    },
  };
  return { team, calls };
}

function join(url: string | undefined, code: string) {
  if (url !== undefined) fireEvent.input(screen.getByLabelText('Team Hub address'), { target: { value: url } });
  fireEvent.input(screen.getByLabelText('Your one-time enrollment code'), { target: { value: code } });
  fireEvent.submit(screen.getByRole('button', { name: 'Join the team' }).closest('form')!);
}

describe('TeamSettings', () => {
  it('asks for the hub’s origin in the click, enrolls with the code, and never shows a token', async () => {
    const { team, calls } = client(outside, { ok: true, status: inside });
    renderInOptions(<TeamSettings t={createTranslator('en')} />, { team });
    await screen.findByRole('button', { name: 'Join the team' });
    join('hub.agency.example', ' ABCD-EFGH-JKMN ');
    await screen.findByText('Enrolled as ana in team north at https://hub.agency.example.');
    expect(calls).toEqual(['access https://hub.agency.example', 'enroll hub.agency.example ABCD-EFGH-JKMN']);
    expect(screen.getByTestId('team-sync-line').textContent).toMatch(/^Team hub: All calls sent · last sync/);
    fireEvent.click(screen.getByRole('button', { name: 'Leave the team' }));
    await screen.findByRole('button', { name: 'Join the team' });
    expect(calls.at(-1)).toBe('leave');
  });

  it('says clearly what is wrong, in English and in Chinese, before and after asking the hub', async () => {
    const { team, calls } = client(outside, { ok: false, failure: 'code-invalid', message: 'unknown code' });
    renderInOptions(<TeamSettings t={createTranslator('en')} />, { team });
    await screen.findByRole('button', { name: 'Join the team' });
    join('http://hub.agency.example', 'X');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/must be reached over https:\/\//));
    join('https://hub.agency.example', '   ');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Type the code your team lead gave you.'));
    expect(calls).toEqual([]);
    join('https://hub.agency.example', 'USED-CODE');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^The hub does not accept this code/));
    cleanup();
    const zh = client(outside, { ok: false, failure: 'unreachable' });
    renderInOptions(<TeamSettings t={createTranslator('zh-CN')} />, { team: zh.team });
    await screen.findByRole('button', { name: '加入团队' });
    fireEvent.input(screen.getByLabelText('团队服务器地址'), { target: { value: 'https://hub.agency.example' } });
    fireEvent.input(screen.getByLabelText('你的一次性注册码'), { target: { value: 'CODE' } });
    fireEvent.submit(screen.getByRole('button', { name: '加入团队' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('https://hub.agency.example 的服务器没有响应。请检查地址和网络后重试。'));
  });

  it('enrolls nothing when the browser refuses access to the hub', async () => {
    const { team, calls } = client(outside, { ok: true, status: inside }, false);
    renderInOptions(<TeamSettings t={createTranslator('en')} />, { team });
    await screen.findByRole('button', { name: 'Join the team' });
    join('https://hub.agency.example', 'CODE');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('OnScript needs your permission to reach https://hub.agency.example to talk to the hub.'));
    expect(calls).toEqual(['access https://hub.agency.example']);
  });

  it('takes the administrator’s hub address as fixed: only the personal code is asked for', async () => {
    const { team, calls } = client({ ...outside, policyHubUrl: 'https://hub.agency.example', onHubUnreachable: 'block' }, { ok: true, status: inside });
    renderInOptions(<TeamSettings t={createTranslator('en')} />, { team });
    await screen.findByText('Set by your administrator: https://hub.agency.example');
    expect(screen.queryByLabelText('Team Hub address')).toBeNull();
    expect(screen.getByText('When the hub cannot be reached, calls are blocked (your administrator’s policy).')).toBeTruthy();
    join(undefined, 'CODE');
    await screen.findByText(/^Enrolled as ana/);
    expect(calls).toEqual(['access https://hub.agency.example', 'enroll https://hub.agency.example CODE']);
  });

  it('lists what the hub refused, kept in this browser', async () => {
    const refused: TeamStatus = {
      ...inside,
      outbox: { ...inside.outbox, refused: 1 },
      refusedItems: [{ id: 'attempt:c1', kind: 'attempt', at: T, code: 'invalid-request', message: 'the request is not valid: must match E.164' }],
    };
    renderInOptions(<TeamSettings t={createTranslator('en')} />, { team: client(refused, { ok: true, status: refused }).team });
    const list = await screen.findByTestId('team-refused');
    expect(list.textContent).toContain('Items the hub refused (1); they are kept in this browser:');
    expect(list.textContent).toContain('attempt attempt:c1: the request is not valid: must match E.164');
  });
});
