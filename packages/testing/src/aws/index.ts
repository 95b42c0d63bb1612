import { alb, functionUrl, httpApiV1, httpApiV2, restApi } from './http';
import {
  dynamodb,
  eventBridge,
  kinesis,
  s3,
  s3EventBridge,
  s3ViaSns,
  s3ViaSqs,
  schedule,
  scheduler,
  sns,
  sqs,
  sqsFifo,
} from './records';

/** Native AWS Lambda events, shaped as each source sends them. */
export const aws = {
  httpApiV2,
  httpApiV1,
  restApi,
  functionUrl,
  alb,
  sqs,
  sqsFifo,
  sns,
  s3,
  s3ViaSqs,
  s3ViaSns,
  eventBridge,
  s3EventBridge,
  schedule,
  scheduler,
  kinesis,
  dynamodb,
} as const;
