import { EndpointsPage } from './endpoints-page';

export const dynamic = 'force-dynamic';

export default function Page() {
  return <EndpointsPage />;
}
