import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OmniEvent } from '@omnifn/core';
import { events, type GcpHttpRequest, invoke } from '@omnifn/testing';
import { describe, expect } from 'vitest';
import { FIXTURES_DIR, hasFixtures, itFixture } from '../../../test/support/fixtures';
import { quiet, recorder } from './test-support';

/**
 * Every file in ../shared/fixtures/gcp (payloads published by Google's own teams), POSTed to
 * the real functions-framework server the way Google delivers it, and the functions-framework
 * conformance pairs in ../shared/fixtures/conformance replayed the way the conformance client
 * sends them: legacy inputs raw as application/json, CloudEvent inputs in binary mode.
 */
type Json = Record<string, unknown>;
type Kind = 'message' | 'storage' | 'schedule';

const binary = (attributes: Json, data: unknown, contentType = 'application/json'): GcpHttpRequest => {
  const headers: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'data' && name !== 'datacontenttype') headers[`ce-${name}`] = String(value);
  }
  return events.gcp.request({ method: 'POST', path: '/', headers, body: JSON.stringify(data) });
};
const raw = (body: unknown, headers: Json = {}, path = '/'): GcpHttpRequest =>
  events.gcp.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) },
    body: JSON.stringify(body),
  });

async function deliver(
  kind: Kind,
  request: GcpHttpRequest,
): Promise<{ status: number; event: OmniEvent | undefined }> {
  const { handler, seen } = recorder(kind);
  const res = await invoke(handler, request, { gcp: quiet });
  return { status: res.status, event: seen[0] };
}

const pubsubCe = { specversion: '1.0', type: 'google.cloud.pubsub.topic.v1.messagePublished' };

