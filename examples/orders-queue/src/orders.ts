// examples/orders-queue/src/orders.ts — a portable message handler: it never mentions a cloud.
import { defineHandler } from '@omnifn/core';
import { z } from 'zod';

export const orders = defineHandler({
  name: 'orders',
  kind: 'message',
  validate: { body: z.object({ orderId: z.string().min(1), amount: z.number().positive() }) },
  async handle(event, ctx) {
    // event.body is typed { orderId: string; amount: number }. A message that fails the schema
    // never gets here: it fails alone and goes back to the queue (then to its DLQ).
    ctx.log.info('order received', {
      orderId: event.body.orderId,
      amount: event.body.amount,
      attempt: event.attempt,
    });
    if (event.body.orderId.startsWith('reject-')) throw new Error(`order ${event.body.orderId} refused`);
  },
});
