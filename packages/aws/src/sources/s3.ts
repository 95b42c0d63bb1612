import type { OmniEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import {
  isS3Notification,
  isS3TestEvent,
  type S3EventRecord,
  type S3Notification,
  type S3TestEvent,
  s3RecordToEvent,
} from './s3-notification';

/**
 * S3 event notifications sent straight to Lambda (asynchronous invocation): one storage
 * event per record. `s3:TestEvent`, sent when notifications are configured, is acknowledged
 * without running the handler.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html
 */
export const s3: BatchSource<S3Notification | S3TestEvent, S3EventRecord | S3TestEvent> = {
  name: 'aws:s3',
  kinds: ['storage'],
  delivery: 'async',
  matches: (raw): raw is S3Notification | S3TestEvent => isS3Notification(raw) || isS3TestEvent(raw),
  records: (raw) => ('Records' in raw ? raw.Records : [raw]),
  recordId: (record) =>
    isS3TestEvent(record)
      ? record.RequestId
      : (record.responseElements?.['x-amz-request-id'] ?? record.s3.object.sequencer),
  isOrdered: () => true,
  toEvents: (record): readonly OmniEvent[] =>
    isS3TestEvent(record) ? [] : [s3RecordToEvent(record, 'aws:s3', record)],
};
