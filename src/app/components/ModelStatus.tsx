import { useAppStore } from '../store';

/** Which models produced the pool on screen, with short content hashes (the link pins them later). */
export function ModelStatus() {
  const models = useAppStore((s) => s.pool.models);
  const status = useAppStore((s) => s.pool.status);
  if (models.length === 0) {
    return (
      <span className="badge" data-testid="model-status">
        {status === 'running' ? 'Loading models…' : 'No models loaded'}
      </span>
    );
  }
  return (
    <span
      className="badge"
      data-testid="model-status"
      title={models.map((m) => `${m.role} ${m.id} ${m.hash}`).join('\n')}
    >
      {models.map((m) => m.id).join(' + ')}
    </span>
  );
}
