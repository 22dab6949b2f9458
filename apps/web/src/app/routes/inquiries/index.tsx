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
// The detail page with the notifications feature's deliveries card (R6.4), composed here so
// neither feature imports the other.
const InquiryDetailPage = lazy(() =>
  Promise.all([
    import('../../../features/inquiries/components/inquiry-detail-page'),
    import('../../../features/notifications/components/deliveries-card'),
  ]).then(([{ InquiryDetailPage: Page }, { DeliveriesCard }]) => ({
    default: () => <Page deliveries={(inquiryId) => <DeliveriesCard inquiryId={inquiryId} />} />,
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
