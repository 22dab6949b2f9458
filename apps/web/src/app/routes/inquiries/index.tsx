import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const BlocklistPage = lazy(() =>
  import('../../../features/blocklist/components/blocklist-page').then((m) => ({ default: m.BlocklistPage })),
);
const InquiriesPage = lazy(() =>
  import('../../../features/inquiries/components/inquiries-page').then((m) => ({ default: m.InquiriesPage })),
);
const InquiryDetailPage = lazy(() =>
  import('../../../features/inquiries/components/inquiry-detail-page').then((m) => ({
    default: m.InquiryDetailPage,
  })),
);
const ActionLinkPage = lazy(() =>
  import('../../../features/inquiries/components/action-link-page').then((m) => ({
    default: m.ActionLinkPage,
  })),
);

/** The inquiry list and detail (R4.3) and the blocklist (R4.9), for logged-in customers. */
export const inquiriesRoutes: RouteObject[] = [
  { path: paths.inquiries, element: <InquiriesPage /> },
  { path: `${paths.inquiries}/:id`, element: <InquiryDetailPage /> },
  { path: paths.blocklist, element: <BlocklistPage /> },
];

/** R8.4: the notifications' "mark handled" link, public (no log-in). */
export const inquiriesPublicRoutes: RouteObject[] = [
  { path: paths.markHandledLink, element: <ActionLinkPage /> },
];
