import { useId, type ReactNode } from 'react';

export type CardProps = {
  children: ReactNode;
  title?: string;
};

export function Card({ children, title }: CardProps) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={title ? id : undefined}>
      {title ? (
        <h2 id={id} className="card__title">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}
