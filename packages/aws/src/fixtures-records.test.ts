import { defineHandler, type EventKind, type OmniEvent } from '@omnifn/core';
import { lambdaContext } from '@omnifn/testing';
import { describe, expect } from 'vitest';
import { itFixture } from '../../../test/support/fixtures';
import { captureLogs } from './test-support';
import { toAws } from './to-aws';

/**
 * Every non-HTTP AWS fixture in ../shared/fixtures/aws (events published by AWS's own teams
 * and Powertools) through `toAws`, for each handler kind it can feed: the events the handler
 * receives, that the native event is never mutated, and what the invocation answers when the
 * handler succeeds and when it throws (RELIABILITY 19, 20).
 */
type Case = {
  kind: EventKind;
  /** What a handler throwing on every event makes of it: `{ batchItemFailures }` ids, or a rejection. */
  failing: string[] | 'rejects';
  events: Record<string, unknown>[];
};

const date = (iso: string) => new Date(iso);

const cases: Record<string, Case[]> = {
  'aws/sqs-batch.json': [
    {
      kind: 'message',
      failing: ['059f36b4-87a3-44ab-83d2-661975830a7d', '2e1424d4-f796-459a-8184-9c92662be6da'],
      events: [
        {
          trigger: 'aws:sqs',
          id: '059f36b4-87a3-44ab-83d2-661975830a7d',
          body: 'Test message.',
          attributes: { testAttr: '100' },
          attempt: 1,
          publishedAt: new Date(1545082649183),
          time: new Date(1545082649183),
          channel: 'my-queue',
          groupId: undefined,
        },
        { id: '2e1424d4-f796-459a-8184-9c92662be6da', body: { message: 'foo1' }, attributes: {} },
      ],
    },
  ],
  'aws/sqs-message-attributes-lists.json': [
    {
      kind: 'message',
      failing: ['MessageID_1'],
      events: [
        {
          messageId: 'MessageID_1',
          body: 'Message Body',
          attempt: 2,
          channel: 'SQSQueue',
          // Binary attributes stay base64 text; string lists are not message attribute values Lambda fills.
          attributes: { Attribute1: 'AttributeValue1', Attribute2: '123', Attribute3: 'MTEwMA==' },
        },
      ],
    },
  ],
  'aws/sqs-fifo-sns-envelope.json': [
    {
      kind: 'message',
      failing: ['69bc4bbd-ed69-4325-a434-85c3b428ceab'],
      events: [
        {
          channel: 'Test.fifo',
          groupId: 'powertools-test',
          body: { Type: 'Notification', MessageId: 'a7c9d2fa-77fa-5184-9de9-89391027cc7d' },
        },
      ],
    },
  ],
  'aws/s3-notification-via-sqs.json': [
    {
      kind: 'storage',
      failing: ['ca3e7a89-c358-40e5-8aa0-5da01403c267'],
      events: [
        {
          trigger: 'aws:sqs',
          action: 'created',
          bucket: 'xxx',
          key: 'test.pdf',
          size: 104681,
          etag: '2e3ad1e983318bbd8e73b080e2997980',
          version: 'yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV',
          time: date('2023-04-12T20:43:38.021Z'),
        },
      ],
    },
    // On a message handler the notification is the parsed body.
    {
      kind: 'message',
      failing: ['ca3e7a89-c358-40e5-8aa0-5da01403c267'],
      events: [{ trigger: 'aws:sqs', body: { Records: [{ eventName: 'ObjectCreated:Put' }] } }],
    },
  ],
  'aws/sns.json': [
    {
      kind: 'message',
      failing: 'rejects',
      events: [
        {
          trigger: 'aws:sns',
          id: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          body: 'Hello from SNS!',
          attributes: { Test: 'TestString', TestBinary: 'TestBinary' },
          channel: 'ExampleTopic',
          publishedAt: date('2019-01-02T12:45:07.000Z'),
        },
      ],
    },
  ],
  'aws/s3-object-created-put.json': [
    { kind: 'storage', failing: 'rejects', events: [{ trigger: 'aws:s3', action: 'created' }] },
  ],
  'aws/s3-object-created-put-urlencoded-key.json': [
    {
      kind: 'storage',
      failing: 'rejects',
      events: [
        {
          trigger: 'aws:s3',
          action: 'created',
          bucket: 'sourcebucket',
          key: 'Happy Face.jpg',
          size: 1024,
          etag: 'd41d8cd98f00b204e9800998ecf8427e',
          version: 'version',
          id: 'C3D13FE58DE4C810',
        },
      ],
    },
  ],
  'aws/s3-object-created-put-with-urlDecodedKey.json': [
    { kind: 'storage', failing: 'rejects', events: [{ trigger: 'aws:s3', action: 'created' }] },
  ],
  'aws/s3-object-removed-delete.json': [
    {
      kind: 'storage',
      failing: 'rejects',
      events: [{ action: 'deleted', size: undefined, etag: undefined }],
    },
  ],
  'aws/s3-eventbridge-object-created.json': [
    { kind: 'storage', failing: 'rejects', events: [{ trigger: 'aws:eventbridge', action: 'created' }] },
    { kind: 'message', failing: 'rejects', events: [{ trigger: 'aws:eventbridge', channel: 'aws.s3' }] },
  ],
  'aws/s3-eventbridge-object-created-versioned.json': [
    {
      kind: 'storage',
      failing: 'rejects',
      events: [
        {
          id: '17793124-05d4-b198-2fde-7ededc63b103',
          action: 'created',
          bucket: 'DOC-EXAMPLE-BUCKET1',
          key: 'example-key',
          size: 5,
          etag: 'b1946ac92492d2347c6235b4d2611184',
          version: 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
          time: date('2021-11-12T00:00:00Z'),
        },
      ],
    },
  ],
  'aws/s3-eventbridge-object-deleted.json': [
    {
      kind: 'storage',
      failing: 'rejects',
      events: [{ action: 'deleted', bucket: 'example-bucket', key: 'IMG_m7fzo3.jpg', size: undefined }],
    },
  ],
  'aws/eventbridge-scheduled-event.json': [
    {
      kind: 'schedule',
      failing: 'rejects',
      events: [
        {
          trigger: 'aws:eventbridge',
          id: 'fae0433b-7a0e-e383-7849-7e10153eaa47',
          name: 'demoschedule',
          scheduledTime: date('2020-09-30T15:58:34Z'),
        },
      ],
    },
  ],
  'aws/eventbridge-generic-ec2.json': [
    {
      kind: 'message',
      failing: 'rejects',
      events: [
        {
          trigger: 'aws:eventbridge',
          id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
          body: { instance_id: 'i-1234567890abcdef0', state: 'terminated' },
          channel: 'aws.ec2',
          attributes: {
            'detail-type': 'EC2 Instance State-change Notification',
            'replay-name': 'replay_archive',
          },
        },
      ],
    },
  ],
  'aws/kinesis.json': [
    {
      kind: 'message',
      // Ordered: the first failure stops the batch; the record never run is reported after it.
      failing: [
        '49590338271490256608559692538361571095921575989136588898',
        '49590338271490256608559692540925702759324208523137515618',
      ],
      events: [
        {
          trigger: 'aws:kinesis',
          messageId: '49590338271490256608559692538361571095921575989136588898',
          body: 'Hello, this is a test.',
          groupId: '1',
          channel: 'lambda-stream',
          publishedAt: new Date(1545084650987),
        },
        { body: 'This is only a test.' },
      ],
    },
  ],
  'aws/dynamodb-streams.json': [
    {
      kind: 'message',
      failing: ['111', '222'],
      events: [
        {
          trigger: 'aws:dynamodb',
          id: '111',
          body: { eventName: 'INSERT', keys: { Id: 101 }, newImage: { Message: 'New item!', Id: 101 } },
          publishedAt: new Date(1693997155000),
        },
        {
          id: '222',
          body: {
            eventName: 'MODIFY',
            keys: { Id: 101 },
            newImage: { Message: 'This item has changed', Id: 101 },
            oldImage: { Message: 'New item!', Id: 101 },
          },
          publishedAt: undefined,
        },
      ],
    },
  ],
  'aws/dynamodb-streams-all-attribute-types.json': [
    {
      kind: 'message',
      failing: ['1405400000000002063282832'],
      events: [
        { channel: 'Example-Table', body: { keys: { val: 'data', key: 'binary' } } },
        {
          body: {
            newImage: {
              asdf1: 'AAEqQQ==',
              asdf2: ['AAEqQQ==', 'QSoBAA==', 'AAEqQQ=='],
              Boolean: true,
              List: ['Cookies', 'Coffee', Number('3.14159')], // the fixture's value, not π
              Map: { Name: 'Joe', Age: 35 },
              FloatNumber: 123.45,
              IntegerNumber: 123,
              NumberSet: [1234, 567.8],
              Null: null,
              StringSet: ['Giraffe', 'Zebra'],
              EmptyStringSet: [],
            },
          },
        },
      ],
    },
  ],
};

