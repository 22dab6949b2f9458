import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAttachDocument, type DocumentKind } from '../api/documents';

const MAX_BYTES = 10 * 1024 * 1024;

export type AttachDocumentFormProps = { accountId: string; kinds: DocumentKind[] };

/** R1.3 [decided]: staff attach a document that arrived by FAX or mail; it then waits for review. */
export function AttachDocumentForm({ accountId, kinds }: AttachDocumentFormProps) {
  const { t } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const attach = useAttachDocument(accountId);
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [via, setVia] = useState<'fax' | 'mail'>('fax');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ kind?: string; file?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    setFormError(null);
    const next: { kind?: string; file?: string } = {};
    if (!kind) next.kind = t('attach.kindRequired');
    if (!file) next.file = t('attach.fileRequired');
    else if (file.size > MAX_BYTES) next.file = t('attach.tooLarge');
    setErrors(next);
    if (!kind || !file || Object.keys(next).length > 0) return;
    attach.mutate(
      { kind, receivedVia: via, file },
      {
        onSuccess: () => {
          setDone(true);
          setKind('');
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
        },
        onError: (error) => setFormError(translate(tc, errorMessage(error))),
      },
    );
  };

  return (
    <Card title={t('attach.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('attach.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        {done ? <Alert tone="success">{t('attach.done')}</Alert> : null}
        <div className={`field${errors.kind ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="attach-kind">
            {t('attach.kind')}
          </label>
          <select
            id="attach-kind"
            className="field__input"
            value={kind}
            aria-invalid={errors.kind ? true : undefined}
            onChange={(e) => setKind(e.target.value as DocumentKind | '')}
          >
            <option value="">{t('attach.chooseKind')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          {errors.kind ? <p className="field__error">{errors.kind}</p> : null}
        </div>
        <fieldset className="field">
          <legend className="field__label">{t('attach.receivedVia')}</legend>
          {(['fax', 'mail'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="receivedVia"
                value={v}
                checked={via === v}
                onChange={() => setVia(v)}
              />{' '}
              {t(`attach.${v}`)}
            </label>
          ))}
        </fieldset>
        <div className={`field${errors.file ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="attach-file">
            {t('attach.file')}
          </label>
          <input
            ref={fileInput}
            id="attach-file"
            className="field__input"
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-invalid={errors.file ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {errors.file ? <p className="field__error">{errors.file}</p> : null}
        </div>
        <Button type="submit" isLoading={attach.isPending}>
          {attach.isPending ? t('attach.submitting') : t('attach.submit')}
        </Button>
      </form>
    </Card>
  );
}
