/**
 * The host page a site owner might have: a plain article with its own styles and no script of its
 * own, so whatever main-thread time the snippet adds is not drowned in the page's. The two
 * variants differ by the snippet alone, pasted where the install page says (before `</head>`).
 */
const PARAGRAPH =
  'Our tents are tested on the ridge behind the workshop before they ship. Each one is pitched, soaked ' +
  'and left through a night of wind; the seams that leak go back to the bench. We would rather sell fewer ' +
  'tents than send one that fails you at two in the morning, miles from the car.';

export function hostPageHtml(snippet: string | null): string {
  const paragraphs = Array.from({ length: 12 }, (_, index) => `<p>${index + 1}. ${PARAGRAPH}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Field notes — Acme Outdoor</title>
<style>
  body { font: 17px/1.6 system-ui, sans-serif; margin: 0; color: #1f2933; background: #fbfbf8; }
  header { background: #2f5d50; color: #fff; padding: 1.25rem 2rem; }
  main { max-width: 44rem; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 2.4rem; line-height: 1.2; margin: 0 0 1rem; }
  .lede { font-size: 1.35rem; color: #3e4c59; }
</style>
${snippet ?? ''}
</head>
<body>
<header>Acme Outdoor</header>
<main>
<h1>How we test a tent before it reaches you</h1>
<p class="lede">${PARAGRAPH} ${PARAGRAPH}</p>
${paragraphs}
</main>
</body>
</html>`;
}

/** Same origin as the host pages, opened first so each measured navigation starts from a live page. */
export const BLANK_PAGE_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';
