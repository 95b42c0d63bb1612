// The orders-queue example as shipped: `toAws(orders, { reportBatchItemFailures: true })`.
export { handler } from '../../examples/orders-queue/src/aws.ts';
