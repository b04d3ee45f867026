import { RunComparison } from './run-comparison';

export const dynamic = 'force-dynamic';

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const { a, b } = await searchParams;
  return <RunComparison a={a ?? ''} b={b ?? ''} />;
}
