import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { AccountPage, type IssueNumberSlot } from '../../../features/accounts/components/account-page';
import { AccountSearchPage } from '../../../features/accounts/components/account-search-page';
import { ACCOUNTS_PATHS } from '../../../features/accounts/paths';
import { IssueNumberForm } from '../../../features/numbers/components/issue-number-form';

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
