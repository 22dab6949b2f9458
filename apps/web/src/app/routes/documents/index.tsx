import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { DocumentsPage } from '../../../features/documents/components/documents-page';

/** 本人確認書類 (R1.3, R1.4; logged-in customers). */
export const documentsRoutes: RouteObject[] = [{ path: paths.documents, element: <DocumentsPage /> }];