describe('every GCP fixture through the real functions-framework', () => {
  itFixture<Json>(['gcp/cloudevent-pubsub-messagePublished.binary-body.json'], async (data) => {
    const request = binary(
      { ...pubsubCe, id: 'ce-1', source: '//pubsub.googleapis.com/projects/test-project/topics/my-topic' },
      data,
    );
    const { status, event } = await deliver('message', request);
    expect(status).toBe(204);
    expect(event).toMatchObject({
      trigger: 'gcp:pubsub',
      id: 'message-id',
      messageId: 'message-id',
      body: 'test message 3',
      attributes: { attr1: 'attr1-value' },
      groupId: 'ordering-key',
      channel: 'my-topic',
      publishedAt: new Date('2021-02-05T04:06:14.109Z'),
    });
  });

  itFixture<Json>(
    [
      'gcp/cloudevent-pubsub-messagePublished.binary-body.binary-data.json',
      'gcp/cloudevent-pubsub-messagePublished.data.duplicated-fields.json',
    ],
    async (data) => {
      const request = binary(
        { ...pubsubCe, id: 'ce-2', source: '//pubsub.googleapis.com/projects/p/topics/t' },
        data,
      );
      const { status, event } = await deliver('message', request);
      expect(status).toBe(204);
      // AQIDBA== is 01 02 03 04: valid UTF-8 (control characters) and not JSON, so a string.
      expect(event).toMatchObject({
        messageId: 'message-id',
        body: '\u0001\u0002\u0003\u0004',
        channel: 't',
      });
    },
  );

  itFixture<Json>(['gcp/cloudevent-pubsub-messagePublished.structured.json'], async (fixture) => {
    const { status, event } = await deliver(
      'message',
      raw(fixture, { 'content-type': 'application/cloudevents+json' }),
    );
    expect(status).toBe(204);
    expect(event).toMatchObject({
      messageId: 'message-id',
      body: 'test message 3',
      channel: 'my-topic',
      groupId: 'ordering-key',
    });
  });

  itFixture<Json>(['gcp/cloudevent-scheduler-job-executed.binary-body.json'], async (data) => {
    const request = binary(
      {
        specversion: '1.0',
        type: 'google.cloud.scheduler.job.v1.executed',
        id: 'job-run-1',
        source: '//cloudscheduler.googleapis.com/projects/p/locations/us-central1/jobs/nightly',
        time: '2024-05-01T03:00:00Z',
      },
      data,
    );
    const { status, event } = await deliver('schedule', request);
    expect(status).toBe(204);
    expect(event).toMatchObject({
      trigger: 'gcp:scheduler',
      name: 'nightly',
      scheduledTime: new Date('2024-05-01T03:00:00Z'),
    });
  });

  itFixture<Json>(
    [
      'gcp/cloudevent-storage-finalized.binary-body.simple.json',
      'gcp/cloudevent-storage-finalized.binary-body.complex.json',
    ],
    async (data) => {
      const request = binary(
        {
          specversion: '1.0',
          type: 'google.cloud.storage.object.v1.finalized',
          id: 'st-1',
          source: `//storage.googleapis.com/projects/_/buckets/${data.bucket}`,
          subject: `objects/${data.name}`,
        },
        data,
      );
      const { status, event } = await deliver('storage', request);
      expect(status).toBe(204);
      // int64 fields come as strings in one example and as numbers in the other: both normalize.
      expect(event).toMatchObject({
        trigger: 'gcp:storage',
        action: 'created',
        bucket: data.bucket,
        key: data.name,
        size: Number(data.size),
        version: String(data.generation),
        etag: data.etag,
        contentType: 'text/plain',
      });
    },
  );

  itFixture<Json>(['gcp/cloudevent-storage-finalized.structured.json'], async (fixture) => {
    const { status, event } = await deliver(
      'storage',
      raw(fixture, { 'content-type': 'application/cloudevents+json' }),
    );
    expect(status).toBe(204);
    const data = fixture.data as Json;
    expect(event).toMatchObject({
      id: '1234567',
      bucket: 'sample-bucket',
      key: 'MyFile',
      size: Number(data.size),
    });
  });

  itFixture<Array<{ name: string; headers: Json; body: Json; expectedCloudEvent: Json }>>(
    ['gcp/ff-nodejs.cloudevent-http-cases.json'],
    async (cases) => {
      for (const c of cases) {
        const { status, event } = await deliver('message', raw(c.body, c.headers));
        expect(status, c.name).toBe(204);
        expect(event?.raw, c.name).toMatchObject(c.expectedCloudEvent);
      }
    },
  );

  itFixture<Array<{ name: string; headers: Json; body: Json; expectedData: unknown; expectedContext: Json }>>(
    ['gcp/ff-nodejs.legacy-event-http-cases.json'],
    async (cases) => {
      for (const c of cases) {
        const { status, event } = await deliver('message', raw(c.body, c.headers));
        const eventType = String(c.expectedContext.eventType ?? c.expectedContext.type);
        if (eventType === 'testEventType') {
          // A legacy type with no CloudEvent form: refused (400), the handler never runs.
          expect(status, c.name).toBe(400);
          expect(event, c.name).toBeUndefined();
          continue;
        }
        expect(status, c.name).toBe(204);
        expect(event, c.name).toMatchObject({ trigger: 'gcp:cloudevent', body: c.expectedData });
      }
    },
  );

  itFixture<{ PUB_SUB_TOPIC: string; RAW_PUBSUB_BODY: Json }>(
    ['gcp/ff-nodejs.raw-pubsub-push-body.json'],
    async (f) => {
      const { status, event } = await deliver(
        'message',
        raw(f.RAW_PUBSUB_BODY, {}, `/${f.PUB_SUB_TOPIC}?pubsub_trigger=true`),
      );
      expect(status).toBe(204);
      // No publishTime in this body; the topic comes from the push endpoint's path.
      expect(event).toMatchObject({
        messageId: '1',
        body: { foo: 'bar' },
        attributes: { test: '123' },
        channel: 'BAR_TOPIC',
      });
    },
  );

  itFixture<Json>(['gcp/raw-pubsub-push.json', 'gcp/raw-pubsub-push.emulator.json'], async (body) => {
    const { status, event } = await deliver('message', raw(body));
    expect(status).toBe(204);
    const message = body.message as Json;
    expect(event).toMatchObject({
      trigger: 'gcp:pubsub',
      messageId: message.messageId,
      body: Buffer.from(String(message.data), 'base64').toString('utf8'),
      attributes: message.attributes,
      channel: String(body.subscription).split('/').pop(),
      groupId: message.orderingKey,
      publishedAt: message.publishTime ? new Date(String(message.publishTime)) : undefined,
    });
  });

  itFixture<Json>(
    [
      'gcp/legacy-pubsub-topic-publish.json',
      'gcp/legacy-pubsub-topic-publish.binary-data.json',
      'gcp/legacy-pubsub-topic-publish.microsecond-timestamp.json',
      'gcp/legacy-pubsub-providers-flat.json',
    ],
    async (body) => {
      const { status, event } = await deliver('message', raw(body));
      expect(status).toBe(204);
      const context = (body.context ?? body) as Json;
      const data = body.data as Json;
      const bytes = Buffer.from(String(data.data), 'base64');
      expect(event).toMatchObject({
        trigger: 'gcp:pubsub',
        // Legacy data has no messageId or publishTime: they come from the context.
        messageId: context.eventId,
        publishedAt: new Date(String(context.timestamp)),
        channel: 'gcf-test',
        attributes: data.attributes ?? {},
      });
      const got = event?.kind === 'message' ? event.body : undefined;
      expect(got instanceof Uint8Array ? Buffer.from(got) : Buffer.from(String(got))).toEqual(bytes);
    },
  );

  itFixture<Json>(['gcp/legacy-storage-finalize.json'], async (body) => {
    const { status, event } = await deliver('storage', raw(body));
    expect(status).toBe(204);
    expect(event).toMatchObject({
      id: '1147091835525187',
      action: 'created',
      bucket: 'some-bucket',
      key: 'folder/Test.cs',
      size: 352,
    });
  });

  itFixture<Json>(['gcp/legacy-storage-object-change-not-exists.json'], async (body) => {
    const { status, event } = await deliver('storage', raw(body));
    expect(status).toBe(204);
    // resourceState "not_exists" is a delete; the `#<generation>` suffix is not part of the name.
    expect(event).toMatchObject({
      action: 'deleted',
      bucket: 'sample-bucket',
      key: 'MyFile',
      version: '1588778055917163',
    });
  });
});

