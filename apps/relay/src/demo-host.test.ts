import { renderSnippet } from '@parley/widget';
import { describe, expect, it } from 'vitest';
import { demoPageHtml } from './demo-host';

describe('demo host page', () => {
  it('shows the exact snippet as text without breaking out of its script element', () => {
    const snippet = renderSnippet({ relayOrigin: 'http://127.0.0.1:8080', siteKey: 'pk_demo' });
    const html = demoPageHtml(snippet);
    // The page's own script must be the last script element's whole body: a `</script>` inside
    // the JSON would end it early.
    const lastScript = html.slice(html.lastIndexOf('<script>'));
    expect(lastScript.indexOf('</script>')).toBe(lastScript.length - '</script>\n</body>\n</html>'.length);
    const json = /textContent = (.*);<\/script>/.exec(lastScript)![1]!;
    expect(JSON.parse(json)).toBe(snippet);
  });
});
