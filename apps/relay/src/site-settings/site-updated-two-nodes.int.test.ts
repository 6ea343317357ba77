/**
 * An admin's change on one relay node reaches widgets open on the other node, through Redis,
 * without the widget reconnecting.
 */
import type { SitePublic } from '@parley/protocol';
import { postgresUrl, redisUrl } from '@parley/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { startTwoNodes } from '../testing/relay-harness';
import { connectVisitor, eventually, signIn } from '../testing/test-clients';

describe.skipIf(!postgresUrl() || !redisUrl())('site.updated across two relay nodes', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('pushes a change made on node 1 to the site’s widgets on both nodes, once each', async () => {
    const [node1, node2] = await startTwoNodes(cleanups);

    const seen = new Map<string, SitePublic[]>();
    const open = async (label: string, node: typeof node1, site: typeof node1.a) => {
      const visitor = connectVisitor(node, site);
      cleanups.push(() => visitor.client.close());
      const frames: SitePublic[] = [];
      seen.set(label, frames);
      visitor.client.on('site.updated', (frame) => frames.push(frame.site));
      await visitor.welcome;
    };
    await open('a on node 1', node1, node1.a);
    await open('a on node 2', node2, node1.a);
    await open('b on node 2', node2, node1.b);

    const cookie = await signIn(node1, node1.a.agent);
    const response = await fetch(`${node1.baseUrl}/v1/sites/${node1.a.siteId}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ color: '#0f766e', greeting: 'Hello from both nodes', widget: { position: 'left', prechat: { name: 'off', email: 'required' } } }),
    });
    expect(response.status).toBe(200);

    await eventually(() => seen.get('a on node 2')!.length === 1 && seen.get('a on node 1')!.length === 1, 'both widgets of site A updated');
    for (const label of ['a on node 1', 'a on node 2']) {
      expect(seen.get(label), label).toEqual([
        expect.objectContaining({ color: '#0f766e', greeting: 'Hello from both nodes', widget: expect.objectContaining({ position: 'left', prechat: { name: 'off', email: 'required' } }) }),
      ]);
    }
    // A second change is a fence: when it has arrived everywhere, so would a stray first one.
    await fetch(`${node1.baseUrl}/v1/sites/${node1.b.siteId}`, { method: 'PATCH', headers: { cookie: await signIn(node1, node1.b.agent), 'content-type': 'application/json' }, body: JSON.stringify({ greeting: 'B only' }) });
    await eventually(() => seen.get('b on node 2')!.length === 1, 'site B’s own change arrives');
    expect(seen.get('b on node 2')![0]).toMatchObject({ greeting: 'B only', color: '#4f46e5' });
    expect(seen.get('a on node 2')).toHaveLength(1);
  });
});