describe('toAws with the clouds’ own non-HTTP fixtures', () => {
  itFixture(Object.keys(cases), async (fixture, path) => {
    for (const expected of cases[path] ?? []) {
      const seen: OmniEvent[] = [];
      const handler = defineHandler({
        name: 'fixture',
        kind: expected.kind,
        handle: (event: OmniEvent) => void seen.push(event),
      } as never);
      const before = structuredClone(fixture);
      const logs = captureLogs();
      const aws = toAws(handler, { sink: logs.sink, reportBatchItemFailures: true });
      const result = await aws(fixture, lambdaContext({ awsRequestId: 'req-fixture' }));
      expect(fixture, 'the native event is never mutated').toEqual(before);
      expect(seen).toHaveLength(expected.events.length);
      expected.events.forEach((want, i) => {
        const { time, publishedAt, scheduledTime, ...rest } = want as Record<string, unknown>;
        const got = seen[i] as OmniEvent & Record<string, unknown>;
        expect(got).toMatchObject({ provider: 'aws', kind: expected.kind, ...rest });
        for (const [name, value] of Object.entries({ time, publishedAt, scheduledTime })) {
          if (name in (want as object)) expect(got[name], name).toEqual(value);
        }
        expect(got.time).toBeInstanceOf(Date);
        expect(Number.isNaN((got.time as Date).getTime())).toBe(false);
      });
      const batched = expected.failing !== 'rejects';
      expect(result).toEqual(batched ? { batchItemFailures: [] } : undefined);
      expect(logs.records.every((r) => r.requestId === 'req-fixture')).toBe(true);

      const failing = defineHandler({
        name: 'fixture',
        kind: expected.kind,
        handle() {
          throw new Error('fixture failure');
        },
      } as never);
      const failed = toAws(failing, { sink: () => {}, reportBatchItemFailures: true })(
        fixture,
        lambdaContext(),
      );
      if (expected.failing === 'rejects') await expect(failed).rejects.toThrow('fixture failure');
      else
        await expect(failed).resolves.toEqual({
          batchItemFailures: expected.failing.map((itemIdentifier) => ({ itemIdentifier })),
        });
    }
  });
});
