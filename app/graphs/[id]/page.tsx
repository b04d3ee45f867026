import { GraphEditor } from './graph-editor';

export const dynamic = 'force-dynamic';

export default async function GraphEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <GraphEditor graphId={id} />;
}
