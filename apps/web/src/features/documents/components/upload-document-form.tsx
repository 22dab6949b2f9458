import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import type { DocumentKind } from '../api/get-documents';
import { useUploadDocument } from '../api/upload-document';

export type UploadDocumentFormProps = {
  kinds: DocumentKind[];
  maxBytes: number;
};

type Errors = { kind?: string; file?: string };

/** R1.3: choose the kind and a PDF/JPEG/PNG file of at most 10 MB; the API checks the bytes. */
export function UploadDocumentForm({ kinds, maxBytes }: UploadDocumentFormProps) {
  const { t } = useTranslation('documents');
  const { t: tc } = useTranslation();
  const id = useId();
  const upload = useUploadDocument();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    setFormError(null);
    const next: Errors = {};
    if (!kind) next.kind = t('errors.kindRequired');
    if (!file) next.file = t('errors.fileRequired');
    else if (file.size > maxBytes) next.file = t('errors.tooLarge');
    setErrors(next);
    if (!kind || !file || Object.keys(next).length > 0) return;
    upload.mutate(
      { kind, file },
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
    <Card title={t('upload.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('upload.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        {done ? <Alert tone="success">{t('upload.done')}</Alert> : null}
        <div className={`field${errors.kind ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('upload.kind')}
          </label>
          <select
            id={`${id}-kind`}
            className="field__input"
            name="kind"
            value={kind}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={errors.kind ? `${id}-kind-error` : undefined}
            onChange={(e) => setKind(e.target.value as DocumentKind | '')}
          >
            <option value="">{t('upload.chooseKind')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          {errors.kind ? (
            <p id={`${id}-kind-error`} className="field__error">
              {errors.kind}
            </p>
          ) : null}
        </div>
        <div className={`field${errors.file ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('upload.file')}
          </label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            className="field__input"
            name="file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`${errors.file ? `${id}-file-error ` : ''}${id}-file-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {errors.file ? (
            <p id={`${id}-file-error`} className="field__error">
              {errors.file}
            </p>
          ) : null}
          <p id={`${id}-file-hint`} className="field__hint">
            {t('upload.fileHint')}
          </p>
        </div>
        <Button type="submit" isLoading={upload.isPending}>
          {upload.isPending ? t('upload.submitting') : t('upload.submit')}
        </Button>
      </form>
    </Card>
  );
}
