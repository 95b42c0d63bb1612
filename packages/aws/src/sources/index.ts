import type { AnyBatchSource } from '../batch/batch-source';
import { alb } from './alb';
import { apiGatewayV1 } from './api-gateway-v1';
import { apiGatewayV2 } from './api-gateway-v2';
import { dynamodb } from './dynamodb';
import { eventBridge } from './event-bridge';
import { eventBridgeSchedule } from './event-bridge-schedule';
import { functionUrl } from './function-url';
import { kinesis } from './kinesis';
import { s3 } from './s3';
import { s3EventBridge } from './s3-event-bridge';
import { scheduler } from './scheduler';
import { sns } from './sns';
import { sqs } from './sqs';

/**
 * Every supported Lambda HTTP event source, most specific guard first: a Function URL event is
 * also a valid HTTP API 2.0 event, and ALB and REST events share `httpMethod`.
 * Adding a source is one file and one entry here.
 */
export const sources = [alb, functionUrl, apiGatewayV2, apiGatewayV1] as const;

/**
 * Every other source: records of a batch (SQS, Kinesis, DynamoDB) or of an asynchronous
 * invocation (SNS, S3, EventBridge). Records-based sources tell themselves apart by
 * `eventSource`; among EventBridge envelopes, the specific ones come before the catch-all.
 */
export const batchSources: readonly AnyBatchSource[] = [
  sqs,
  sns,
  s3,
  kinesis,
  dynamodb,
  s3EventBridge,
  scheduler,
  eventBridgeSchedule,
  eventBridge,
] as readonly AnyBatchSource[];
