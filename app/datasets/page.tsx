import { DatasetList } from './dataset-list';

export const dynamic = 'force-dynamic';

export default function DatasetsPage() {
  return <DatasetList />;
}
