import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import type { IssueNumberSlot } from '../../../features/accounts/components/account-page';
import { IssueNumberForm } from '../../../features/numbers/components/issue-number-form';
import { ACCOUNTS_PATHS } from '../../../features/accounts/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const AccountPage = lazy(() =>
  import('../../../features/accounts/components/account-page').then((m) => ({ default: m.AccountPage })),
);
const AccountSearchPage = lazy(() =>
  import('../../../features/accounts/components/account-search-page').then((m) => ({
    default: m.AccountSearchPage,
  })),
);

/** The numbers feature's issue form, offered on the account page (admins, ready_for_number). */
const renderIssueNumber: IssueNumberSlot = ({ account, onIssued, onCancel }) => (
  <IssueNumberForm account={account} onIssued={onIssued} onCancel={onCancel} />
);

function AccountRoute() {
  const { accountId = '' } = useParams();
  return <AccountPage key={accountId} accountId={accountId} renderIssueNumber={renderIssueNumber} />;
}

/** Staff: customer search, and an account's page with its history. */
export const accountsRoutes: RouteObject[] = [
  { path: ACCOUNTS_PATHS.search, element: <AccountSearchPage /> },
  { path: ACCOUNTS_PATHS.account(':accountId'), element: <AccountRoute /> },
];
