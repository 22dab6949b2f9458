import { Component, type ReactNode } from 'react';
import { BrowserRouter, useLocation, useRoutes, type RouteObject } from 'react-router';
import { RouteError } from './error-routes';

/**
 * The apps' routes in the browser, on React Router's declarative router.
 *
 * Why not `createBrowserRouter`: the data router (loaders, actions, fetchers) is about 16 kB of
 * gzipped JavaScript more on every first visit, and the apps use none of it; their data comes
 * through TanStack Query. The route objects are the same ones the tests mount on a memory router.
 * The declarative router ignores `errorElement`, so a render error is caught here instead.
 */
export function BrowserRoutes({ routes }: { routes: RouteObject[] }) {
  return (
    <BrowserRouter>
      <RoutesWithErrorBoundary routes={routes} />
    </BrowserRouter>
  );
}

function RoutesWithErrorBoundary({ routes }: { routes: RouteObject[] }) {
  const location = useLocation();
  // A new location (e.g. the link on the error page, or the back button) gets a fresh boundary.
  return <RenderErrorBoundary key={location.key}>{useRoutes(routes)}</RenderErrorBoundary>;
}

class RenderErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
