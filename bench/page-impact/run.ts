/**
 * `pnpm run bench:page [--runs N] [--no-doc]`: what the snippet costs a customer's page. A plain
 * host page with the snippet and the same page without it, loaded alternately N times each
 * (default 30) in headless Debian Chromium with 4x CPU throttling, against a real relay process
 * on another origin. Prints a table and replaces this bench's section of docs/benchmarks.md.
 * Never part of the test suite (scripts/check-size.ts is, for the byte budgets).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderSnippet } from '@parley/widget';
import { CHROMIUM_ARGS } from '@parley/test-services';
import { freePort } from '@parley/test-services/start';
import { chromium, type Browser } from 'playwright-core';
import { replaceSection } from './doc-section';
import { BLANK_PAGE_HTML, hostPageHtml } from './host-pages';
import { impactReport, markdownTable, textTable, type ImpactReport } from './impact-report';
import { findLauncher, measureRun, type RunSample, type Variant } from './measure-run';
import { startPageServer, type PageServer } from './page-server';
import { startRelayForPages, type RelayForPages } from './relay-for-pages';

const DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

function parseArgs(argv: string[]): { runs: number; writeDoc: boolean } {
  const at = argv.indexOf('--runs');
  const runs = at === -1 ? 30 : Number(argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs per variant, e.g. --runs 30');
  return { runs, writeDoc: !argv.includes('--no-doc') };
}

async function main(): Promise<void> {
  const { runs, writeDoc } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let relay: RelayForPages | undefined;
  let pages: PageServer | undefined;
  let thirdParty: PageServer | undefined;
  let browser: Browser | undefined;
  try {
    const pagePort = await freePort();
    relay = await startRelayForPages(pagePort);
    const snippet = renderSnippet({ relayOrigin: relay.relay.baseUrl, siteKey: relay.siteKey });
    thirdParty = await startPageServer(await freePort(), { '/empty.js': '' });
    pages = await startPageServer(pagePort, {
      '/blank': BLANK_PAGE_HTML,
      '/with': hostPageHtml(snippet),
      '/without': hostPageHtml(null),
      '/floor': hostPageHtml(floorSnippet(snippet, relay.relay.baseUrl, thirdParty.origin)),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    log(`page-impact: pages on ${pages.origin}, relay on ${relay.relay.baseUrl}, Chromium ${browser.version()}, ${runs} runs per variant`);
    const setup = {
      browser,
      pageOrigin: pages.origin,
      relayOrigin: relay.relay.baseUrl,
      floorOrigin: thirdParty.origin,
      hoverPoint: await findLauncher(browser, pages.origin),
    };
    // One unmeasured run each warms Chromium and the relay's file cache, so run 1 is not an outlier.
    for (const variant of VARIANTS) await measureRun(setup, variant);
    // Other work on the machine stretches every wall-clock figure: the report says how busy it was.
    const loadBefore = loadavg()[0]!;
    const samples: RunSample[] = [];
    for (let run = 0; run < runs; run++) {
      // Rotating who goes first, so drift on the machine hits every variant alike.
      const order = VARIANTS.map((_, index) => VARIANTS[(index + run) % VARIANTS.length]!);
      for (const variant of order) samples.push(await measureRun(setup, variant));
      log(`page-impact: run ${run + 1}/${runs}`);
    }

    const load = { before: loadBefore, after: loadavg()[0]! };
    const report = impactReport(samples);
    if (report.launcherMissing > 0) throw new Error(`the launcher did not appear in ${report.launcherMissing} runs with the snippet`);
    process.stdout.write(
      `\nPage impact, ${runs} runs per variant, 4x CPU throttling, load average ${load.before.toFixed(1)} -> ${load.after.toFixed(1)} ` +
        `on ${cpus().length} cores\n\n${textTable(report.rows)}\n\n` +
        `Panel prefetch on hover (information)\n\n${textTable(report.hoverRows)}\n\n${report.verdicts.join('\n')}\n`,
    );
    if (writeDoc) {
      const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : null;
      writeFileSync(DOC, replaceSection(existing, docSection(report, browser.version(), load)));
      log(`page-impact: wrote its section of ${DOC}`);
    }
  } finally {
    await browser?.close();
    await pages?.close();
    await thirdParty?.close();
    await relay?.stop();
  }
}

const VARIANTS: readonly Variant[] = ['with', 'without', 'floor'];

/** The pasted snippet, its loader URL swapped for an empty script on another origin. */
function floorSnippet(snippet: string, relayOrigin: string, thirdPartyOrigin: string): string {
  const loaderUrl = `${relayOrigin}/widget/loader.js`;
  if (!snippet.includes(loaderUrl)) throw new Error(`the snippet no longer names ${loaderUrl}; update floorSnippet`);
  return snippet.replace(loaderUrl, `${thirdPartyOrigin}/empty.js`);
}

