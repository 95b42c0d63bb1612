// A hand-written Lambda handler doing the calculator's work and nothing more: JSON.parse the
// body, zod-validate it, write one JSON log line, answer JSON. Errors are JSON too, and each
// failed invocation writes one log line, as middy's http-error-handler and omnifn do.
import { z } from 'zod';

const Body = z.object({ num1: z.number(), num2: z.number() });

function log(level, message, requestId, fields) {
  process.stdout.write(
    `${JSON.stringify({ level, message, time: new Date().toISOString(), requestId, function: 'add', ...fields })}\n`,
  );
}

function json(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function lambda(handle) {
  return async (event, context) => {
    const requestId = context.awsRequestId;
    try {
      let body;
      try {
        body = JSON.parse(event.body ?? '');
      } catch {
        log('warn', 'malformed JSON body', requestId);
        return json(400, { title: 'Bad Request', status: 400, detail: 'Malformed JSON', requestId });
      }
      const parsed = Body.safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({
          path: ['body', ...i.path].join('.'),
          message: i.message,
        }));
        log('warn', 'invalid request body', requestId, { status: 400 });
        return json(400, { title: 'Bad Request', status: 400, detail: 'Invalid request', requestId, errors });
      }
      return await handle(parsed.data, requestId);
    } catch (error) {
      log('error', 'invocation failed', requestId, {
        status: 500,
        error: { name: error.name, message: error.message, stack: error.stack },
      });
      return json(500, { title: 'Internal Server Error', status: 500, requestId });
    }
  };
}

export const handler = lambda(async (body, requestId) => {
  log('info', 'adding', requestId, { num1: body.num1, num2: body.num2 });
  return json(200, { result: body.num1 + body.num2 });
});

export const throwing = lambda(async () => {
  throw new Error('boom');
});
