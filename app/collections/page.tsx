import { CollectionList } from './collection-list';

export const dynamic = 'force-dynamic';

export default function CollectionsPage() {
  return <CollectionList />;
}
