import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const ContactsPage = lazy(() =>
  import('../../../features/contacts/components/contacts-page').then((m) => ({ default: m.ContactsPage })),
);

/** The caller address book, 発信者帳 (logged-in customers, R8.1). */
export const contactsRoutes: RouteObject[] = [{ path: paths.contacts, element: <ContactsPage /> }];
