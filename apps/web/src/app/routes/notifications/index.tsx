import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const ChatworkCallbackPage = lazy(() =>
  import('../../../features/notifications/components/chatwork-callback-page').then((m) => ({
    default: m.ChatworkCallbackPage,
  })),
);
const NotificationEmailConfirmPage = lazy(() =>
  import('../../../features/notifications/components/notification-email-confirm-page').then((m) => ({
    default: m.NotificationEmailConfirmPage,
  })),
);
const NotificationsPage = lazy(() =>
  import('../../../features/notifications/components/notifications-page').then((m) => ({
    default: m.NotificationsPage,
  })),
);

/** Notification settings (logged-in customers): where inquiry e-mails go (R6.1). */
export const notificationsRoutes: RouteObject[] = [
  { path: paths.notifications, element: <NotificationsPage /> },
  { path: `${paths.notifications}/chatwork/callback`, element: <ChatworkCallbackPage /> },
];

/** Public: the confirmation link of a notification address works without a login (R6.1). */
export const notificationsPublicRoutes: RouteObject[] = [
  { path: paths.notificationEmailConfirm, element: <NotificationEmailConfirmPage /> },
];