const conformanceCases = hasFixtures
  ? [
      ...new Set(
        readdirSync(join(FIXTURES_DIR, 'conformance'))
          .filter((name) => name.endsWith('-input.json'))
          .map((name) => name.replace(/-(legacy|cloudevent)-input\.json$/, '')),
      ),
    ].sort()
  : ['(none)'];

/** The normalized event's view of a CloudEvent output: what every kind keeps of it. */
function expectMatches(event: OmniEvent | undefined, expected: Json): void {
  expect(event?.id === expected.id || event?.kind === 'message').toBe(true);
  const cloudEvent = event?.raw as Json;
  for (const key of ['id', 'source', 'type', 'subject', 'datacontenttype'] as const) {
    expect(cloudEvent[key], key).toEqual(expected[key] ?? undefined);
  }
  expect(new Date(String(cloudEvent.time)).getTime()).toBe(new Date(String(expected.time)).getTime());
  const data = expected.data as Json;
  if (event?.kind === 'message' && event.trigger === 'gcp:pubsub') {
    const message = data.message as Json;
    expect(event.messageId).toBe(message.messageId);
    expect(event.publishedAt).toEqual(new Date(String(message.publishTime)));
    expect(event.attributes).toEqual(message.attributes ?? {});
    const bytes = Buffer.from(String(message.data), 'base64');
    expect(
      event.body instanceof Uint8Array ? Buffer.from(event.body) : Buffer.from(String(event.body)),
    ).toEqual(bytes);
  } else if (event?.kind === 'storage') {
    expect(event).toMatchObject({
      bucket: data.bucket,
      key: data.name,
      version: data.generation,
      size: Number(data.size),
    });
  } else if (event?.kind === 'message') {
    expect(event.body).toEqual(data);
    expect(event.channel).toBe(expected.source);
  }
}

describe('functions-framework conformance pairs', () => {
  for (const name of conformanceCases) {
    const kind: Kind = name === 'storage' ? 'storage' : 'message';
    itFixture<Json>([`conformance/${name}-legacy-input.json`], async (input) => {
      const { status, event } = await deliver(kind, raw(input));
      expect(status).toBe(204);
      expectMatches(
        event,
        (await import('../../../test/support/fixtures')).loadFixture(
          `conformance/${name}-cloudevent-output.json`,
        ),
      );
    });
    itFixture<Json>([`conformance/${name}-cloudevent-input.json`], async (input) => {
      const { status, event } = await deliver(
        kind,
        binary(input, input.data, String(input.datacontenttype ?? 'application/json')),
      );
      expect(status).toBe(204);
      expectMatches(
        event,
        (await import('../../../test/support/fixtures')).loadFixture(
          `conformance/${name}-cloudevent-output.json`,
        ),
      );
    });
  }
});
