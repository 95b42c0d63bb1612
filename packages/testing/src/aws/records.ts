import type {
  AttributeValue,
  DynamoDbEvent,
  EventBridgeEvent,
  KinesisEvent,
  S3EventBridgeEvent,
  S3Notification,
  SnsEvent,
  SqsEvent,
} from '@omnifn/aws';
import { tagCloud } from '../cloud-tag';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** A message body as SQS, SNS and Kinesis carry it: strings as-is, anything else as JSON. */
const text = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body ?? null));

export interface SqsMessageInit {
  readonly body?: unknown;
  readonly messageId?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly receiveCount?: number;
  readonly sentAt?: Date;
  /** FIFO only. */
  readonly groupId?: string;
}

export interface SqsInit {
  readonly queue?: string;
  readonly messages?: readonly SqsMessageInit[];
}

function sqsEvent(init: SqsInit, fifo: boolean): SqsEvent {
  const queue = init.queue ?? (fifo ? 'orders.fifo' : 'orders');
  const messages = init.messages ?? [{ body: { hello: 'world' } }];
  return tagCloud(
    {
      Records: messages.map((m, i) => {
        const sent = String((m.sentAt ?? new Date()).getTime());
        return {
          messageId: m.messageId ?? crypto.randomUUID(),
          receiptHandle: `AQEB${i}${crypto.randomUUID().replace(/-/g, '')}`,
          body: text(m.body),
          attributes: {
            ApproximateReceiveCount: String(m.receiveCount ?? 1),
            SentTimestamp: sent,
            SenderId: 'AIDAIENQZJOLO23YVJ4VO',
            ApproximateFirstReceiveTimestamp: sent,
            ...(fifo
              ? {
                  MessageGroupId: m.groupId ?? 'default',
                  MessageDeduplicationId: crypto.randomUUID(),
                  SequenceNumber: String(18_849_496_460_467_696_128n + BigInt(i)),
                }
              : {}),
          },
          messageAttributes: Object.fromEntries(
            Object.entries(m.attributes ?? {}).map(([k, v]) => [
              k,
              { stringValue: v, stringListValues: [], binaryListValues: [], dataType: 'String' },
            ]),
          ),
          md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
          eventSource: 'aws:sqs' as const,
          eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
          awsRegion: REGION,
        };
      }),
    },
    'aws',
  );
}

/**
 * An SQS standard-queue batch, one record per message.
 * @example events.aws.sqs({ messages: [{ body: { orderId: 'o-1', amount: 3 } }] })
 */
export function sqs(init: SqsInit = {}): SqsEvent {
  return sqsEvent(init, false);
}

/** An SQS FIFO batch (`.fifo` queue, `MessageGroupId` on each record). */
export function sqsFifo(init: SqsInit = {}): SqsEvent {
  return sqsEvent(init, true);
}

export interface SnsInit {
  readonly message?: unknown;
  readonly topic?: string;
  readonly subject?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly messageId?: string;
}

/** An SNS notification as Lambda receives it. */
export function sns(init: SnsInit = {}): SnsEvent {
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:${init.topic ?? 'orders-topic'}`;
  return tagCloud(
    {
      Records: [
        {
          EventVersion: '1.0',
          EventSubscriptionArn: `${topicArn}:${crypto.randomUUID()}`,
          EventSource: 'aws:sns' as const,
          Sns: {
            Type: 'Notification',
            MessageId: init.messageId ?? crypto.randomUUID(),
            TopicArn: topicArn,
            Subject: init.subject ?? null,
            Message: text(init.message ?? { hello: 'world' }),
            Timestamp: new Date().toISOString(),
            SignatureVersion: '1',
            Signature: 'EXAMPLE',
            SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService.pem`,
            UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe`,
            MessageAttributes: Object.fromEntries(
              Object.entries(init.attributes ?? {}).map(([k, v]) => [k, { Type: 'String', Value: v }]),
            ),
          },
        },
      ],
    },
    'aws',
  );
}

export interface S3ObjectInit {
  /** The decoded key; the builder form-encodes it as S3 does. */
  readonly key?: string;
  readonly bucket?: string;
  /** An S3 event name, default `ObjectCreated:Put`. */
  readonly eventName?: string;
  readonly size?: number;
  readonly etag?: string;
  readonly versionId?: string;
}

/** S3 form-encodes keys in notifications: spaces become `+`. */
const formEncode = (key: string) => encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

/** An S3 event notification, one record per object. */
export function s3(objects: readonly S3ObjectInit[] = [{}]): S3Notification {
  return tagCloud({ Records: objects.map(s3Record) }, 'aws');
}

function s3Record(init: S3ObjectInit, i: number): S3Notification['Records'][number] {
  const bucket = init.bucket ?? 'uploads';
  const removed = (init.eventName ?? '').startsWith('ObjectRemoved');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: REGION,
    eventTime: new Date().toISOString(),
    eventName: init.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: '203.0.113.7' },
    responseElements: {
      'x-amz-request-id': `C3D13FE58DE4C8${i}${Date.now() % 100}`,
      'x-amz-id-2': 'EXAMPLE',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'omnifn',
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${bucket}`,
      },
      object: {
        key: formEncode(init.key ?? 'photos/Happy Face.jpg'),
        ...(removed
          ? {}
          : { size: init.size ?? 1024, eTag: init.etag ?? 'd41d8cd98f00b204e9800998ecf8427e' }),
        ...(init.versionId ? { versionId: init.versionId } : {}),
        sequencer: `0A1B2C3D4E5F67890${i}`,
      },
    },
  };
}

