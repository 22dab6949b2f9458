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
  // The key alone is 'default' for entries the router did not create (the first page load).
  const locationKey = `${location.key} ${location.pathname}${location.search}`;
  return <RenderErrorBoundary locationKey={locationKey}>{useRoutes(routes)}</RenderErrorBoundary>;
}

type BoundaryProps = { locationKey: string; children: ReactNode };
type BoundaryState = { failed: boolean; locationKey: string };

class RenderErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state = { failed: false, locationKey: this.props.locationKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  // Moving on (the back button, a link) clears the error without remounting the pages.
  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.locationKey === state.locationKey ? null : { failed: false, locationKey: props.locationKey };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
