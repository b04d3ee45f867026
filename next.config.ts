import type { NextConfig } from 'next';

/**
 * Next.js builds and serves the pages only. The API (tRPC, /api/v1, health) is served by the same
 * process from server/http without bundling, so native addons, WASM databases, model files and
 * worker threads run exactly as in tests and the CLI (see ARCHITECTURE.md).
 */
const config: NextConfig = {
  // Types are checked by `npm run typecheck` (CI runs it); the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  devIndicators: false,
};

export default config;
