import type { VisitorContext } from '@parley/protocol';
import { Fragment } from 'preact';

/**
 * Who the site says the visitor is: the verified user id from `Parley('identify')` and the custom
 * attributes from `Parley('set')`. Values are shown as text, never as HTML.
 */
export function VisitorAttributes({ context }: { context: VisitorContext }) {
  const attributes = Object.entries(context.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (!context.externalId && attributes.length === 0) return null;
  return (
    <section aria-label="Attributes">
      <h4>Attributes</h4>
      <dl class="visitor-facts">
        {context.externalId && (
          <>
            <dt>User id</dt>
            <dd title="Verified by the site's identity secret">{context.externalId} ✓</dd>
          </>
        )}
        {attributes.map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>{String(value)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
