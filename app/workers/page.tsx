import { WorkersTable } from './workers-table';

export const dynamic = 'force-dynamic';

export default function WorkersPage() {
  return <WorkersTable />;
}
