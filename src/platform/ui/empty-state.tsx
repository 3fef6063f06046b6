import type { ComponentChildren } from 'preact';

/** What a list shows when it has nothing yet: a sentence saying so and, where there is one, the next step. */
export function EmptyState({ children, action }: { children: ComponentChildren; action?: { href: string; label: string } | undefined }) {
  return (
    <div class="empty-state">
      <p>{children}</p>
      {action && (
        <p>
          <a href={action.href}>{action.label}</a>
        </p>
      )}
    </div>
  );
}
