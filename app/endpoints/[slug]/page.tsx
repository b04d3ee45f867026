import { EndpointDetail } from './endpoint-detail';

export const dynamic = 'force-dynamic';

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <EndpointDetail slug={decodeURIComponent(slug)} />;
}
