// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamSyncStatus } from '../../../components/team/team-sync-status';
import type { TeamStatus } from '../../../lib/protocol/team-messages';
import { fakeSidePanelModel, renderInPanel } from '../../fixtures/side-panel';

afterEach(cleanup);

const T = Date.parse('2026-03-10T09:05:00Z');
const status = (extra: Partial<TeamStatus> = {}): TeamStatus => ({
  enrolled: { hubUrl: 'https://hub.example', agent: 'ana', team: 'north', role: 'agent', enrolledAt: T },
  onHubUnreachable: 'warn',
  outbox: { calls: 0, attempts: 0, callChanges: 0, flags: 0, refused: 0 },
  refusedItems: [],
  sync: { hub: 'ok', lastSyncAt: T },
  ...extra,
});

function scene(first: TeamStatus, languages = ['en-US']) {
  let tell: (next: TeamStatus) => void = () => undefined;
  const model = fakeSidePanelModel({
    browserLanguages: languages,
    clients: {
      team: {
        getStatus: async () => first,
        onChanged: (callback) => {
          tell = callback;
          return () => undefined;
        },
        onReconnected: () => () => undefined,
      },
    },
  });
  renderInPanel(model, <TeamSyncStatus />);
  return { tell: (next: TeamStatus) => act(() => tell(next)) };
}
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const line = () => screen.getByTestId('team-sync-status');
const time = new Date(T).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });

describe('TeamSyncStatus', () => {
  it('shows nothing while the browser is not in a team', async () => {
    scene(status({ enrolled: undefined }));
    await settle();
    expect(screen.queryByTestId('team-sync-status')).toBeNull();
  });

  it('says what has not been sent, whether the hub answers and when it last did, as the background tells it', async () => {
    const { tell } = scene(status());
    await settle();
    expect(line().textContent).toBe(`Team hub: All calls sent · last sync ${time}`);
    await tell(status({ outbox: { calls: 3, attempts: 3, callChanges: 3, flags: 1, refused: 0 }, sync: { hub: 'unreachable', lastSyncAt: T } }));
    expect(line().textContent).toBe(`Team hub: 3 calls not yet sent · 1 do-not-call change(s) not yet sent · hub unreachable, retrying · last sync ${time}`);
    expect(line().className).toContain('team-sync--trouble');
    expect(line().dataset['hub']).toBe('unreachable');
    await tell(status({ outbox: { calls: 1, attempts: 1, callChanges: 0, flags: 0, refused: 2 }, sync: { hub: 'ok' } }));
    expect(line().textContent).toBe('Team hub: 1 call not yet sent · not synced yet · 2 item(s) refused by the hub: see Options → Team');
  });

  it('tells a revoked agent what to do, in Chinese too', async () => {
    scene(status({ sync: { hub: 'ok', stopped: 'revoked' } }), ['zh-CN']);
    await settle();
    expect(line().textContent).toBe('团队服务器: 服务器已拒绝本浏览器的访问（已撤销）。请向组长索取新的注册码，然后在设置中退出团队并重新加入。');
  });
});
