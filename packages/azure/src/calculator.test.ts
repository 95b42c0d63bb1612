import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type HostFunction, hostFunction, installHost } from './test-support/host';
import { httpReturn, rpcHttp } from './test-support/record';

/**
 * The calculator's Azure entry, registered on the stand-in host by importing it (as the worker
 * loads package.json `main`), then invoked through the library's InvocationModel.
 */
const bundle = new URL('../../../examples/calculator/dist/azure.mjs', import.meta.url);

async function check(fn: HostFunction) {
  expect(fn.metadata.bindings[fn.triggerName]).toMatchObject({
    type: 'httpTrigger',
    methods: ['POST'],
    route: 'add',
    authLevel: 'anonymous',
  });
  const send = async (body: string) =>
    httpReturn(
      (
        await fn.invoke({
          data: rpcHttp({
            url: 'https://calc.azurewebsites.net/api/add',
            headers: { 'content-type': 'application/json' },
            body,
          }),
        })
      ).response,
    );
  const ok = await send('{"num1":2,"num2":3}');
  expect([ok.status, ok.text]).toEqual([200, '{"result":5}']);
  const invalid = await send('{"num1":"two","num2":3}');
  expect(invalid.status).toBe(400);
  expect(JSON.parse(invalid.text)).toMatchObject({ errors: [{ path: 'body.num1' }] });
  expect((await send('{"num1":')).status).toBe(400);
}

describe('examples/calculator on Azure', () => {
  it('src/azure.ts registers POST /api/add and answers valid, invalid and malformed input', async () => {
    installHost();
    await import('../../../examples/calculator/src/azure');
    await check(hostFunction('add'));
  }, 30_000);

  it('the built dist/azure.mjs (package.json main) does the same', async (ctx) => {
    if (!existsSync(bundle)) {
      ctx.skip('examples/calculator/dist/azure.mjs is not built (npm test builds it first)');
      return;
    }
    installHost();
    await import(/* @vite-ignore */ pathToFileURL(bundle.pathname).href);
    await check(hostFunction('add'));
    // Loading the whole bundle (zod included) takes seconds on a busy machine.
  }, 30_000);
});
