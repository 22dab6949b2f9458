import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type PageProps = {
  title: string;
  lead?: string;
  width?: 'narrow' | 'wide';
  children: ReactNode;
};

/** A page body: sets the document title and renders the page's single h1. */
export function Page({ title, lead, width = 'wide', children }: PageProps) {
  const { t } = useTranslation();
  return (
    <div className={`page page--${width}`}>
      <title>{`${title} | ${t('app.titleSuffix')}`}</title>
      <h1 className="page__title">{title}</h1>
      {lead ? <p className="page__lead">{lead}</p> : null}
      {children}
    </div>
  );
}
