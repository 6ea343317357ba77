/** Signs an agent in over REST and returns its session cookie; throttling and restarts are waited out. */
import type { AgentLogin } from './seed';
import { sleep } from './waiting';

const ATTEMPTS = 20;

export async function signIn(baseUrls: () => string[], agent: AgentLogin, address: string): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const urls = baseUrls();
    const baseUrl = urls[attempt % urls.length]!;
    try {
      const response = await fetch(`${baseUrl}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify(agent),
      });
      if (response.status === 200) {
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
        if (cookie) return cookie;
        last = 'no session cookie in the answer';
      } else {
        last = `${response.status} ${await response.text()}`;
        const retryAfter = Number(response.headers.get('retry-after') ?? 0);
        if (response.status === 429) await sleep(Math.min(retryAfter, 5) * 1000);
      }
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`login of ${agent.email} failed: ${last}`);
}
