import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { ContactsPage } from '../../../features/contacts/components/contacts-page';

/** The caller address book, 発信者帳 (logged-in customers, R8.1). */
export const contactsRoutes: RouteObject[] = [{ path: paths.contacts, element: <ContactsPage /> }];
