import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type Invocation, run } from './adapter/index';
import type { Context } from './context';
import type { HeaderRecord, QueryRecord } from './event/http';
import type { ScheduleEvent } from './event/schedule';
import type { StorageObjectEvent } from './event/storage';
import { defineHandler, type Handler } from './handler';
import { defineMiddleware } from './middleware';
import type { HttpResult } from './result';

declare const invocation: Invocation;

describe('defineHandler inference', () => {
  it('types event.body from a zod schema with no generics written', () => {
    defineHandler({
      name: 'add',
      kind: 'http',
      validate: { body: z.object({ num1: z.number(), num2: z.number() }) },
      handle(event) {
        expectTypeOf(event.body).toEqualTypeOf<{ num1: number; num2: number }>();
        expectTypeOf(event.kind).toEqualTypeOf<'http'>();
        // @ts-expect-error -- `num3` is not in the schema, so reading it must not compile.
        event.body.num3;
        return { body: { result: event.body.num1 + event.body.num2 } };
      },
    });
  });

  it('types event.body from a valibot schema with no generics written', () => {
    defineHandler({
      name: 'add',
      kind: 'http',
      validate: { body: v.object({ num1: v.number(), num2: v.optional(v.string()) }) },
      handle(event) {
        expectTypeOf(event.body).toEqualTypeOf<{ num1: number; num2?: string | undefined }>();
        // @ts-expect-error -- `num3` is not in the schema, so reading it must not compile.
        event.body.num3;
        return {};
      },
    });
  });

  it('types event.body with the schema output, not its input (transforms)', () => {
    defineHandler({
      name: 'count',
      kind: 'http',
      validate: { body: z.string().transform((text) => text.length) },
      handle(event) {
        expectTypeOf(event.body).toEqualTypeOf<number>();
        return {};
      },
    });
  });

  it('leaves body unknown and query, params, headers as plain records without validate', () => {
    defineHandler({
      name: 'raw',
      kind: 'http',
      handle(event) {
        expectTypeOf(event.body).toBeUnknown();
        expectTypeOf(event.query).toEqualTypeOf<QueryRecord>();
        expectTypeOf(event.params).toEqualTypeOf<Readonly<Record<string, string>>>();
        expectTypeOf(event.headers).toEqualTypeOf<HeaderRecord>();
        expectTypeOf(event.rawBody).toEqualTypeOf<Uint8Array>();
        return {};
      },
    });
  });

  it('flows query, params and headers schemas into the event, leaving body unknown', () => {
    defineHandler({
      name: 'list',
      kind: 'http',
      validate: {
        query: z.object({ page: z.coerce.number() }),
        params: v.object({ id: v.string() }),
        headers: z.object({ 'x-tenant': z.string() }),
      },
      handle(event) {
        expectTypeOf(event.query).toEqualTypeOf<{ page: number }>();
        expectTypeOf(event.params).toEqualTypeOf<{ id: string }>();
        expectTypeOf(event.headers).toEqualTypeOf<{ 'x-tenant': string }>();
        expectTypeOf(event.body).toBeUnknown();
        // @ts-expect-error -- `size` is not in the query schema.
        event.query.size;
        return {};
      },
    });
  });

  it('flows message body and attributes schemas into the event', () => {
    defineHandler({
      name: 'consume',
      kind: 'message',
      validate: { body: z.object({ orderId: z.string() }), attributes: v.object({ source: v.string() }) },
      handle(event) {
        expectTypeOf(event.body).toEqualTypeOf<{ orderId: string }>();
        expectTypeOf(event.attributes).toEqualTypeOf<{ source: string }>();
        expectTypeOf(event.messageId).toBeString();
        expectTypeOf(event.attempt).toEqualTypeOf<number | undefined>();
      },
    });
    defineHandler({
      name: 'consume-raw',
      kind: 'message',
      handle(event) {
        expectTypeOf(event.body).toBeUnknown();
        expectTypeOf(event.attributes).toEqualTypeOf<Readonly<Record<string, string>>>();
      },
    });
  });

  it('gives storage and schedule handlers their own event types', () => {
    defineHandler({
      name: 'cleanup',
      kind: 'storage',
      handle(event) {
        expectTypeOf(event).toEqualTypeOf<StorageObjectEvent>();
      },
    });
    defineHandler({
      name: 'nightly',
      kind: 'schedule',
      handle(event, ctx) {
        expectTypeOf(event).toEqualTypeOf<ScheduleEvent>();
        expectTypeOf(ctx).toEqualTypeOf<Context>();
      },
    });
  });

  it('refuses validate fields that do not belong to the kind', () => {
    defineHandler({
      name: 'consume',
      kind: 'message',
      // @ts-expect-error -- `query` is an http field; a message handler validates body and attributes only.
      validate: { query: z.object({}) },
      handle() {},
    });
    defineHandler({
      name: 'typo',
      kind: 'http',
      // @ts-expect-error -- `bdy` is a typo: an http handler validates body, query, params and headers.
      validate: { bdy: z.object({}) },
      handle: () => ({}),
    });
    defineHandler({
      name: 'nightly',
      kind: 'schedule',
      // @ts-expect-error -- a schedule event has nothing to validate.
      validate: { body: z.object({}) },
      handle() {},
    });
  });
});

