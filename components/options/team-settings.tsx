import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/ui-messages';
import type { EnrollReply, TeamStatus } from '../../lib/protocol/team-messages';
import { parseHubUrl, readEnrollmentCode } from '../../lib/team/enrollment';
import { useOptionsClients } from '../options-clients';
import { teamSyncLine } from '../team/team-sync-status';
import { Field, LockBadge } from './field';

/** How often the section reads the status again while open (pushes happen in the background meanwhile). */
const REFRESH_MS = 5_000;

/**
 * The Team section: join the agency's Team Hub with the address (or the administrator's) and a one-time code,
 * see what has not been sent and what the hub refused, send now, leave. The access the code is exchanged for
 * stays in the background and is never shown.
 */
export function TeamSettings({ t }: { t: Translate }) {
  const { team } = useOptionsClients();
  const [status, setStatus] = useState<TeamStatus | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const refresh = () => void team.getStatus().then(setStatus, () => undefined);
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [team]);

  const act = async (work: () => Promise<TeamStatus>) => {
    setBusy(true);
    setError(undefined);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="team-settings-title" data-testid="team-settings">
      <h2 id="team-settings-title">{t('team.title')}</h2>
      <p class="muted">{t('team.intro')}</p>
      {status?.enrolled ? (
        <>
          <EnrolledTeam status={status} t={t} />
          <div class="options__actions">
            <button type="button" disabled={busy} onClick={() => act(() => team.syncNow())}>
              {t('team.syncNow')}
            </button>
            <button type="button" disabled={busy} onClick={() => act(() => team.leave())}>
              {t('team.leave')}
            </button>
          </div>
          <p class="muted">{t('team.leaveHint')}</p>
        </>
      ) : (
        status && <JoinForm status={status} t={t} busy={busy} setBusy={setBusy} onJoined={setStatus} onError={setError} />
      )}
      {error && (
        <p role="alert" class="panel__error" data-testid="team-error">
          {error}
        </p>
      )}
    </section>
  );
}

function EnrolledTeam({ status, t }: { status: TeamStatus; t: Translate }) {
  const enrolled = status.enrolled!;
  const time = (at: number) => new Date(at).toLocaleString();
  return (
    <div role="status" data-testid="team-status">
      <p data-testid="team-enrolled">{t('team.joined', { agent: enrolled.agent, team: enrolled.team, url: enrolled.hubUrl })}</p>
      <p data-testid="team-sync-line">{teamSyncLine(status, t, time)}</p>
      <p class="muted">{t(`team.onUnreachable.${status.onHubUnreachable}`)}</p>
      {status.refusedItems.length > 0 && (
        <div class="panel__error" data-testid="team-refused">
          <p>{t('team.refusedTitle', { count: status.outbox.refused })}</p>
          <ul>
            {status.refusedItems.map((item) => (
              <li key={item.id}>
                {item.kind} {item.id}: {item.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function JoinForm({
  status,
  t,
  busy,
  setBusy,
  onJoined,
  onError,
}: {
  status: TeamStatus;
  t: Translate;
  busy: boolean;
  setBusy(busy: boolean): void;
  onJoined(status: TeamStatus): void;
  onError(message: string | undefined): void;
}) {
  const { team } = useOptionsClients();
  const [hubUrl, setHubUrl] = useState(status.policyHubUrl ?? '');
  const [code, setCode] = useState('');
  const managed = status.policyHubUrl !== undefined;

  async function submit(event: Event) {
    event.preventDefault();
    onError(undefined);
    const url = status.policyHubUrl ?? hubUrl;
    const parsed = parseHubUrl(url);
    if (!parsed.ok) return onError(t(`team.failure.${parsed.problem}`));
    const oneTimeCode = readEnrollmentCode(code);
    if (!oneTimeCode) return onError(t('team.failure.bad-code'));
    // Asked first, inside the click: a permission prompt needs the user's gesture.
    const granted = await team.requestAccess(parsed.origin).catch(() => false);
    if (!granted) return onError(t('team.failure.permission', { origin: parsed.origin }));
    setBusy(true);
    try {
      const reply = await team.enroll(url, oneTimeCode);
      if (reply.ok) {
        setCode('');
        onJoined(reply.status);
      } else onError(failureText(reply, t, parsed.baseUrl, parsed.origin));
    } catch (failure) {
      onError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid="team-join">
      {managed ? (
        <p>
          <LockBadge text={t('options.locked')} /> <span data-testid="team-policy-url">{t('team.hubUrlManaged', { url: status.policyHubUrl! })}</span>
        </p>
      ) : (
        <Field
          label={t('team.hubUrl')}
          hint={t('options.hint.hubUrl')}
          control={(describedBy) => (
          <input aria-describedby={describedBy} name="hubUrl" type="text" inputMode="url" autocomplete="url" maxLength={2048} value={hubUrl} onInput={(event) => setHubUrl(event.currentTarget.value)} />
          )}
        />
      )}
      <Field
        label={t('team.code')}
        hint={t('team.codeHint')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="enrollmentCode" type="text" autocomplete="off" spellcheck={false} maxLength={64} value={code} onInput={(event) => setCode(event.currentTarget.value)} />
        )}
      />
      <p class="muted">{t(`team.onUnreachable.${status.onHubUnreachable}`)}</p>
      <button type="submit" disabled={busy}>
        {busy ? t('team.joining') : t('team.join')}
      </button>
    </form>
  );
}

/** The agent's words for why enrolling failed. */
function failureText(reply: Extract<EnrollReply, { ok: false }>, t: Translate, url: string, origin: string): string {
  return t(`team.failure.${reply.failure}`, { url, origin, message: reply.message ?? '' });
}
