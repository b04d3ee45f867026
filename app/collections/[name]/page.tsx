import { CollectionDetail } from './collection-detail';

export const dynamic = 'force-dynamic';

export default async function CollectionPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <CollectionDetail name={decodeURIComponent(name)} />;
}
