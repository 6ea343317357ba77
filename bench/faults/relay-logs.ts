/**
 * Tallies the warnings and errors the relay processes logged (pino JSON lines), so the report can
 * say what the relay itself noticed: "catch-up after bus recovery failed: timeout exceeded ... ×40".
 */
const WARN = 40;
const DETAIL_CHARS = 90;

interface LoggedError {
  message?: string;
  stack?: string;
}

/**
 * The innermost reason: drizzle's "Failed query: <sql>" wraps the driver's error, and pino folds
 * the chain into the stack as "caused by: Error: ..." lines; the last one says why.
 */
function rootCause(error: LoggedError | undefined): string | undefined {
  const causes = [...(error?.stack ?? '').matchAll(/^caused by: (?:\w*Error: )?(.*)$/gm)];
  return causes.at(-1)?.[1] ?? error?.message;
}

export function tallyRelayLogs(output: string): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { level?: number; msg?: string; err?: LoggedError };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < WARN) continue;
    const cause = rootCause(entry.err);
    const detail = cause ? `: ${cause.split('\n')[0]!.slice(0, DETAIL_CHARS)}` : '';
    const key = `${entry.msg ?? '(no message)'}${detail}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}