function docSection(report: ImpactReport, chromiumVersion: string, load: { before: number; after: number }): string {
  return `## Page impact of the widget

What the snippet costs a customer's page (issue 5, "Budgets"). Measured ${new Date().toISOString().slice(0, 10)} with
\`pnpm run bench:page\` (bench/page-impact/run.ts) on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, headless Chromium
${chromiumVersion} with 4x CPU throttling (\`Emulation.setCPUThrottlingRate\`). The machine's 1-minute load average was
${load.before.toFixed(1)} at the first run and ${load.after.toFixed(1)} at the last: wall-clock figures stretch with it, so compare
the two variants with each other, and re-run on a quiet machine before reading absolute milliseconds.

How: a plain article page (no script of its own) with the snippet and the same page without it, ${report.runsPerVariant} loads
each, alternating, each in a fresh browser context (empty cache, first visit). The pages are served on their own
origin; the loader and the panel come from a real relay process on another origin. Per load: main-thread time is the
\`TaskDuration\` (and \`ScriptDuration\`) delta from \`Performance.getMetrics\` from navigation to 2 s after \`load\`
(the async loader delays \`load\` until it has run); long tasks and LCP come from \`PerformanceObserver\`s installed
before the page's first byte; bytes are what came over the wire from the relay (headers included). Nothing is clicked.

The \`TaskDuration\` difference counts everything the renderer does differently, including what the browser does for
any cross-origin script tag whatever it holds: the "floor" variant (the same snippet loading an empty script from a
third origin) pays for it too. So each load is also traced (CDP \`Tracing.start\`, devtools.timeline categories) and
the page's main-thread top-level tasks are attributed (bench/page-impact/trace-attribution.ts): a task that evaluated,
compiled or called code from the relay's origin (a script, a timer, an idle callback, an event listener) is Parley's
script; a task that only handled a request to the relay (its response, data, finish; the browser's own work, which
an empty script costs too) is counted apart; the rest is the page's. The trace rows sum those tasks on the wall clock
and on the thread's CPU clock (\`tdur\`, which time spent waiting for a core that another process holds does not
stretch): Parley's script on the CPU clock is the steadiest figure of what the loader itself costs. Promise callbacks
(e.g. the config answer) run in microtask checkpoints that name no script; they land in the request's task or the
page's. Trace figures are throttled (4x) durations, like the rest.

${markdownTable(report.rows)}

${report.verdicts.map((verdict) => `- ${verdict}`).join('\n')}

For information, the panel prefetch: the pointer is moved onto the launcher (on the page without the snippet, onto the
same spot) and the page is measured for 2.5 s more.

${markdownTable(report.hoverRows)}

Byte budgets (snippet + loader ≤ 3 KB gzip, full widget ≤ 20 KB gzip) are enforced on every test run by
\`pnpm run check:size\` (scripts/check-size.ts).`;
}

main().catch((error: unknown) => {
  process.stderr.write(`page-impact: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
