import { defineHandler, type OmniEvent, type ScheduleEvent, type StorageObjectEvent } from '@omnifn/core';
import { events, invoke, lambdaContext } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../test-support';
import { toAws } from '../to-aws';
import { decodeS3Key, s3Action } from './s3-notification';
import { unmarshallImage } from './unmarshall';

const quiet = { sink: () => {} };

function collector<K extends 'storage' | 'message' | 'schedule'>(kind: K) {
  const seen: OmniEvent[] = [];
  const handler = defineHandler({
    name: 'collect',
    kind,
    handle: (e: OmniEvent) => void seen.push(e),
  } as never);
  return { seen, handler };
}

describe('S3', () => {
  it('decodes form-encoded keys: + is a space, %xx a UTF-8 byte; malformed escapes are an Error', () => {
    expect(decodeS3Key('photos/Happy+Face%2B1.jpg')).toBe('photos/Happy Face+1.jpg');
    expect(decodeS3Key('caf%C3%A9')).toBe('café');
    expect(() => decodeS3Key('%E0%A4%A')).toThrow(/form encoding/);
  });

  it('maps event names to DESIGN.md actions', () => {
    expect(s3Action('ObjectCreated:CompleteMultipartUpload')).toBe('created');
    expect(s3Action('ObjectRemoved:DeleteMarkerCreated')).toBe('deleted');
    expect(s3Action('LifecycleExpiration:Delete')).toBe('deleted');
    expect(s3Action('LifecycleTransition')).toBe('archived');
    expect(s3Action('IntelligentTiering')).toBe('archived');
    expect(s3Action('ObjectRestore:Completed')).toBe('metadataUpdated');
    expect(s3Action('ObjectTagging:Put')).toBe('metadataUpdated');
    expect(s3Action('ObjectAcl:Put')).toBe('metadataUpdated');
    expect(s3Action('Replication:OperationFailedReplication')).toBe('metadataUpdated');
  });

  it('one storage event per record, in order, with the decoded key', async () => {
    const { seen, handler } = collector('storage');
    const event = events.aws.s3([
      { key: 'a b.txt' },
      { key: 'dir/c&d.txt', eventName: 'ObjectRemoved:Delete' },
    ]);
    expect(event.Records[0]?.s3.object.key).toBe('a+b.txt');
    await expect(toAws(handler, quiet)(event, lambdaContext())).resolves.toBeUndefined();
    expect(seen.map((e) => [(e as StorageObjectEvent).key, (e as StorageObjectEvent).action])).toEqual([
      ['a b.txt', 'created'],
      ['dir/c&d.txt', 'deleted'],
    ]);
  });

  it('s3:TestEvent is logged and acknowledged without running the handler', async () => {
    const { seen, handler } = collector('storage');
    const logs = captureLogs();
    const test = {
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2026-01-01T00:00:00.000Z',
      Bucket: 'b',
      RequestId: 'R1',
      HostId: 'H',
    };
    await expect(toAws(handler, { sink: logs.sink })(test, lambdaContext())).resolves.toBeUndefined();
    await expect(
      toAws(handler, { sink: logs.sink })(events.aws.sqs({ messages: [{ body: test }] }), lambdaContext()),
    ).resolves.toBeUndefined();
    expect(seen).toHaveLength(0);
    expect(logs.records.filter((r) => String(r.message).includes('s3:TestEvent'))).toHaveLength(2);
  });

  it('S3 notifications inside SQS and SNS (and S3 → SNS → SQS) become storage events for a storage handler', async () => {
    const { seen, handler } = collector('storage');
    await toAws(handler, quiet)(events.aws.s3ViaSqs([{ key: 'q 1' }, { key: 'q2' }]), lambdaContext());
    await toAws(handler, quiet)(events.aws.s3ViaSns([{ key: 't 1' }]), lambdaContext());
    const viaBoth = events.aws.sqs({
      messages: [
        { body: { Type: 'Notification', Message: JSON.stringify(events.aws.s3([{ key: 'both' }])) } },
      ],
    });
    await toAws(handler, quiet)(viaBoth, lambdaContext());
    expect(seen.map((e) => [e.trigger, (e as StorageObjectEvent).key])).toEqual([
      ['aws:sqs', 'q 1'],
      ['aws:sqs', 'q2'],
      ['aws:sns', 't 1'],
      ['aws:sqs', 'both'],
    ]);
  });

  it('on a storage handler, an SQS message that is no S3 notification fails alone', async () => {
    const { seen, handler } = collector('storage');
    const event = events.aws.sqs({
      messages: [
        { messageId: 'm1', body: 'hello' },
        { messageId: 'm2', body: events.aws.s3() },
      ],
    });
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(event, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(seen).toHaveLength(1);
  });

  it('a failing storage event from an SQS message is logged with the message id and attempt as well as its own id', async () => {
    const failing = defineHandler({
      name: 'fail',
      kind: 'storage',
      handle() {
        throw new Error('nope');
      },
    });
    const logs = captureLogs();
    const event = events.aws.sqs({
      messages: [{ messageId: 'm-7', receiveCount: 2, body: events.aws.s3() }],
    });
    await toAws(failing, { sink: logs.sink, reportBatchItemFailures: true })(event, lambdaContext());
    const line = logs.records.find((r) => r.level === 'error');
    expect(line).toMatchObject({ recordId: 'm-7', attempt: 2, trigger: 'aws:sqs' });
    expect(line?.eventId).not.toBe('m-7');
  });

  it('S3 through EventBridge: Object Created / Object Deleted, keys as given', async () => {
    const { seen, handler } = collector('storage');
    await toAws(handler, quiet)(events.aws.s3EventBridge({ key: 'a+b c', versionId: 'v1' }), lambdaContext());
    await toAws(handler, quiet)(events.aws.s3EventBridge({ detailType: 'Object Deleted' }), lambdaContext());
    expect(seen[0]).toMatchObject({
      trigger: 'aws:eventbridge',
      action: 'created',
      key: 'a+b c',
      version: 'v1',
      size: 1024,
    });
    expect(seen[1]).toMatchObject({ action: 'deleted', size: undefined });
  });
});

describe('messages', () => {
  it('SQS: JSON bodies parsed, attributes, attempt, SentTimestamp, queue name, FIFO group', async () => {
    const { seen, handler } = collector('message');
    const sentAt = new Date('2026-01-02T03:04:05.000Z');
    await invoke(
      handler,
      events.aws.sqsFifo({
        queue: 'q.fifo',
        messages: [
          { messageId: 'm', body: { a: 1 }, attributes: { k: 'v' }, receiveCount: 4, sentAt, groupId: 'g' },
        ],
      }),
      { aws: quiet },
    );
    expect(seen[0]).toMatchObject({
      trigger: 'aws:sqs',
      id: 'm',
      messageId: 'm',
      body: { a: 1 },
      attributes: { k: 'v' },
      attempt: 4,
      publishedAt: sentAt,
      time: sentAt,
      channel: 'q.fifo',
      groupId: 'g',
    });
  });

  it('an SQS body that spells __proto__ fails that record; the handler never sees it', async () => {
    const { seen, handler } = collector('message');
    const event = events.aws.sqs({
      messages: [
        { messageId: 'bad', body: '{"__proto__":{"x":1}}' },
        { messageId: 'ok', body: '{}' },
      ],
    });
    const result = await toAws(handler, { ...quiet, reportBatchItemFailures: true })(event, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect(seen.map((e) => e.id)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('SNS: message, attributes and topic name; EventBridge custom events: detail as body, source as channel', async () => {
    const { seen, handler } = collector('message');
    await toAws(handler, quiet)(
      events.aws.sns({ message: { n: 1 }, topic: 'orders', attributes: { a: 'b' }, messageId: 's-1' }),
      lambdaContext(),
    );
    await toAws(handler, quiet)(
      events.aws.eventBridge({ detail: { orderId: 'o-1' }, detailType: 'Order Placed', source: 'shop' }),
      lambdaContext(),
    );
    expect(seen[0]).toMatchObject({
      trigger: 'aws:sns',
      id: 's-1',
      body: { n: 1 },
      attributes: { a: 'b' },
      channel: 'orders',
    });
    expect(seen[1]).toMatchObject({
      trigger: 'aws:eventbridge',
      body: { orderId: 'o-1' },
      channel: 'shop',
      attributes: { 'detail-type': 'Order Placed' },
    });
  });

  it('DynamoDB numbers beyond double precision stay strings; unknown attribute types are an Error', () => {
    expect(unmarshallImage({ big: { N: '12345678901234567890' }, small: { N: '-1.5e3' } })).toEqual({
      big: '12345678901234567890',
      small: -1500,
    });
    expect(() => unmarshallImage({ x: { Q: '1' } })).toThrow(/unknown type Q/);
  });
});

describe('schedules and kinds', () => {
  it('EventBridge rules and Scheduler: the short name, the scheduled time', async () => {
    const { seen, handler } = collector('schedule');
    await toAws(handler, quiet)(events.aws.schedule({ rule: 'nightly-report' }), lambdaContext());
    await toAws(handler, quiet)(
      events.aws.scheduler({ group: 'billing', name: 'invoice-run' }),
      lambdaContext(),
    );
    const [rule, schedule] = seen as ScheduleEvent[];
    expect(rule).toMatchObject({ trigger: 'aws:eventbridge', name: 'nightly-report' });
    expect(schedule).toMatchObject({ trigger: 'aws:scheduler', name: 'invoice-run' });
    expect(schedule?.scheduledTime).toEqual(schedule?.time);
  });

  it('a batch of another kind fails the whole invocation with one Error naming both', async () => {
    const { handler } = collector('schedule');
    await expect(toAws(handler, quiet)(events.aws.sqs(), lambdaContext())).rejects.toThrow(
      /received a aws:sqs event, expected an AWS event for a schedule handler \(aws:scheduler, aws:eventbridge\)/,
    );
    const { handler: messages } = collector('message');
    await expect(toAws(messages, quiet)(events.aws.schedule(), lambdaContext())).rejects.toThrow(
      /received a aws:eventbridge event/,
    );
    await expect(toAws(messages, quiet)(events.aws.s3(), lambdaContext())).rejects.toThrow(
      /received a aws:s3 event/,
    );
    await expect(toAws(messages, quiet)(events.aws.httpApiV2(), lambdaContext())).rejects.toThrow(
      /received a aws:apigw-v2 event/,
    );
  });

  it('ctx.requestId is the invocation id for every record; event.id is the record id', async () => {
    const pairs: string[][] = [];
    const handler = defineHandler({
      name: 'ids',
      kind: 'message',
      handle: (e, ctx) => void pairs.push([ctx.requestId, e.id]),
    });
    await toAws(handler, quiet)(
      events.aws.sqs({ messages: [{ messageId: 'a' }, { messageId: 'b' }] }),
      lambdaContext({ awsRequestId: 'inv-1' }),
    );
    expect(pairs).toEqual([
      ['inv-1', 'a'],
      ['inv-1', 'b'],
    ]);
  });
});
