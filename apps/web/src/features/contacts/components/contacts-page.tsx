import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Dialog, Spinner, type Column } from '@bc/ui';
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
  const columns: Column<Contact>[] = [
    {
      key: 'name',
      kind: 'text',
      header: t('fields.name'),
      cell: (c) => (
        <>
          {c.reading ? (
            <ruby>
              {c.name}
              <rt>{c.reading}</rt>
            </ruby>
          ) : (
            c.name
          )}{' '}
          {c.vip ? <span className="badge">{t('vip')}</span> : null}
        </>
      ),
    },
    { key: 'company', kind: 'text', header: t('fields.company'), cell: (c) => c.company ?? '—' },
    { key: 'number', kind: 'number', header: t('fields.number'), cell: (c) => c.numberDisplay },
    { key: 'note', kind: 'long', header: t('fields.note'), cell: (c) => c.note ?? '' },
    {
      key: 'actions',
      kind: 'control',
      header: t('actions'),
      cell: (c) => (
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
      ),
    },
  ];
  return (
    <Page title={t('title')} lead={t('lead')}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {remove.isError ? <Alert>{translate(tc, errorMessage(remove.error))}</Alert> : null}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t('confirm.label', { name: confirming.name }) : ''}
        actions={
          confirming ? (
            <>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                {t('confirm.no')}
              </Button>
              <Button onClick={() => onDelete(confirming)} isLoading={remove.isPending}>
                {t('confirm.yes')}
              </Button>
            </>
          ) : null
        }
      >
        {confirming ? <p>{t('confirm.question', { name: confirming.name })}</p> : null}
      </Dialog>
      <Card>
        {contacts.isPending ? (
          <Spinner label={t('loading')} />
        ) : contacts.isError ? (
          <Alert>{translate(tc, errorMessage(contacts.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <DataTable
            label={t('title')}
            testId="contacts"
            columns={columns}
            rows={items}
            rowKey={(c) => c.id}
            rowTestId={(c) => `contact-${c.id}`}
          />
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
