/** A scripted fetch for the console's API tests: records requests, answers from a queue. */
export interface RecordedRequest {
  url: string;
  method: string;
  credentials: RequestCredentials | undefined;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status: number; body?: unknown; raw?: string } | Error;

export interface FakeFetch {
  (input: string, init?: RequestInit): Promise<Response>;
  requests: RecordedRequest[];
  reply(...replies: Reply[]): void;
}

export function createFakeFetch(): FakeFetch {
  const queue: Reply[] = [];
  const fake = (async (input: string, init: RequestInit = {}) => {
    fake.requests.push({
      url: input,
      method: init.method ?? 'GET',
      credentials: init.credentials,
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const next = queue.shift();
    if (!next) throw new Error(`fake fetch: no reply scripted for ${init.method ?? 'GET'} ${input}`);
    if (next instanceof Error) throw next;
    const text = next.raw ?? (next.body === undefined ? null : JSON.stringify(next.body));
    return new Response(next.status === 204 ? null : text, {
      status: next.status,
      headers: next.raw === undefined ? { 'content-type': 'application/json' } : { 'content-type': 'text/html' },
    });
  }) as FakeFetch;
  fake.requests = [];
  fake.reply = (...replies) => void queue.push(...replies);
  return fake;
}
