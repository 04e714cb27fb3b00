import { useEffect, useState } from 'preact/hooks';
import { useOptionsClients } from '../options-clients';
import type { Translate } from '../../lib/i18n/ui-messages';
import type { PackStatus } from '../../lib/protocol/packs-messages';
import { Field, LockBadge } from './field';
import { hashOf } from './topics';

/**
 * Following the team lead's script packs: subscribe by URL and public key, see what is active, pending or
 * refused (and why), check now, roll back, stop following.
 */
export function PacksSettings({ t }: { t: Translate }) {
  const { packs } = useOptionsClients();
  const [status, setStatus] = useState<PackStatus | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<PackStatus | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await work();
      if (next) setStatus(next);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void run(() => packs.getStatus());
  }, []);

  return (
    <section aria-labelledby="packs-settings-title" data-testid="packs-settings">
      <h2 id="packs-settings-title">{t('packs.title')}</h2>
      <p class="muted">{t('packs.intro')}</p>
      {status && <PackChannelSummary status={status} t={t} />}
      {status && !status.managed && !status.subscription && <SubscribeForm t={t} busy={busy} onSubmit={run} onError={setError} />}
      {status?.subscription && (
        <div class="options__actions">
          <button type="button" disabled={busy} onClick={() => run(() => packs.checkNow())}>
            {t('packs.checkNow')}
          </button>
          {/* Under the administrator's policy or a pin, the version is theirs to choose: no agent rollback (issue 14). */}
          {status.channel.previous && !status.managed && !status.subscription.pinnedVersion && (
            <button type="button" disabled={busy} onClick={() => run(() => packs.rollback())}>
              {t('packs.rollback', { version: status.channel.previous.version })}
            </button>
          )}
          {!status.managed && (
            <button type="button" disabled={busy} onClick={() => run(() => packs.unsubscribe())}>
              {t('packs.unsubscribe')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" class="panel__error">
          {error}
        </p>
      )}
      <div class="options-link-card">
        <a href={hashOf('pack-editor')}>{t('options.editor.open')}</a>
        <span class="muted">{t('options.editor.openHint')}</span>
      </div>
    </section>
  );
}

function PackChannelSummary({ status, t }: { status: PackStatus; t: Translate }) {
  const { channel } = status;
  const when = (ms: number) => new Date(ms).toLocaleString();
  if (!status.subscription) return <p data-testid="packs-status">{t('packs.none')}</p>;
  return (
    <div data-testid="packs-status" role="status">
      {status.managed && (
        <p>
          <LockBadge text={t('options.locked')} /> {t('packs.managed')}
        </p>
      )}
      <p class="muted">{status.subscription.url}</p>
      <p data-testid="packs-active">
        {channel.active ? t('packs.active', { title: channel.active.title, version: channel.active.version }) : t('packs.noActive')}
      </p>
      {channel.pending && <p data-testid="packs-pending">{t('packs.pending', { version: channel.pending.version })}</p>}
      {channel.lastCheckAt !== undefined && <p class="muted">{t('packs.lastCheck', { time: when(channel.lastCheckAt) })}</p>}
      {channel.lastError && <p class="panel__error">{t('packs.error', { message: channel.lastError })}</p>}
      {channel.lastRefusal && (
        <div class="panel__error" data-testid="packs-refusal">
          <p>
            {channel.lastRefusal.version
              ? t('packs.refused', { version: channel.lastRefusal.version, time: when(channel.lastRefusal.at) })
              : t('packs.refusedNoVersion', { time: when(channel.lastRefusal.at) })}
          </p>
          <ul>
            {channel.lastRefusal.errors.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function SubscribeForm({
  t,
  busy,
  onSubmit,
  onError,
}: {
  t: Translate;
  busy: boolean;
  onSubmit(work: () => Promise<PackStatus | undefined>): Promise<void>;
  onError(message: string): void;
}) {
  const { packs } = useOptionsClients();
  const [url, setUrl] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [intervalMinutes, setIntervalMinutes] = useState('15');

  async function submit(event: Event) {
    event.preventDefault();
    let origin: string;
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError('not http(s)');
      origin = parsed.origin;
    } catch {
      onError(t('packs.badUrl'));
      return;
    }
    // Asked here, inside the click, because a permission prompt needs the user's gesture.
    const granted = await packs.requestAccess(origin).catch(() => false);
    if (!granted) {
      onError(t('packs.permissionDenied', { origin }));
      return;
    }
    await onSubmit(async () => {
      const reply = await packs.subscribe({
        url: url.trim(),
        publicKey,
        intervalMinutes: Number.parseInt(intervalMinutes, 10) || 15,
      });
      if (!reply.ok) throw new Error(reply.error);
      return reply.status;
    });
  }

  return (
    <form onSubmit={submit}>
      <Field
        label={t('packs.url')}
        hint={t('options.hint.packUrl')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="packUrl" type="url" required value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
        )}
      />
      <Field
        label={t('packs.publicKey')}
        hint={t('options.hint.packPublicKey')}
        control={(describedBy) => (
        <textarea aria-describedby={describedBy} name="packPublicKey" rows={4} required value={publicKey} onInput={(event) => setPublicKey(event.currentTarget.value)} />
        )}
      />
      <Field
        label={t('packs.interval')}
        hint={t('options.hint.packInterval')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="packInterval" type="number" min={1} max={1440} value={intervalMinutes} onInput={(event) => setIntervalMinutes(event.currentTarget.value)} />
        )}
      />
      <button type="submit" disabled={busy}>
        {t('packs.subscribe')}
      </button>
    </form>
  );
}
