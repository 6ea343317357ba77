/**
 * Identity verification, for admins: each site's identity secret (shown on request, rotatable) and
 * how a site's server signs `Parley('identify', {token})` with it, in four languages.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SiteIdentity } from '@parley/protocol';
import { AppHeader } from '../components/app-header';
import { createIdentityModel, type IdentityModel } from '../models/identity-model';
import { IDENTITY_EXAMPLES, PAGE_EXAMPLE } from './identity-examples';
import './identity-page.css';

export function IdentityPage({ model: given }: { model?: IdentityModel }) {
  const model = useMemo(() => given ?? createIdentityModel(), [given]);
  const [language, setLanguage] = useState<(typeof IDENTITY_EXAMPLES)[number]['language']>('Node');
  useEffect(() => void model.load(), [model]);
  const example = IDENTITY_EXAMPLES.find((item) => item.language === language)!;

  return (
    <div class="identity-page">
      <AppHeader />
      <main class="settings-page">
        <p>
          <a href="#">← Back to the inbox</a>
        </p>
        <h1>Identity verification</h1>
        <p>
          Tell Parley who a signed-in visitor is: your server signs a short-lived token with the site's identity secret and your page
          passes it to <code>Parley('identify', {'{'} token {'}'})</code>. Agents then see the verified user id, and the visitor finds their
          conversations on any device. A forged or expired token is refused and the visitor stays anonymous.
        </p>
        {model.error.value && (
          <p class="form-error" role="alert">
            {model.error.value}
          </p>
        )}
        {model.loading.value && <p>Loading…</p>}
        {model.sites.value.map((site) => (
          <SiteSecret key={site.siteId} site={site} model={model} />
        ))}
        <h2>Sign on your server</h2>
        <div role="tablist" aria-label="Server language" class="tabs">
          {IDENTITY_EXAMPLES.map((item) => (
            <button
              key={item.language}
              type="button"
              role="tab"
              aria-selected={item.language === language}
              class={item.language === language ? 'button-quiet active' : 'button-quiet'}
              onClick={() => setLanguage(item.language)}
            >
              {item.language}
            </button>
          ))}
        </div>
        <pre role="tabpanel" aria-label={`${language} example`}>
          <code>{example.code}</code>
        </pre>
        <h2>Call it from your page</h2>
        <pre>
          <code>{PAGE_EXAMPLE}</code>
        </pre>
        <p>
          Migrating from user hashes? <code>Parley('identify', {'{'} userId, userHash {'}'})</code> with the hex HMAC-SHA256 of the user id
          under the same secret is accepted too; it does not expire, so prefer tokens.
        </p>
      </main>
    </div>
  );
}

function SiteSecret({ site, model }: { site: SiteIdentity; model: IdentityModel }) {
  const [shown, setShown] = useState(false);
  const busy = model.rotating.value === site.siteId;
  const rotate = () => {
    if (window.confirm(`Rotate the identity secret of ${site.siteName}? Tokens signed with the current secret stop working at once.`)) {
      void model.rotate(site.siteId);
    }
  };
  return (
    <section class="site-secret" aria-label={`Identity secret of ${site.siteName}`}>
      <h2>{site.siteName}</h2>
      <p>
        <code data-secret>{shown ? site.secret : '•'.repeat(24)}</code>{' '}
        <button type="button" class="button-quiet" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>{' '}
        <button type="button" class="button-quiet" disabled={busy} onClick={rotate}>
          {busy ? 'Rotating…' : 'Rotate secret'}
        </button>
      </p>
    </section>
  );
}
