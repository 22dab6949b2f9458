import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type PageProps = {
  title: string;
  lead?: ReactNode;
  width?: 'narrow' | 'wide';
  /** Buttons or links about the whole page, shown at the title's right (below it on phones). */
  actions?: ReactNode;
  children: ReactNode;
};

/** A page body: sets the document title and renders the page's single h1. */
export function Page({ title, lead, width = 'wide', actions, children }: PageProps) {
  const { t } = useTranslation();
  return (
    <div className={`page page--${width}`}>
      <title>{`${title} | ${t('app.titleSuffix')}`}</title>
      <div className="page__head">
        <h1 className="page__title">{title}</h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      {lead ? <p className="page__lead">{lead}</p> : null}
      {children}
    </div>
  );
}
