// examples/orders-queue/src/aws.ts — the Lambda entry point for an SQS queue.
//
// `reportBatchItemFailures: true` answers `{ batchItemFailures }` with exactly the messages
// whose handler did not finish, so SQS redelivers only those. It must be paired with
// `ReportBatchItemFailures` on the event source mapping, or AWS ignores the list and deletes
// the whole batch. AWS SAM (`template.yaml`):
//
//   Resources:
//     Orders:
//       Type: AWS::Serverless::Function
//       Properties:
//         Runtime: nodejs20.x
//         CodeUri: examples/orders-queue/dist
//         Handler: aws.handler
//         Timeout: 30
//         Events:
//           Queue:
//             Type: SQS
//             Properties:
//               Queue: !GetAtt OrdersQueue.Arn
//               BatchSize: 10
//               FunctionResponseTypes: [ReportBatchItemFailures]
//     OrdersQueue:
//       Type: AWS::SQS::Queue
//       Properties:
//         VisibilityTimeout: 180 # at least 6 × the function timeout
//         RedrivePolicy: { deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5 }
//     OrdersDlq:
//       Type: AWS::SQS::Queue
//
// Serverless Framework (`serverless.yml`):
//
//   functions:
//     orders:
//       handler: examples/orders-queue/dist/aws.handler
//       events:
//         - sqs:
//             arn: !GetAtt OrdersQueue.Arn
//             batchSize: 10
//             functionResponseType: ReportBatchItemFailures
import { toAws } from '@omnifn/aws';
import { orders } from './orders';

export const handler = toAws(orders, { reportBatchItemFailures: true });
