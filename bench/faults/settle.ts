/**
 * The end of a run: wait until everyone is connected with an empty outbox, then a final resume
 * for every conversation each view should hold, so whatever a view still lacks is either brought
 * from Postgres now or counted as lost.
 */
import type { Cluster } from './cluster';
import type { SimAgent } from './sim-agent';
import type { SimVisitor } from './sim-visitor';
import type { Storage } from './storage';
import { missingFromViews, type ViewUnderTest } from './verify';
import { sleep, waitFor } from './waiting';

type Sim = SimVisitor | SimAgent;

/** Resume frames sent per 100 ms: the final resume must not itself overload the relays' pools. */
const RESUME_BATCH = 200;
const RETRY_EVERY_MS = 2_000;

export async function settle(sims: readonly Sim[], cluster: Cluster, timeoutMs: number): Promise<{ settled: boolean; unsettled: string[] }> {
  const unrevived: string[] = [];
  for (const node of cluster.nodes) {
    if (!node.process) await cluster.revive(node.index).catch((error: Error) => unrevived.push(`node ${node.index} not revived: ${error.message}`));
  }
  const isSettled = (sim: Sim) => sim.client.state === 'open' && sim.client.pending().length === 0;
  const settled = await waitFor(() => sims.every(isSettled), timeoutMs, 200);
  const unsettled = sims
    .filter((sim) => !isSettled(sim))
    .map((sim) => {
      const failed = sim.client.pending().filter((p) => p.status === 'failed');
      const codes = failed.length > 0 ? `, failed: ${failed.map((p) => p.error?.code).join(' ')}` : '';
      return `${sim.record.label} (${sim.client.state}, ${sim.client.pending().length} pending${codes})`;
    });
  return { settled: settled && unrevived.length === 0, unsettled: [...unrevived, ...unsettled] };
}

/** `sims[i]` owns `views[i]`. Resumes everything once, then again what is still lacking, until complete or `timeoutMs`. */
export async function finalResume(sims: readonly Sim[], views: readonly ViewUnderTest[], storage: Storage, timeoutMs: number): Promise<void> {
  const resume = async (onlyLacking: boolean) => {
    let sent = 0;
    for (const [i, sim] of sims.entries()) {
      for (const conversationId of views[i]!.expected.keys()) {
        const afterSeq = sim.client.lastSeq(conversationId);
        if (onlyLacking && afterSeq >= (storage.conversations.get(conversationId)?.lastSeq ?? 0)) continue;
        sim.client.send({ type: 'resume', conversationId, afterSeq });
        if (++sent % RESUME_BATCH === 0) await sleep(100);
      }
    }
  };
  await resume(false);
  const deadline = Date.now() + timeoutMs;
  // A resume answered with a retryable error brings nothing: ask again, as a client would.
  while (missingFromViews(storage, views).length > 0 && Date.now() < deadline) {
    await sleep(RETRY_EVERY_MS);
    await resume(true);
  }
}
