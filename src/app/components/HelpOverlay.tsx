import { SHORTCUTS } from '../useShortcuts';
import { useAppStore } from '../store';

/** The keyboard map, opened with ? and closed with Esc (or its button). */
export function HelpOverlay() {
  const open = useAppStore((s) => s.help);
  const setHelp = useAppStore((s) => s.setHelp);
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => setHelp(false)}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([key, what]) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{key}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setHelp(false)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
