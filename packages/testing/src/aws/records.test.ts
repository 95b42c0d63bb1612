import { defineHandler, type OmniEvent } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { cloudOf } from '../cloud-tag';
import { events } from '../events';
import { invoke } from '../invoke';

/** The non-HTTP AWS builders: each is tagged aws and accepted by the real adapter's source for its kind. */
const built = {
  sqs: ['message', () => events.aws.sqs(), 'aws:sqs'],
  sqsFifo: ['message', () => events.aws.sqsFifo(), 'aws:sqs'],
  sns: ['message', () => events.aws.sns(), 'aws:sns'],
  eventBridge: ['message', () => events.aws.eventBridge(), 'aws:eventbridge'],
  kinesis: ['message', () => events.aws.kinesis(), 'aws:kinesis'],
  dynamodb: ['message', () => events.aws.dynamodb(), 'aws:dynamodb'],
  s3: ['storage', () => events.aws.s3(), 'aws:s3'],
  s3ViaSqs: ['storage', () => events.aws.s3ViaSqs(), 'aws:sqs'],
  s3ViaSns: ['storage', () => events.aws.s3ViaSns(), 'aws:sns'],
  s3EventBridge: ['storage', () => events.aws.s3EventBridge(), 'aws:eventbridge'],
  schedule: ['schedule', () => events.aws.schedule(), 'aws:eventbridge'],
  scheduler: ['schedule', () => events.aws.scheduler(), 'aws:scheduler'],
} as const;

describe('events.aws record builders', () => {
  for (const [name, [kind, build, trigger]] of Object.entries(built)) {
    it(`${name} builds a ${trigger} event that a ${kind} handler receives through invoke`, async () => {
      const event = build();
      expect(cloudOf(event)).toBe('aws');
      // Plain JSON: the tag is not enumerable, and nothing is lost in a round trip.
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
      const seen: OmniEvent[] = [];
      const handler = defineHandler({ name, kind, handle: (e: OmniEvent) => void seen.push(e) } as never);
      await invoke(handler, event, { aws: { sink: () => {} } });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ kind, trigger, provider: 'aws' });
    });
  }

  it('sqs keeps given ids, bodies as JSON text, and form-encodes S3 keys as S3 does', () => {
    const event = events.aws.sqs({
      messages: [
        { messageId: 'a', body: { n: 1 } },
        { messageId: 'b', body: 'text' },
      ],
    });
    expect(event.Records.map((r) => [r.messageId, r.body])).toEqual([
      ['a', '{"n":1}'],
      ['b', 'text'],
    ]);
    expect(events.aws.s3([{ key: 'a b/c+d.txt' }]).Records[0]?.s3.object.key).toBe('a+b/c%2Bd.txt');
    expect(events.aws.sqsFifo({ messages: [{ groupId: 'g' }] }).Records[0]?.attributes.MessageGroupId).toBe(
      'g',
    );
  });
});
