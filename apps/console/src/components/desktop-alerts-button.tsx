import type { AlertsModel } from '../notify/alerts-model';

/** Desktop notifications need the agent's consent, asked from a click (browsers ignore it on load). */
export function DesktopAlertsButton({ alerts }: { alerts: AlertsModel | null }) {
  const permission = alerts?.desktopPermission.value;
  if (!alerts || permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied') {
    return (
      <span class="muted" title="Allow notifications for this site in the browser's settings">
        Desktop alerts blocked
      </span>
    );
  }
  return (
    <button type="button" class="button-quiet" onClick={() => void alerts.enableDesktop()}>
      Enable desktop alerts
    </button>
  );
}
