// A hand-written SQS Lambda handler doing the orders-queue's work and nothing more: for each
// record, JSON.parse the body, zod-validate it, write the handler's log line and one summary
// line (as omnifn does per record), and collect the ids that failed into batchItemFailures.
import { z } from 'zod';

const Order = z.object({ orderId: z.string().min(1), amount: z.number().positive() });

function log(level, message, requestId, fields) {
  process.stdout.write(
    `${JSON.stringify({ level, message, time: new Date().toISOString(), requestId, function: 'orders', trigger: 'aws:sqs', ...fields })}\n`,
  );
}

export const handler = async (event, context) => {
  const requestId = context.awsRequestId;
  const batchItemFailures = [];
  for (const record of event.Records) {
    const start = performance.now();
    try {
      const body = JSON.parse(record.body);
      const parsed = Order.safeParse(body);
      if (!parsed.success) throw new Error('invalid order');
      // The example handler's own line.
      log('info', 'order received', requestId, {
        eventId: record.messageId,
        orderId: parsed.data.orderId,
        amount: parsed.data.amount,
        attempt: Number(record.attributes.ApproximateReceiveCount),
      });
      if (parsed.data.orderId.startsWith('reject-')) throw new Error(`order ${parsed.data.orderId} refused`);
      log('info', 'invocation', requestId, {
        eventId: record.messageId,
        attempt: Number(record.attributes.ApproximateReceiveCount),
        status: 'ok',
        durationMs: performance.now() - start,
      });
    } catch (error) {
      log('error', 'invocation failed', requestId, {
        eventId: record.messageId,
        attempt: Number(record.attributes.ApproximateReceiveCount),
        status: 'failed',
        durationMs: performance.now() - start,
        error: { name: error.name, message: error.message, stack: error.stack },
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
