import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { ChatworkCallbackPage } from '../../../features/notifications/components/chatwork-callback-page';
import { NotificationEmailConfirmPage } from '../../../features/notifications/components/notification-email-confirm-page';
import { NotificationsPage } from '../../../features/notifications/components/notifications-page';

/** Notification settings (logged-in customers): where inquiry e-mails go (R6.1). */
export const notificationsRoutes: RouteObject[] = [
  { path: paths.notifications, element: <NotificationsPage /> },
  { path: `${paths.notifications}/chatwork/callback`, element: <ChatworkCallbackPage /> },
];

/** Public: the confirmation link of a notification address works without a login (R6.1). */
export const notificationsPublicRoutes: RouteObject[] = [
  { path: paths.notificationEmailConfirm, element: <NotificationEmailConfirmPage /> },
];