/** S3 notifications delivered through an SQS queue: each message body is a notification. */
export function s3ViaSqs(objects: readonly S3ObjectInit[] = [{}], queue = 'uploads-events'): SqsEvent {
  return sqs({ queue, messages: [{ body: s3(objects) }] });
}

/** S3 notifications delivered through an SNS topic. */
export function s3ViaSns(objects: readonly S3ObjectInit[] = [{}]): SnsEvent {
  return sns({ message: s3(objects), topic: 'uploads-events' });
}

function envelope<T>(
  detailType: string,
  source: string,
  resources: string[],
  detail: T,
): EventBridgeEvent<T> {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    region: REGION,
    resources,
    detail,
  };
}

export interface EventBridgeInit {
  readonly detailType?: string;
  readonly source?: string;
  readonly detail?: unknown;
}

/** A custom EventBridge event (`PutEvents`). */
export function eventBridge(init: EventBridgeInit = {}): EventBridgeEvent {
  return tagCloud(
    envelope(init.detailType ?? 'Order Placed', init.source ?? 'com.example.orders', [], init.detail ?? {}),
    'aws',
  );
}

/** An S3 event through EventBridge: `Object Created` (default) or `Object Deleted`; keys are not encoded. */
export function s3EventBridge(
  init: S3ObjectInit & { readonly detailType?: 'Object Created' | 'Object Deleted' } = {},
): S3EventBridgeEvent {
  const bucket = init.bucket ?? 'uploads';
  const deleted = init.detailType === 'Object Deleted';
  return tagCloud(
    envelope(init.detailType ?? 'Object Created', 'aws.s3', [`arn:aws:s3:::${bucket}`], {
      version: '0',
      bucket: { name: bucket },
      object: {
        key: init.key ?? 'photos/Happy Face.jpg',
        ...(deleted
          ? {}
          : { size: init.size ?? 1024, etag: init.etag ?? 'd41d8cd98f00b204e9800998ecf8427e' }),
        ...(init.versionId ? { 'version-id': init.versionId } : {}),
        sequencer: '617f08299329d189',
      },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: ACCOUNT,
      'source-ip-address': '203.0.113.7',
      reason: deleted ? 'DeleteObject' : 'PutObject',
      ...(deleted ? { 'deletion-type': 'Permanently Deleted' } : {}),
    }),
    'aws',
  );
}

/** An EventBridge scheduled rule's invocation. */
export function schedule(init: { readonly rule?: string } = {}): EventBridgeEvent {
  return tagCloud(
    envelope(
      'Scheduled Event',
      'aws.events',
      [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${init.rule ?? 'nightly'}`],
      {},
    ),
    'aws',
  );
}

/** An EventBridge Scheduler invocation (default payload); `name` is the schedule's short name. */
export function scheduler(init: { readonly name?: string; readonly group?: string } = {}): EventBridgeEvent {
  return tagCloud(
    envelope(
      'Scheduled Event',
      'aws.scheduler',
      [
        `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${init.group ?? 'default'}/${init.name ?? 'nightly'}`,
      ],
      '{}',
    ),
    'aws',
  );
}

export interface StreamRecordInit {
  readonly data?: unknown;
  readonly sequenceNumber?: string;
  readonly partitionKey?: string;
}

/** A Kinesis batch; `data` is base64-encoded as Kinesis delivers it. */
export function kinesis(records: readonly StreamRecordInit[] = [{}], stream = 'orders-stream'): KinesisEvent {
  return tagCloud(
    {
      Records: records.map((r, i) => {
        const sequenceNumber =
          r.sequenceNumber ?? `4959033827149025660855969253836157109592157598913658${8900 + i}`;
        return {
          kinesis: {
            kinesisSchemaVersion: '1.0',
            partitionKey: r.partitionKey ?? '1',
            sequenceNumber,
            data: Buffer.from(text(r.data ?? { hello: 'world' })).toString('base64'),
            approximateArrivalTimestamp: Date.now() / 1000,
          },
          eventSource: 'aws:kinesis' as const,
          eventVersion: '1.0',
          eventID: `shardId-000000000006:${sequenceNumber}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
          awsRegion: REGION,
          eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`,
        };
      }),
    },
    'aws',
  );
}

export interface DynamoDbRecordInit {
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys?: Readonly<Record<string, AttributeValue>>;
  readonly newImage?: Readonly<Record<string, AttributeValue>>;
  readonly oldImage?: Readonly<Record<string, AttributeValue>>;
  readonly sequenceNumber?: string;
}

/** A DynamoDB Streams batch; images are typed `AttributeValue` maps as the stream sends them. */
export function dynamodb(records: readonly DynamoDbRecordInit[] = [{}], table = 'Orders'): DynamoDbEvent {
  return tagCloud(
    {
      Records: records.map((r, i) => ({
        eventID: crypto.randomUUID().replace(/-/g, ''),
        eventName: r.eventName ?? 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb' as const,
        awsRegion: REGION,
        eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2026-01-01T00:00:00.000`,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: r.keys ?? { id: { S: `o-${i + 1}` } },
          ...(r.newImage || r.eventName !== 'REMOVE'
            ? { NewImage: r.newImage ?? { id: { S: `o-${i + 1}` } } }
            : {}),
          ...(r.oldImage ? { OldImage: r.oldImage } : {}),
          SequenceNumber: r.sequenceNumber ?? String(111 + i),
          SizeBytes: 26,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      })),
    },
    'aws',
  );
}
