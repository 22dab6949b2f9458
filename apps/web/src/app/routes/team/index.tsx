import { lazy } from 'react';
import { useSearchParams, type RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const ApiKeysPage = lazy(() =>
  import('../../../features/api-keys/components/api-keys-page').then((m) => ({ default: m.ApiKeysPage })),
);
const AcceptInvitation = lazy(() =>
  import('../../../features/team/components/accept-invitation').then((m) => ({
    default: m.AcceptInvitation,
  })),
);
const TeamPage = lazy(() =>
  import('../../../features/team/components/team-page').then((m) => ({ default: m.TeamPage })),
);

/** The mailed invitation link. Public: it works whether or not someone is logged in. */
function AcceptInvitationRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() || null;
  // A new token is a new link: start over rather than show the previous link's outcome.
  return <AcceptInvitation key={token ?? ''} token={token} />;
}

/** The team feature's pages for logged-in customers: チーム and APIキー (owners). */
export const teamRoutes: RouteObject[] = [
  { path: paths.team, element: <TeamPage /> },
  { path: paths.apiKeys, element: <ApiKeysPage /> },
];

/** Pages of the team feature that work logged out (accepting an invitation). */
export const teamPublicRoutes: RouteObject[] = [
  { path: paths.acceptInvitation, element: <AcceptInvitationRoute /> },
];