describe('handle results', () => {
  it('requires an http handle to return an HttpResult, sync or async', () => {
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: async () => ({ status: 201, body: 'x' }),
    });
    expectTypeOf(handler.handle).returns.toEqualTypeOf<HttpResult | Promise<HttpResult>>();
    defineHandler({
      name: 'h',
      kind: 'http',
      // @ts-expect-error -- a string is not an HttpResult; return `{ body: 'text' }`.
      handle: () => 'text',
    });
    defineHandler({
      name: 'h',
      kind: 'http',
      // @ts-expect-error -- `statusCode` is Lambda's field, not HttpResult's `status`.
      handle: () => ({ statusCode: 200 }),
    });
    defineHandler({
      name: 'h',
      kind: 'http',
      // @ts-expect-error -- cookies are a list of Set-Cookie values, not a record.
      handle: () => ({ cookies: { a: '1' } }),
    });
  });

  it('types a non-http handle as returning void', () => {
    const handler = defineHandler({ name: 'm', kind: 'message', handle: async () => {} });
    expectTypeOf(handler.handle).returns.toEqualTypeOf<void | Promise<void>>();
    const schedule = defineHandler({ name: 's', kind: 'schedule', handle: () => {} });
    expectTypeOf(schedule.handle).returns.toEqualTypeOf<void | Promise<void>>();
  });
});

describe('middleware in use', () => {
  it('types use middleware with the validated event and the kind’s result', () => {
    defineHandler({
      name: 'add',
      kind: 'http',
      validate: { body: z.object({ n: z.number() }) },
      use: [
        async (event, _ctx, next) => {
          expectTypeOf(event.body).toEqualTypeOf<{ n: number }>();
          const result = await next();
          expectTypeOf(result).toEqualTypeOf<HttpResult>();
          return result;
        },
        defineMiddleware('http', async (_event, _ctx, next) => next()),
        defineMiddleware(async (_event, _ctx, next) => next()),
      ],
      handle: () => ({}),
    });
  });
});

describe('run', () => {
  it('accepts any handler made by defineHandler, whatever its kind and schemas', () => {
    const http = defineHandler({
      name: 'add',
      kind: 'http',
      validate: { body: z.object({ n: z.number() }), query: v.object({ q: v.string() }) },
      handle: () => ({}),
    });
    const message = defineHandler({ name: 'm', kind: 'message', handle: () => {} });
    expectTypeOf(run(http, invocation)).resolves.toExtend<object | undefined>();
    expectTypeOf(run(message, invocation)).toBeObject();
    expectTypeOf(http).toExtend<Handler<'http', unknown>>();
  });
});
