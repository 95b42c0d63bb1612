import { defineHandler, HttpError } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { registerOnHost } from './test-support/host';

const hello = defineHandler({
  name: 'hello',
  kind: 'http',
  handle: (event) => ({ status: 201, body: { path: event.path, q: event.query } }),
});

describe('registerAzure through the library and the stand-in host', () => {
  it('registers app.http under handler.name, without the trigger key, and answers over RPC', async () => {
    const fn = registerOnHost(hello, {
      trigger: 'http',
      methods: ['POST'],
      route: 'hello/{id}',
      authLevel: 'anonymous',
    });
    expect(fn.metadata.name).toBe('hello');
    const binding = fn.metadata.bindings[fn.triggerName];
    expect(binding).toMatchObject({
      type: 'httpTrigger',
      methods: ['POST'],
      route: 'hello/{id}',
      authLevel: 'anonymous',
    });
    expect(binding).not.toHaveProperty('trigger');
    const out = await fn.invoke({
      data: {
        http: {
          method: 'POST',
          url: 'https://app.azurewebsites.net/api/hello/7?a=1&a=2',
          headers: { 'content-type': 'application/json' },
          body: { string: '{}' },
          params: { id: '7' },
          query: { a: '1,2' },
        },
      },
    });
    expect(out.error).toBeUndefined();
    const http = (out.response?.returnValue as { http: Record<string, unknown> }).http;
    expect(http.statusCode).toBe('201');
    expect(JSON.parse(Buffer.from((http.body as { bytes: Uint8Array }).bytes).toString())).toEqual({
      path: '/api/hello/7',
      q: { a: ['1', '2'] },
    });
  });
});
void HttpError;
