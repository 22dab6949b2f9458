import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useContacts, useDeleteContact, type Contact } from '../api/contacts';
import { ContactForm } from './contact-form';

/** 発信者帳 (R8.1): callers the operators should greet by the right name. */
export function ContactsPage() {
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation();
  const contacts = useContacts();
  const remove = useDeleteContact();
  const [editing, setEditing] = useState<Contact | null>(null);
  const [confirming, setConfirming] = useState<Contact | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const onDelete = (contact: Contact) => {
    setNotice(null);
    remove.mutate(contact.id, {
      onSuccess: () => {
        setConfirming(null);
        if (editing?.id === contact.id) setEditing(null);
        setNotice(t('deleted', { name: contact.name }));
      },
    });
  };

  const items = contacts.data ?? [];
  return (
    <Page title={t('title')} lead={t('lead')}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {remove.isError ? <Alert>{translate(tc, errorMessage(remove.error))}</Alert> : null}
      <Card>
        {contacts.isPending ? (
          <Spinner label={t('loading')} />
        ) : contacts.isError ? (
          <Alert>{translate(tc, errorMessage(contacts.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <table data-testid="contacts">
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.company')}</th>
                <th scope="col">{t('fields.number')}</th>
                <th scope="col">{t('fields.note')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-testid={`contact-${c.id}`}>
                  <td>
                    {c.reading ? (
                      <ruby>
                        {c.name}
                        <rt>{c.reading}</rt>
                      </ruby>
                    ) : (
                      c.name
                    )}{' '}
                    {c.vip ? <span className="badge">{t('vip')}</span> : null}
                  </td>
                  <td>{c.company ?? '—'}</td>
                  <td>{c.numberDisplay}</td>
                  <td>{c.note ?? ''}</td>
                  <td>
                    {confirming?.id === c.id ? (
                      <span role="group" aria-label={t('confirm.label', { name: c.name })}>
                        {t('confirm.question', { name: c.name })}{' '}
                        <Button onClick={() => onDelete(c)} isLoading={remove.isPending}>
                          {t('confirm.yes')}
                        </Button>{' '}
                        <Button variant="secondary" onClick={() => setConfirming(null)}>
                          {t('confirm.no')}
                        </Button>
                      </span>
                    ) : (
                      <>
                        <Button
                          variant="secondary"
                          onClick={() => {
                            setNotice(null);
                            setEditing(c);
                          }}
                        >
                          {t('edit')}
                        </Button>{' '}
                        <Button variant="ghost" onClick={() => setConfirming(c)}>
                          {t('delete')}
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card>
        {editing ? (
          <ContactForm
            key={editing.id}
            contact={editing}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(t('updated', { name: saved.name }));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <ContactForm
            key={`new-${formKey}`}
            contact={null}
            onSaved={(saved) => {
              setFormKey((k) => k + 1);
              setNotice(t('added', { name: saved.name }));
            }}
          />
        )}
      </Card>
    </Page>
  );
}
