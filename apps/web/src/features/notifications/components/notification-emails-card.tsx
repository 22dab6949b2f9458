import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner, TextField } from '@bc/ui';
import { ApiError, errorMessage, mapProblemToForm, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import {
  useAddNotificationEmail,
  useNotificationEmails,
  useRemoveNotificationEmail,
  useResendNotificationEmail,
  type NotificationEmail,
} from '../api/notification-emails';

function useFormatDateTime() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'ja-JP';
  return (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(iso));
}

type Notice = { kind: 'info' | 'error'; text: string } | null;

/**
 * R6.1 on the notifications page: 「通知先メールアドレス」. Owners add (a confirmation link is
 * mailed), resend the link and remove; everyone sees which are confirmed and which wait, and where
 * mail goes while none is confirmed.
 */
export function NotificationEmailsCard() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const isOwner = user?.role === 'owner';
  const emails = useNotificationEmails();
  const add = useAddNotificationEmail();
  const resend = useResendNotificationEmail();
  const remove = useRemoveNotificationEmail();
  const format = useFormatDateTime();
  const [address, setAddress] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const addErrors = add.isError ? mapProblemToForm(add.error, ['email'] as const) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    add.mutate(address.trim(), {
      onSuccess: (added) => {
        setAddress('');
        setNotice({ kind: 'info', text: t('emails.added', { email: added.email }) });
      },
    });
  };

  const resendOne = (item: NotificationEmail) => {
    setNotice(null);
    resend.mutate(item.id, {
      onSuccess: () => setNotice({ kind: 'info', text: t('emails.resent', { email: item.email }) }),
      onError: (error) => {
        const wait =
          error instanceof ApiError && error.problem.status === 429 ? error.problem.retryAfter : null;
        setNotice({
          kind: 'error',
          text:
            wait !== null ? t('emails.resendWait', { seconds: wait }) : translate(tc, errorMessage(error)),
        });
      },
    });
  };

  const removeOne = (item: NotificationEmail) => {
    setNotice(null);
    remove.mutate(item.id, {
      onSuccess: () => setRemoving(null),
      onError: (error) => setNotice({ kind: 'error', text: translate(tc, errorMessage(error)) }),
    });
  };

  return (
    <Card title={t('emails.heading')}>
      <div data-testid="notification-emails-card">
        {emails.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : emails.isError ? (
          <Alert>{translate(tc, errorMessage(emails.error))}</Alert>
        ) : (
          <>
            <p>{t('emails.lead', { max: emails.data.max })}</p>
            {emails.data.items.length === 0 ? <p className="muted">{t('emails.none')}</p> : null}
            {emails.data.items.length > 0 ? (
              <ul className="list" aria-label={t('emails.heading')}>
                {emails.data.items.map((item) => (
                  <li key={item.id} data-testid="notification-email">
                    <strong>{item.email}</strong>{' '}
                    <span className={item.status === 'confirmed' ? 'badge badge--ok' : 'badge'}>
                      {item.status === 'confirmed'
                        ? t('emails.confirmed')
                        : t('emails.pending', { time: format(item.confirmationSentAt) })}
                    </span>
                    {isOwner ? (
                      removing === item.id ? (
                        <div role="group" aria-label={t('emails.remove')}>
                          <p>{t('emails.confirmRemove', { email: item.email })}</p>
                          <Button isLoading={remove.isPending} onClick={() => removeOne(item)}>
                            {t('emails.confirmRemoveButton')}
                          </Button>{' '}
                          <Button variant="ghost" onClick={() => setRemoving(null)}>
                            {t('emails.cancel')}
                          </Button>
                        </div>
                      ) : (
                        <span>
                          {' '}
                          {item.status === 'pending' ? (
                            <Button
                              variant="secondary"
                              isLoading={resend.isPending && resend.variables === item.id}
                              onClick={() => resendOne(item)}
                            >
                              {t('emails.resend')}
                            </Button>
                          ) : null}{' '}
                          <Button variant="ghost" onClick={() => setRemoving(item.id)}>
                            {t('emails.remove')}
                          </Button>
                        </span>
                      )
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {!emails.data.items.some((i) => i.status === 'confirmed') && emails.data.fallbackAddress ? (
              <p className="muted" data-testid="notification-email-fallback">
                {t('emails.fallback', {
                  address: emails.data.fallbackAddress,
                  source:
                    emails.data.fallbackSource === 'notification_email'
                      ? t('emails.fallbackNotificationEmail')
                      : t('emails.fallbackOwner'),
                })}
              </p>
            ) : null}
            {notice ? (
              notice.kind === 'error' ? (
                <Alert>{notice.text}</Alert>
              ) : (
                <p role="status">{notice.text}</p>
              )
            ) : null}
            {isOwner ? (
              emails.data.items.length < emails.data.max ? (
                <form className="form" onSubmit={submit} noValidate>
                  <TextField
                    label={t('emails.addLabel')}
                    name="email"
                    type="email"
                    autoComplete="email"
                    value={address}
                    onChange={setAddress}
                    required
                    error={addErrors?.fields.email ? translate(tc, addErrors.fields.email) : null}
                  />
                  {addErrors && !addErrors.fields.email && addErrors.form ? (
                    <Alert>{translate(tc, addErrors.form)}</Alert>
                  ) : null}
                  <Button type="submit" isLoading={add.isPending}>
                    {t('emails.add')}
                  </Button>
                </form>
              ) : (
                <p className="muted">{t('emails.limit', { max: emails.data.max })}</p>
              )
            ) : (
              <p className="muted">{t('emails.ownerOnly')}</p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
