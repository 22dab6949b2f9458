import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { CardPage } from '../../../features/card/components/card-page';

/** クレジットカード (logged-in customers; owner changes it, members read it). */
export const cardRoutes: RouteObject[] = [{ path: paths.card, element: <CardPage /> }];
