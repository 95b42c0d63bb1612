import { events, invoke } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { add } from '../examples/calculator/src/add';
import { handler } from '../examples/calculator/src/aws';

const builders = {
  'HTTP API v2': events.aws.httpApiV2,
  'HTTP API v1.0': events.aws.httpApiV1,
  'REST API': events.aws.restApi,
  'Function URL': events.aws.functionUrl,
  ALB: events.aws.alb,
} as const;

/** Log lines are checked in the adapter's own tests; here they would only be noise. */
const quiet = { aws: { sink: () => {} } };

const parse = (result: { body: string }) => JSON.parse(result.body) as Record<string, unknown>;

describe('the calculator on every AWS HTTP source', () => {
  for (const [name, build] of Object.entries(builders)) {
    it(`${name}: valid input → 200 {"result":5}`, async () => {
      const result = await invoke(
        add,
        build({ method: 'POST', path: '/add', body: { num1: 2, num2: 3 } }),
        quiet,
      );
      expect(result.statusCode).toBe(200);
      expect(result.body).toBe('{"result":5}');
    });

    it(`${name}: invalid input → 400 problem+json naming the field`, async () => {
      const result = await invoke(
        add,
        build({ method: 'POST', path: '/add', body: { num1: 'two', num2: 3 } }),
        quiet,
      );
      expect(result.statusCode).toBe(400);
      expect(parse(result)).toMatchObject({ status: 400, errors: [{ path: 'body.num1' }] });
    });

    it(`${name}: malformed JSON → 400, not 500`, async () => {
      const event = build({
        method: 'POST',
        path: '/add',
        body: '{"num1": 2,',
        headers: { 'content-type': 'application/json' },
      });
      const result = await invoke(add, event, quiet);
      expect(result.statusCode).toBe(400);
      expect(parse(result)).toMatchObject({ status: 400, detail: 'Request body is not valid JSON' });
    });

    it(`${name}: a non-JSON content type → 415`, async () => {
      const result = await invoke(
        add,
        build({
          method: 'POST',
          path: '/add',
          body: 'num1=2&num2=3',
          headers: { 'content-type': 'text/csv' },
        }),
        quiet,
      );
      expect(result.statusCode).toBe(415);
    });
  }

  it('the example entry is exactly toAws(add)', async () => {
    const result = await handler(
      events.aws.httpApiV2({ method: 'POST', path: '/add', body: { num1: 40, num2: 2 } }),
      {
        awsRequestId: 'r',
        functionName: 'add',
        getRemainingTimeInMillis: () => 10_000,
      },
    );
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('{"result":42}');
  });
});
