import { defineHandler, defineMiddleware, type MessageEvent } from '@omnifn/core';
import { events, lambdaContext } from '@omnifn/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs } from '../test-support';
import { toAws } from '../to-aws';
import { BatchFailureError } from './batch-failure-error';

/** RELIABILITY.md sections A, B, C (items 1–21), one test per item, named by number. */

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i + 1}`);
const batchOf = (n: number) =>
  events.aws.sqs({ messages: ids(n).map((messageId) => ({ messageId, body: { messageId } })) });
const failuresOf = (result: unknown) =>
  (result as { batchItemFailures: { itemIdentifier: string }[] }).batchItemFailures.map(
    (f) => f.itemIdentifier,
  );

/** A message handler that records each call and throws for the ids in `failing`. */
function instrumented(
  failing: ReadonlySet<string>,
  thrown: (id: string) => unknown = (id) => new Error(`boom ${id}`),
) {
  const calls: string[] = [];
  const handler = defineHandler({
    name: 'orders',
    kind: 'message',
    handle(event: MessageEvent) {
      calls.push(event.messageId);
      if (failing.has(event.messageId)) throw thrown(event.messageId);
    },
  });
  return { calls, handler };
}

const quiet = { sink: () => {} };

describe('A. SQS', () => {
  it('1: standard, partial mode, records 3 and 7 throw → exactly id3 and id7 reported; every record invoked once', async () => {
    const { calls, handler } = instrumented(new Set(['id3', 'id7']));
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(
      batchOf(10),
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'id3' }, { itemIdentifier: 'id7' }] });
    expect(calls).toEqual(ids(10));
  });

  it('2: all 10 succeed → { batchItemFailures: [] }', async () => {
    const { calls, handler } = instrumented(new Set());
    await expect(
      toAws(handler, { ...quiet, reportBatchItemFailures: true })(batchOf(10), lambdaContext()),
    ).resolves.toEqual({ batchItemFailures: [] });
    expect(calls).toHaveLength(10);
  });

  it('3: all 10 fail → by default rejects with one BatchFailureError carrying 10 causes; with partial mode all 10 ids are returned', async () => {
    const { handler } = instrumented(new Set(ids(10)));
    const error = await toAws(handler, quiet)(batchOf(10), lambdaContext()).catch((e: unknown) => e);
    expect(BatchFailureError.isInstance(error)).toBe(true);
    expect((error as BatchFailureError).causes).toHaveLength(10);
    expect((error as BatchFailureError).failures.map((f) => f.id)).toEqual(ids(10));
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(
      batchOf(10),
      lambdaContext(),
    );
    expect(failuresOf(result)).toEqual(ids(10));
  });

  it('4: records that throw undefined, null, a string, a number or {} are failures with the original as cause; the others finish', async () => {
    const values: Record<string, unknown> = { id1: undefined, id2: null, id3: 'str', id4: 42, id5: {} };
    const { calls, handler } = instrumented(new Set(Object.keys(values)), (id) => values[id]);
    const error = (await toAws(handler, quiet)(batchOf(7), lambdaContext()).catch(
      (e: unknown) => e,
    )) as BatchFailureError;
    expect(error.failures.map((f) => f.id)).toEqual(['id1', 'id2', 'id3', 'id4', 'id5']);
    for (const failure of error.failures) {
      expect(failure.error).toBeInstanceOf(Error);
      expect(failure.error.cause).toBe(values[failure.id as string]);
    }
    expect(calls).toEqual(ids(7));
    const partial = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(
      batchOf(7),
      lambdaContext(),
    );
    expect(failuresOf(partial)).toEqual(['id1', 'id2', 'id3', 'id4', 'id5']);
  });

  it('5: a fault in middleware or in the logger fails every record (or the invocation), never []', async () => {
    const broken = defineMiddleware(async () => {
      throw new Error('middleware fault');
    });
    const handler = defineHandler({ name: 'orders', kind: 'message', use: [broken], handle: () => {} });
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(
      batchOf(3),
      lambdaContext(),
    );
    expect(failuresOf(result)).toEqual(ids(3));
    const ok = defineHandler({ name: 'orders', kind: 'message', handle: () => {} });
    const throwingSink = () => {
      throw new Error('log sink fault');
    };
    // The handler finished, but its invocation line could not be written: fail-safe, the records are retried.
    const logged = await toAws(ok, { sink: throwingSink, reportBatchItemFailures: true })(
      batchOf(3),
      lambdaContext(),
    );
    expect(failuresOf(logged)).toEqual(ids(3));
  });

  it('6: a failing record without messageId rejects the whole invocation, even in partial mode', async () => {
    const event = batchOf(3);
    const records = event.Records.map((r, i) => (i === 1 ? { ...r, messageId: '' } : r));
    const { handler } = instrumented(new Set());
    const error = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(
      { Records: records },
      lambdaContext(),
    ).catch((e: unknown) => e);
    expect(BatchFailureError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/no id/);
  });

  it('7: Records missing or not an array → a typed error; Records: [] → { batchItemFailures: [] }', async () => {
    const { handler } = instrumented(new Set());
    const aws = toAws(handler, { ...quiet, reportBatchItemFailures: true });
    await expect(aws({}, lambdaContext())).rejects.toThrow(
      /received an empty object, expected an AWS event for a message handler/,
    );
    await expect(aws({ Records: 'x' }, lambdaContext())).rejects.toMatchObject({
      name: 'UnsupportedEventError',
    });
    await expect(aws({ Records: [] }, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
    await expect(toAws(handler, quiet)({ Records: [] }, lambdaContext())).resolves.toBeUndefined();
  });

  it('8: property — every reported id is a non-empty string, unique, in the batch, and reported exactly when its handler did not resolve', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom('ok', 'throw', 'reject', 'non-error'), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        async (messageIds, outcomes, fifo, concurrency) => {
          const resolved = new Set<string>();
          const handler = defineHandler({
            name: 'p',
            kind: 'message',
            async handle(event: MessageEvent) {
              const outcome = outcomes[messageIds.indexOf(event.messageId)];
              if (outcome === 'throw') throw new Error('x');
              if (outcome === 'reject') return Promise.reject(new Error('y'));
              if (outcome === 'non-error') throw 'z';
              resolved.add(event.messageId);
            },
          });
          const build = fifo ? events.aws.sqsFifo : events.aws.sqs;
          const event = build({ messages: messageIds.map((messageId) => ({ messageId })) });
          const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true, concurrency })(
            event,
            lambdaContext(),
          );
          const reported = failuresOf(result);
          expect(new Set(reported).size).toBe(reported.length);
          for (const id of reported) {
            expect(typeof id === 'string' && id.length > 0).toBe(true);
            expect(messageIds).toContain(id);
          }
          for (const id of messageIds) expect(reported.includes(id)).toBe(!resolved.has(id));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('9: partial mode not declared (default) and one record fails → the invocation rejects, no batchItemFailures', async () => {
    const { calls, handler } = instrumented(new Set(['id2']));
    const error = await toAws(handler, quiet)(batchOf(3), lambdaContext()).catch((e: unknown) => e);
    expect(BatchFailureError.isInstance(error)).toBe(true);
    expect((error as BatchFailureError).causes.map((c) => c.message)).toEqual(['boom id2']);
    expect(calls).toEqual(ids(3));
  });

  it('10: parallel — record 1 rejects at once, the others after 50 ms: the answer waits for all, lists only id1; the concurrency cap holds', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const settled: string[] = [];
    const handler = defineHandler({
      name: 'p',
      kind: 'message',
      async handle(event: MessageEvent) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (event.messageId === 'id1') throw new Error('first');
          await new Promise((resolve) => setTimeout(resolve, 50));
          settled.push(event.messageId);
        } finally {
          inFlight--;
        }
      },
    });
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true, concurrency: 3 })(
      batchOf(10),
      lambdaContext(),
    );
    expect(failuresOf(result)).toEqual(['id1']);
    expect(settled).toHaveLength(9);
    expect(maxInFlight).toBe(3);
  });

  it('11: FIFO [g1:a, g1:b✗, g1:c, g2:d] → a runs, b fails, c and d never run; failures [b, c, d] in order', async () => {
    const { calls, handler } = instrumented(new Set(['b']));
    const event = events.aws.sqsFifo({
      messages: [
        { messageId: 'a', groupId: 'g1' },
        { messageId: 'b', groupId: 'g1' },
        { messageId: 'c', groupId: 'g1' },
        { messageId: 'd', groupId: 'g2' },
      ],
    });
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true, concurrency: 5 })(
      event,
      lambdaContext(),
    );
    expect(failuresOf(result)).toEqual(['b', 'c', 'd']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('12: FIFO with skipGroupOnError [g1:a✗, g2:b, g1:c, g3:d] → b and d run; failures [a, c]; c never runs', async () => {
    const { calls, handler } = instrumented(new Set(['a']));
    const event = events.aws.sqsFifo({
      messages: [
        { messageId: 'a', groupId: 'g1' },
        { messageId: 'b', groupId: 'g2' },
        { messageId: 'c', groupId: 'g1' },
        { messageId: 'd', groupId: 'g3' },
      ],
    });
    const aws = toAws(handler, { ...quiet, reportBatchItemFailures: true, skipGroupOnError: true });
    expect(failuresOf(await aws(event, lambdaContext()))).toEqual(['a', 'c']);
    expect(calls).toEqual(['a', 'b', 'd']);
  });

  it('13: FIFO — a group that failed in one invocation runs again in the next on the same warm handler', async () => {
    const failing = new Set(['a']);
    const { calls, handler } = instrumented(failing);
    const aws = toAws(handler, { ...quiet, reportBatchItemFailures: true, skipGroupOnError: true });
    const first = events.aws.sqsFifo({
      messages: [
        { messageId: 'a', groupId: 'g1' },
        { messageId: 'b', groupId: 'g1' },
      ],
    });
    expect(failuresOf(await aws(first, lambdaContext()))).toEqual(['a', 'b']);
    failing.clear();
    const second = events.aws.sqsFifo({ messages: [{ messageId: 'c', groupId: 'g1' }] });
    expect(failuresOf(await aws(second, lambdaContext()))).toEqual([]);
    expect(calls).toEqual(['a', 'c']);
  });

  it('14: FIFO never runs two records at once, whatever the concurrency option', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = defineHandler({
      name: 'p',
      kind: 'message',
      async handle() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
      },
    });
    const event = events.aws.sqsFifo({
      messages: ids(6).map((messageId, i) => ({ messageId, groupId: `g${i % 3}` })),
    });
    await toAws(handler, { ...quiet, concurrency: 10 })(event, lambdaContext());
    expect(maxInFlight).toBe(1);
  });

  it('15: deadline — 10 records × 300 ms with 1,500 ms left and a 500 ms margin: unstarted records fail, the answer comes before the deadline', async () => {
    const finished: string[] = [];
    const started: string[] = [];
    const handler = defineHandler({
      name: 'slow',
      kind: 'message',
      async handle(event: MessageEvent) {
        started.push(event.messageId);
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished.push(event.messageId);
      },
    });
    const context = lambdaContext({ remainingMs: 1500 });
    const deadline = Date.now() + 1500;
    const logs = captureLogs();
    const result = await toAws(handler, {
      sink: logs.sink,
      reportBatchItemFailures: true,
      timeoutMarginMs: 500,
    })(batchOf(10), context);
    expect(Date.now()).toBeLessThan(deadline);
    const reported = failuresOf(result);
    // Every record is either reported or finished, never both, never neither.
    for (const id of ids(10)) expect(reported.includes(id)).toBe(!finished.includes(id));
    expect(started.length).toBeLessThan(10);
    expect(reported).toContain('id10');
    const skipped = logs.records.filter((r) => r.message === 'record failed without running');
    expect(skipped.length).toBe(10 - started.length);
  });
});

describe('B. Streams', () => {
  const seq = ['s1', 's2', 's3', 's4', 's5'];

  it('16: Kinesis [s1..s5], s3 fails → reported by sequence number (not eventID), first; s4 and s5 never run and are reported after it', async () => {
    const calls: string[] = [];
    const handler = defineHandler({
      name: 'k',
      kind: 'message',
      handle(event: MessageEvent) {
        calls.push(event.messageId);
        if (event.messageId === 's3') throw new Error('bad');
      },
    });
    const event = events.aws.kinesis(seq.map((sequenceNumber) => ({ sequenceNumber })));
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(event, lambdaContext());
    expect(failuresOf(result)).toEqual(['s3', 's4', 's5']);
    expect(calls).toEqual(['s1', 's2', 's3']);
  });

  it('17: a DynamoDB stream record without SequenceNumber fails → the invocation rejects, even in partial mode', async () => {
    const event = events.aws.dynamodb([{}, {}]);
    const records = event.Records.map((r, i) =>
      i === 0 ? { ...r, dynamodb: { ...r.dynamodb, SequenceNumber: undefined } } : r,
    );
    const { handler } = instrumented(new Set());
    await expect(
      toAws(handler, { ...quiet, reportBatchItemFailures: true })({ Records: records }, lambdaContext()),
    ).rejects.toThrow(/no id to report/);
  });

  it('18: a Kinesis record whose data is not base64 fails alone; the handler never sees it', async () => {
    const { calls, handler } = instrumented(new Set());
    const event = events.aws.kinesis([
      { sequenceNumber: 's1' },
      { sequenceNumber: 's2' },
      { sequenceNumber: 's3' },
    ]);
    const records = event.Records.map((r, i) =>
      i === 1 ? { ...r, kinesis: { ...r.kinesis, data: '%%%not base64' } } : r,
    );
    const logs = captureLogs();
    const result = await toAws(handler, { sink: logs.sink, reportBatchItemFailures: true })(
      { Records: records },
      lambdaContext(),
    );
    expect(failuresOf(result)).toEqual(['s2', 's3']);
    expect(calls).toEqual(['s1']);
    expect(logs.records.find((r) => r.level === 'error')).toMatchObject({ eventId: 's2' });
  });

  it('19: stream records normalize without loss: partition key, sequence number, arrival time, decoded data; DynamoDB images unmarshalled', async () => {
    const seen: MessageEvent[] = [];
    const handler = defineHandler({
      name: 'k',
      kind: 'message',
      handle: (e: MessageEvent) => void seen.push(e),
    });
    const kinesisEvent = events.aws.kinesis([
      { data: { orderId: 'o-1' }, partitionKey: 'pk-9', sequenceNumber: '4959' },
    ]);
    await toAws(handler, quiet)(kinesisEvent, lambdaContext());
    const arrival = kinesisEvent.Records[0]?.kinesis.approximateArrivalTimestamp ?? 0;
    expect(seen[0]).toMatchObject({
      trigger: 'aws:kinesis',
      id: '4959',
      messageId: '4959',
      groupId: 'pk-9',
      body: { orderId: 'o-1' },
      channel: 'orders-stream',
      publishedAt: new Date(Math.round(arrival * 1000)),
    });
    await toAws(handler, quiet)(
      events.aws.dynamodb([
        {
          eventName: 'MODIFY',
          keys: { id: { S: 'o-1' } },
          newImage: { n: { N: '3' }, tags: { SS: ['a'] } },
          oldImage: { n: { N: '2' } },
        },
      ]),
      lambdaContext(),
    );
    expect(seen[1]).toMatchObject({
      trigger: 'aws:dynamodb',
      channel: 'Orders',
      body: { eventName: 'MODIFY', keys: { id: 'o-1' }, newImage: { n: 3, tags: ['a'] }, oldImage: { n: 2 } },
    });
  });
});

describe('C. Async sources', () => {
  const cases = {
    sns: { kind: 'message', event: () => events.aws.sns() },
    eventBridge: { kind: 'message', event: () => events.aws.eventBridge() },
    s3: { kind: 'storage', event: () => events.aws.s3() },
    s3EventBridge: { kind: 'storage', event: () => events.aws.s3EventBridge() },
    schedule: { kind: 'schedule', event: () => events.aws.schedule() },
    scheduler: { kind: 'schedule', event: () => events.aws.scheduler() },
  } as const;

  it('20: SNS, EventBridge, S3, schedules — the handler throws → the invocation rejects with an Error; it resolves → undefined', async () => {
    for (const [name, { kind, event }] of Object.entries(cases)) {
      let fail = true;
      const handler = defineHandler({
        name,
        kind,
        handle() {
          if (fail) throw new TypeError(`failed ${name}`);
        },
      });
      const aws = toAws(handler, quiet);
      await expect(aws(event(), lambdaContext()), name).rejects.toThrow(`failed ${name}`);
      fail = false;
      await expect(aws(event(), lambdaContext()), name).resolves.toBeUndefined();
    }
  });

  it('a promise the handler returns that rejects 10 ms later, or a body that fails validation, fails the invocation (not item 21: un-awaited work is not tracked)', async () => {
    const handler = defineHandler({
      name: 'n',
      kind: 'message',
      validate: { body: z.object({ orderId: z.string() }) },
      handle: () => new Promise<void>((_, reject) => setTimeout(() => reject(new Error('late')), 10)),
    });
    await expect(
      toAws(handler, quiet)(events.aws.sns({ message: { orderId: 'o-1' } }), lambdaContext()),
    ).rejects.toThrow('late');
    await expect(
      toAws(handler, quiet)(events.aws.sns({ message: { orderId: 1 } }), lambdaContext()),
    ).rejects.toThrow();
  });
});

describe('56 for records', () => {
  it('56: every record failure is logged with the record id and attempt, each error on its own line', async () => {
    const { handler } = instrumented(new Set(['id1', 'id2']));
    const logs = captureLogs();
    const event = events.aws.sqs({
      messages: [
        { messageId: 'id1', receiveCount: 3 },
        { messageId: 'id2', receiveCount: 1 },
      ],
    });
    await toAws(handler, { sink: logs.sink, reportBatchItemFailures: true })(
      event,
      lambdaContext({ awsRequestId: 'r-56' }),
    );
    const failed = logs.records.filter((r) => r.level === 'error');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ requestId: 'r-56', eventId: 'id1', attempt: 3, trigger: 'aws:sqs' });
    expect(failed[1]).toMatchObject({ requestId: 'r-56', eventId: 'id2', attempt: 1 });
    expect(JSON.stringify(failed[0]?.error)).toMatch(/boom id1/);
  });
});

describe('H. concurrency', () => {
  it('58: 64 concurrent SQS invocations on one warm handler each answer only their own failed ids', async () => {
    const handler = defineHandler({
      name: 'many',
      kind: 'message',
      async handle(event: MessageEvent) {
        await new Promise((resolve) => setTimeout(resolve, event.messageId.length % 3));
        if (event.messageId.endsWith('-odd')) throw new Error('odd');
      },
    });
    const aws = toAws(handler, { ...quiet, reportBatchItemFailures: true, concurrency: 3 });
    const batches = Array.from({ length: 64 }, (_, b) =>
      events.aws.sqs({
        messages: Array.from({ length: 5 }, (_, i) => ({ messageId: `b${b}-r${i}${i % 2 ? '-odd' : ''}` })),
      }),
    );
    const results = await Promise.all(batches.map((batch) => aws(batch, lambdaContext())));
    results.forEach((result, b) => {
      expect(failuresOf(result)).toEqual([`b${b}-r1-odd`, `b${b}-r3-odd`]);
    });
  });
});
