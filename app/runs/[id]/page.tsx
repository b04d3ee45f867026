import { RunDetail } from './run-detail';

export const dynamic = 'force-dynamic';

export default async function RunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { id } = await params;
  const { after } = await searchParams;
  return <RunDetail runId={id} repeats={after} />;
}
