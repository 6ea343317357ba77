/**
 * Where the business-hours section lives until the site settings page takes it in: a dialog from
 * the header, with a site picker when the workspace has several sites.
 */
import type { SiteBusinessHours } from '@parley/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createBusinessHoursApi, type BusinessHoursApi } from '../models/business-hours-api';
import { createBusinessHoursModel } from '../models/business-hours-model';
import { BusinessHoursSection } from './business-hours-section';
import { Modal } from './modal';

export function BusinessHoursDialog({ canEdit, onClose, api }: { canEdit: boolean; onClose: () => void; api?: BusinessHoursApi }) {
  const client = useMemo(() => api ?? createBusinessHoursApi(), [api]);
  const [sites, setSites] = useState<SiteBusinessHours[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.list().then(
      (reply) => {
        setSites(reply.sites);
        setSiteId(reply.sites[0]?.siteId ?? null);
      },
      (thrown: Error) => setError(thrown.message),
    );
  }, [client]);
  const model = useMemo(() => (siteId ? createBusinessHoursModel(client, siteId) : null), [client, siteId]);
  return (
    <Modal label="Business hours" onClose={onClose}>
      <div class="dialog-form">
        {error && <p role="alert">{error}</p>}
        {sites && sites.length > 1 && (
          <label>
            Site{' '}
            <select aria-label="Site" value={siteId ?? ''} onChange={(event) => setSiteId(event.currentTarget.value)}>
              {sites.map((site) => (
                <option key={site.siteId} value={site.siteId}>
                  {site.siteName}
                </option>
              ))}
            </select>
          </label>
        )}
        {sites && sites.length === 0 && <p>This workspace has no sites yet.</p>}
        {model && <BusinessHoursSection key={siteId} model={model} canEdit={canEdit} />}
        <div class="dialog-actions">
          <button type="button" class="button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
