import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { BlocklistPage } from '../../../features/blocklist/components/blocklist-page';
import { InquiriesPage } from '../../../features/inquiries/components/inquiries-page';
import { InquiryDetailPage } from '../../../features/inquiries/components/inquiry-detail-page';
import { ActionLinkPage } from '../../../features/inquiries/components/action-link-page';

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
