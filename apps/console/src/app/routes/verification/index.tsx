import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { VERIFICATION_PATHS } from '../../../features/verification/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const AccountDocumentsPage = lazy(() =>
  import('../../../features/verification/components/account-documents-page').then((m) => ({
    default: m.AccountDocumentsPage,
  })),
);
const DocumentViewerPage = lazy(() =>
  import('../../../features/verification/components/document-viewer-page').then((m) => ({
    default: m.DocumentViewerPage,
  })),
);
const VerificationQueuePage = lazy(() =>
  import('../../../features/verification/components/verification-queue-page').then((m) => ({
    default: m.VerificationQueuePage,
  })),
);

/** 書類審査 (staff, admins): the review queue, a document's viewer, and one account's documents. */
export const verificationRoutes: RouteObject[] = [
  { path: VERIFICATION_PATHS.queue, element: <VerificationQueuePage /> },
  { path: VERIFICATION_PATHS.document(':documentId'), element: <DocumentViewerPage /> },
  { path: VERIFICATION_PATHS.account(':accountId'), element: <AccountDocumentsPage /> },
];
