import { fileURLToPath } from 'node:url';
import { defineHandler, HttpError, type MessageEvent } from '@omnifn/core';

/** The repository root, so tests load the calculator example wherever vitest runs from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const calculatorEntry = 'examples/calculator/src/add.ts';

/** Answers with what it received, so tests can see the event each mode builds. */
export const echo = defineHandler({
  name: 'echo',
  kind: 'http',
  handle(event, ctx) {
    const raw = event.provider === 'aws' ? event.raw : undefined;
    return {
      status: 201,
      headers: { 'x-echo': 'yes' },
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      body: {
        provider: event.provider,
        trigger: event.trigger,
        functionName: ctx.functionName,
        method: event.method,
        path: event.path,
        url: event.url,
        query: event.query,
        params: event.params,
        cookies: event.cookies,
        custom: event.headers['x-custom'],
        cookieHeader: event.headers.cookie,
        body: event.body instanceof Uint8Array ? Buffer.from(event.body).toString('base64') : event.body,
        ip: event.ip,
        raw,
      },
    };
  },
});

/** Answers bytes that are not valid UTF-8, so a text round trip would corrupt them. */
export const binary = defineHandler({
  name: 'binary',
  kind: 'http',
  handle: () => ({
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array([0x89, 0x50, 0xff, 0x00]),
  }),
});

export const broken = defineHandler({
  name: 'broken',
  kind: 'http',
  handle(): never {
    throw new HttpError(500, 'secret detail');
  },
});

export const nightly = defineHandler({ name: 'nightly', kind: 'schedule', handle: () => {} });

/** Every message the `orders` handler received. */
export const received: MessageEvent[] = [];

/** A message handler that records each message and fails when the body asks it to. */
export const orders = defineHandler({
  name: 'orders',
  kind: 'message',
  handle(event) {
    received.push(event);
    if ((event.body as { fail?: boolean } | undefined)?.fail) throw new Error('order failed');
  },
});
