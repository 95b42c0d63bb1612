// The calculator on middy 6: http-json-body-parser, a `before` middleware that zod-validates
// the body and throws a 400 the way @middy/validator does, and http-error-handler, whose
// logger writes one JSON line per failed invocation.
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { createError } from '@middy/util';
import { z } from 'zod';

const Body = z.object({ num1: z.number(), num2: z.number() });

function log(level, message, requestId, fields) {
  process.stdout.write(
    `${JSON.stringify({ level, message, time: new Date().toISOString(), requestId, function: 'add', ...fields })}\n`,
  );
}

const zodBody = (schema) => ({
  before(request) {
    const parsed = schema.safeParse(request.event.body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: ['body', ...i.path].join('.'),
        message: i.message,
      }));
      throw createError(
        400,
        JSON.stringify({ title: 'Bad Request', status: 400, detail: 'Invalid request', errors }),
        {
          cause: { package: 'zod', data: errors },
        },
      );
    }
    request.event.body = parsed.data;
  },
});

const errorLogger = (error) => {
  const status = error.statusCode ?? 500;
  log(status < 500 ? 'warn' : 'error', 'invocation failed', undefined, {
    status,
    error: { name: error.name, message: error.message, stack: status < 500 ? undefined : error.stack },
  });
};

function lambda(handle) {
  return middy(handle)
    .use(httpJsonBodyParser())
    .use(zodBody(Body))
    .use(
      httpErrorHandler({
        logger: errorLogger,
        fallbackMessage: JSON.stringify({ title: 'Internal Server Error', status: 500 }),
      }),
    );
}

export const handler = lambda(async (event, context) => {
  log('info', 'adding', context.awsRequestId, { num1: event.body.num1, num2: event.body.num2 });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ result: event.body.num1 + event.body.num2 }),
  };
});

export const throwing = lambda(async () => {
  throw new Error('boom');
});
