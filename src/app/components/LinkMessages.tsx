import { useAppStore } from '../store';

/** What was wrong with the link this page was opened with, as text, until dismissed. */
export function LinkMessages() {
  const messages = useAppStore((s) => s.messages);
  const dismiss = useAppStore((s) => s.dismissMessages);
  if (messages.length === 0) return null;
  return (
    <div className="notice" role="alert" data-testid="link-messages">
      <ul>
        {messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      <button onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
