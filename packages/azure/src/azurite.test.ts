import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOnHost } from './test-support/host';
import { recorder } from './test-support/record';

/**
 * Real storage: azurite (blob and queue) on 127.0.0.1, started and stopped here. A blob and
 * queue messages are written for real, then the trigger is fed what the host gives for them
 * (the host itself cannot run here: REAL-PARTS.md §2.4).
 */
const ACCOUNT = 'devstoreaccount1';
// Azurite's public, documented development key.
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const bin = resolve(import.meta.dirname, '../../../node_modules/.bin');
const quiet = { sink: () => {} };

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function startAzurite(kind: 'blob' | 'queue', port: number, location: string): Promise<ChildProcess> {
  const child = spawn(
    join(bin, `azurite-${kind}`),
    [
      `--${kind}Host`,
      '127.0.0.1',
      `--${kind}Port`,
      String(port),
      '--location',
      location,
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: 'ignore' },
  );
  // Tracked before it is up, so that afterAll stops it even when it never starts.
  children.push(child);
  const until = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`azurite-${kind} exited with ${child.exitCode}`);
    if (Date.now() > until) throw new Error(`azurite-${kind} did not start on port ${port}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return child;
}

let blobs: BlobServiceClient;
let queues: QueueServiceClient;
const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'omnifn-azurite-'));

beforeAll(async () => {
  const [blobPort, queuePort] = [await freePort(), await freePort()];
  await Promise.all([
    startAzurite('blob', blobPort, join(dir, 'blob')),
    startAzurite('queue', queuePort, join(dir, 'queue')),
  ]);
  const connection = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${blobPort}/${ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT};`;
  blobs = BlobServiceClient.fromConnectionString(connection);
  queues = QueueServiceClient.fromConnectionString(connection);
}, 30_000);

afterAll(async () => {
  const stopped = children.map(
    (child) =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      }),
  );
  await Promise.all(stopped);
  rmSync(dir, { recursive: true, force: true });
});

describe('with azurite', () => {
  it('a blob uploaded for real reaches a storage handler with its container, path, size, etag and type', async () => {
    const container = blobs.getContainerClient('uploads');
    await container.create();
    const client = container.getBlockBlobClient('reports/2026/q1 summary.csv');
    const content = Buffer.from('a,b\n1,2\n');
    await client.upload(content, content.length, { blobHTTPHeaders: { blobContentType: 'text/csv' } });
    const props = await client.getProperties();
    const downloaded = await client.downloadToBuffer();

    const { handler, events } = recorder('azuriteBlob', 'storage');
    const fn = registerOnHost(
      handler,
      { trigger: 'storageBlob', path: 'uploads/{name}', connection: 'AzureWebJobsStorage' },
      quiet,
    );
    // What the host sends for it: the content as bytes, the blob's properties as metadata (PascalCase).
    const out = await fn.invoke({
      data: { bytes: downloaded },
      triggerMetadata: {
        BlobTrigger: { string: 'uploads/reports/2026/q1 summary.csv' },
        Uri: { json: JSON.stringify(client.url) },
        Properties: {
          json: JSON.stringify({
            Length: props.contentLength,
            ContentType: props.contentType,
            ETag: props.etag,
            LastModified: props.lastModified?.toISOString(),
          }),
        },
        Metadata: { json: '{}' },
        name: { string: 'reports/2026/q1 summary.csv' },
      },
    });
    expect(out.error).toBeUndefined();
    expect(events[0]).toMatchObject({
      bucket: 'uploads',
      key: 'reports/2026/q1 summary.csv',
      size: content.length,
      contentType: 'text/csv',
      etag: props.etag?.replace(/"/g, ''),
      time: props.lastModified,
    });
    expect(Buffer.from(events[0]?.raw as Uint8Array).equals(content)).toBe(true);
  });

  it('queue messages are deleted only after the handler finished; an undecodable one stays for the poison queue', async () => {
    const queue = queues.getQueueClient('orders');
    await queue.create();
    // The sender base64-encodes, the app decodes (host.json messageEncoding "none" + queueMessageEncoding base64).
    await queue.sendMessage(Buffer.from('{"order":7}').toString('base64'));
    await queue.sendMessage('not base64!');
    const { handler, events } = recorder('azuriteQueue', 'message');
    const fn = registerOnHost(
      handler,
      { trigger: 'storageQueue', queueName: 'orders', connection: 'AzureWebJobsStorage' },
      { ...quiet, queueMessageEncoding: 'base64' },
    );
    const received = await queue.receiveMessages({ numberOfMessages: 2, visibilityTimeout: 1 });
    expect(received.receivedMessageItems).toHaveLength(2);
    const outcomes: Array<boolean> = [];
    for (const message of received.receivedMessageItems) {
      const out = await fn.invoke({
        data: { string: message.messageText },
        triggerMetadata: {
          Id: { string: message.messageId },
          DequeueCount: { json: String(message.dequeueCount) },
          InsertionTime: { json: JSON.stringify(message.insertedOn.toISOString()) },
          PopReceipt: { string: message.popReceipt },
        },
      });
      // As the host does: delete on success only.
      if (out.error === undefined) await queue.deleteMessage(message.messageId, message.popReceipt);
      outcomes.push(out.error === undefined);
    }
    expect(outcomes).toEqual([true, false]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ body: { order: 7 }, attempt: 1, channel: 'orders' });
    expect((await queue.getProperties()).approximateMessagesCount).toBe(1);
    // Redelivered after the visibility timeout with a higher dequeue count, still failing.
    await new Promise((done) => setTimeout(done, 1_200));
    const again = await queue.receiveMessages({ numberOfMessages: 1 });
    expect(again.receivedMessageItems[0]).toMatchObject({ messageText: 'not base64!', dequeueCount: 2 });
  });
});
