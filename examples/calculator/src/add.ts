import { defineHandler } from '@omnifn/core';
import { z } from 'zod';

/** The seeds' calculator: POST `{ num1, num2 }` → `{ result }`. Written once, run on every cloud. */
export const add = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: z.object({ num1: z.number(), num2: z.number() }) },
  async handle(event, ctx) {
    ctx.log.info('adding', { num1: event.body.num1, num2: event.body.num2 });
    return { status: 200, body: { result: event.body.num1 + event.body.num2 } };
  },
});
