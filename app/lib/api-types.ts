import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/routers/_app';

/** Shapes of the tRPC API as the client receives them (types only: nothing of the server is bundled). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type GraphDetail = RouterOutputs['graph']['byId'];
export type VersionSummary = RouterOutputs['version']['list'][number];
export type VersionDetail = RouterOutputs['version']['byId'];
