import type { RouteObject } from 'react-router';
import { AccountDocumentsPage } from '../../../features/verification/components/account-documents-page';
import { DocumentViewerPage } from '../../../features/verification/components/document-viewer-page';
import { VerificationQueuePage } from '../../../features/verification/components/verification-queue-page';
import { VERIFICATION_PATHS } from '../../../features/verification/paths';

/** 書類審査 (staff, admins): the review queue, a document's viewer, and one account's documents. */
export const verificationRoutes: RouteObject[] = [
  { path: VERIFICATION_PATHS.queue, element: <VerificationQueuePage /> },
  { path: VERIFICATION_PATHS.document(':documentId'), element: <DocumentViewerPage /> },
  { path: VERIFICATION_PATHS.account(':accountId'), element: <AccountDocumentsPage /> },
];
