import { GraphList } from './graph-list';

export const dynamic = 'force-dynamic';

export default function GraphsPage() {
  return <GraphList />;
}
