/** The snippet a site owner pastes into their pages, with a button that copies it. */
import { renderSnippet } from '@parley/widget';
import { useState } from 'preact/hooks';

export interface SnippetBoxProps {
  siteKey: string;
  relayOrigin: string;
  /** Defaults to the browser's clipboard (tests pass their own). */
  copy?: (text: string) => Promise<void>;
}

export function SnippetBox({ siteKey, relayOrigin, copy = (text) => navigator.clipboard.writeText(text) }: SnippetBoxProps) {
  const snippet = renderSnippet({ relayOrigin, siteKey });
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const onCopy = () => {
    copy(snippet).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <section class="settings-section snippet-box" aria-labelledby="snippet-title">
      <h2 id="snippet-title">Install</h2>
      <p class="hint">Paste this before the closing &lt;/body&gt; tag of every page that should show the chat.</p>
      <pre>
        <code data-testid="snippet">{snippet}</code>
      </pre>
      <button type="button" onClick={onCopy}>
        Copy snippet
      </button>
      <span role="status" class="hint">
        {copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it by hand.' : ''}
      </span>
    </section>
  );
}
