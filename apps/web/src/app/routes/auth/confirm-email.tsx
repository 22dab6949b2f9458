import { lazy } from 'react';
import { useSearchParams } from 'react-router';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const ConfirmEmail = lazy(() =>
  import('../../../features/auth/components/confirm-email').then((m) => ({ default: m.ConfirmEmail })),
);

/** The link mailed after sign-up. Public: it works whether or not someone is logged in. */
export function ConfirmEmailRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() || null;
  // A new token is a new link: start over rather than show the previous link's outcome.
  return <ConfirmEmail key={token ?? ''} token={token} />;
}
