import { events, type HttpRequestInit, invoke } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { add } from '../examples/calculator/src/add';

/**
 * The calculator, unchanged, answers the same status and body on every cloud for valid,
 * invalid and malformed input. One column per cloud: each runs the request through that
 * cloud's real adapter (GCP: inside the real functions-framework server) and says what
 * the client got. The request id differs per cloud by nature, so it is left out of bodies.
 */
interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

const clouds: Record<string, (init: HttpRequestInit) => Promise<Answer>> = {
  aws: async (init) => {
    const res = await invoke(add, events.aws.httpApiV2(init), { aws: { sink: () => {} } });
    return { status: res.statusCode, contentType: res.headers?.['content-type'], body: res.body };
  },
  gcp: async (init) => {
    const res = await invoke(add, events.gcp.http(init), { gcp: { sink: () => {} } });
    return { status: res.status, contentType: res.headers['content-type'], body: res.body };
  },
  // Azure: through toAzure with @azure/functions' real HttpRequest and InvocationContext.
  azure: async (init) => {
    const res = await invoke(add, events.azure.http(init), { azure: { sink: () => {} } });
    const body =
      res.body instanceof Uint8Array ? Buffer.from(res.body).toString('utf8') : String(res.body ?? '');
    return {
      status: res.status ?? 200,
      contentType: new Headers(res.headers).get('content-type') ?? undefined,
      body,
    };
  },
};

const post = (body: unknown, headers?: Record<string, string>): HttpRequestInit => ({
  method: 'POST',
  path: '/add',
  body,
  ...(headers ? { headers } : {}),
});

/** `sameBody: false` only where a cloud's own runtime answers before any function runs. */
const cases: ReadonlyArray<{ name: string; init: HttpRequestInit; status: number; sameBody?: false }> = [
  { name: 'valid input', init: post({ num1: 2, num2: 3 }), status: 200 },
  { name: 'invalid input (num1 a string)', init: post({ num1: 'two', num2: 3 }), status: 400 },
  { name: 'invalid input (num2 missing)', init: post({ num1: 2 }), status: 400 },
  {
    name: 'malformed: a prototype-polluting key',
    init: post('{"num1":1,"num2":2,"__proto__":{"x":1}}', { 'content-type': 'application/json' }),
    status: 400,
  },
  {
    name: 'malformed: invalid UTF-8 in a JSON body',
    init: post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), {
      'content-type': 'application/json',
    }),
    status: 400,
  },
  {
    name: 'malformed: a non-JSON content type',
    init: post('num1=2&num2=3', { 'content-type': 'text/csv' }),
    status: 415,
  },
  // GCP: the functions-framework's body-parser answers truncated JSON with its own 400 page,
  // before the function runs (so before omnifn can shape it); the status is the same.
  {
    name: 'malformed: truncated JSON',
    init: post('{"num1": 2,', { 'content-type': 'application/json' }),
    status: 400,
    sameBody: false,
  },
];

function normalized(answer: Answer): unknown {
  if (!answer.contentType?.includes('json')) return answer.body;
  const { requestId: _, ...rest } = JSON.parse(answer.body) as Record<string, unknown>;
  return rest;
}

describe('the calculator across clouds', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.status} on ${Object.keys(clouds).join(', ')}`, async () => {
      const answers = Object.fromEntries(
        await Promise.all(
          Object.entries(clouds).map(async ([cloud, send]) => [cloud, await send(c.init)] as const),
        ),
      );
      for (const [cloud, answer] of Object.entries(answers)) expect(answer.status, cloud).toBe(c.status);
      if (c.sameBody === false) return;
      const [first, ...rest] = Object.entries(answers);
      for (const [cloud, answer] of rest) {
        expect(answer.contentType, cloud).toBe(first?.[1].contentType);
        expect(normalized(answer), cloud).toEqual(first ? normalized(first[1]) : undefined);
      }
    });
  }

  it('valid input is {"result":5} everywhere', async () => {
    for (const [cloud, send] of Object.entries(clouds)) {
      expect((await send(post({ num1: 2, num2: 3 }))).body, cloud).toBe('{"result":5}');
    }
  });
});
