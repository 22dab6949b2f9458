import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useDocumentFile, type AdminDocument } from '../api/documents';

/**
 * The document shown inline: fetched through the API (which logs the read) and displayed from a
 * blob URL that lives only as long as this view. Never a public path.
 */
export function DocumentFile({ document }: { document: AdminDocument }) {
  const { t } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const file = useDocumentFile(document.id, document.mimeType);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!file.data) return;
    // The object URL is an external resource: made here, revoked by the cleanup (StrictMode-safe).
    const objectUrl = URL.createObjectURL(file.data);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL exists only once created here
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file.data]);

  const kind = t(`kinds.${document.kind}`);
  if (file.isError) return <Alert>{translate(tc, errorMessage(file.error))}</Alert>;
  if (!url) return <Spinner label={t('viewer.fileLoading')} />;
  return document.mimeType === 'application/pdf' ? (
    <iframe
      className="document-viewer__pdf"
      src={url}
      title={t('viewer.pdfTitle', { kind })}
      style={{ width: '100%', height: '70vh', border: 0 }}
    />
  ) : (
    <img
      className="document-viewer__image"
      src={url}
      alt={t('viewer.fileAlt', { kind })}
      style={{ maxWidth: '100%', height: 'auto' }}
    />
  );
}
