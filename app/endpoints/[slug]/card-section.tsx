import type { ReactNode } from 'react';

/** A card of the endpoint page: its title on the left, its controls on the right, then its body. */
export function CardSection({ id, title, actions, children }: { id: string; title: string; actions: ReactNode; children: ReactNode }) {
  return (
    <section className="card card-body" style={{ marginTop: 16 }} aria-labelledby={id}>
      <div className="toolbar" style={{ justifyContent: 'space-between', marginBottom: 8 }}>
        <h2 id={id} style={{ margin: 0 }}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
