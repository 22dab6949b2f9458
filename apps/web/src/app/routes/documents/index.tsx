import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const DocumentsPage = lazy(() =>
  import('../../../features/documents/components/documents-page').then((m) => ({ default: m.DocumentsPage })),
);

/** 本人確認書類 (R1.3, R1.4; logged-in customers). */
export const documentsRoutes: RouteObject[] = [{ path: paths.documents, element: <DocumentsPage /> }];
