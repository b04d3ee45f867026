import type { AnyNodeDefinition } from '../core/define';
import { routeQuery } from './query/definition';

/** The route node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const ROUTE_DEFINITIONS: readonly AnyNodeDefinition[] = [routeQuery];
