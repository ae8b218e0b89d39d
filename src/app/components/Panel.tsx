import type { ReactNode } from 'react';

export function Panel({
  title,
  area,
  children,
}: {
  title: string;
  area: string;
  children: ReactNode;
}) {
  return (
    <section className={`panel panel-${area}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
