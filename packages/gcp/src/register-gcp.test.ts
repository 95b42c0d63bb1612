import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import { defineHandler } from '@omnifn/core';
import { expect, it } from 'vitest';
import { registerGcp } from './register-gcp';

it('registerGcp registers the http function with the framework under handler.name', async () => {
  const handler = defineHandler({
    name: 'registeredHello',
    kind: 'http',
    handle: () => ({ body: { ok: true } }),
  });
  const fn = registerGcp(handler, { sink: () => {} });
  expect(getFunction('registeredHello')).toBe(fn);
  const server = getTestServer('registeredHello');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
