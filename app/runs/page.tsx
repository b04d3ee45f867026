import { Suspense } from 'react';
import { RunHistory } from './run-history';

export const dynamic = 'force-dynamic';

export default function RunsPage() {
  return (
    <Suspense fallback={<div className="page muted">Loading runs…</div>}>
      <RunHistory />
    </Suspense>
  );
}
