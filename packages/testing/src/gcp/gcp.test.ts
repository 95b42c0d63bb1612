import { defineHandler } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { cloudOf } from '../cloud-tag';
import { events } from '../events';
import { invoke } from '../invoke';

describe('events.gcp builders', () => {
  it('tag every request as GCP, so invoke runs it through toGcp in the real framework', async () => {
    const echo = defineHandler({
      name: 'e',
      kind: 'http',
      handle: (event) => ({ body: { path: event.path, q: event.query } }),
    });
    const request = events.gcp.http({ method: 'GET', path: '/a?x=1', query: { y: ['2', '3'] } });
    expect(cloudOf(request)).toBe('gcp');
    const res = await invoke(echo, request, { gcp: { sink: () => {} } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ path: '/a', q: { x: '1', y: ['2', '3'] } });
  });

  it('pubsub: a binary-mode messagePublished CloudEvent whose data is the push body, data base64', () => {
    const request = events.gcp.pubsub({
      data: { a: 1 },
      messageId: 'm',
      topic: 'projects/p/topics/t',
      orderingKey: 'k',
    });
    expect(request.headers).toMatchObject({
      'ce-type': 'google.cloud.pubsub.topic.v1.messagePublished',
      'ce-source': '//pubsub.googleapis.com/projects/p/topics/t',
      'ce-id': 'm',
      'content-type': 'application/json',
    });
    const body = JSON.parse(String(request.body));
    expect(body.message).toMatchObject({ messageId: 'm', message_id: 'm', orderingKey: 'k' });
    expect(Buffer.from(body.message.data, 'base64').toString()).toBe('{"a":1}');
  });

  it('pubsub structured, pubsubPush, storage, scheduler and cloudEvent take the shapes Google sends', () => {
    const structured = JSON.parse(String(events.gcp.pubsub({ mode: 'structured' }).body));
    expect(structured).toMatchObject({
      specversion: '1.0',
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
    });
    const push = events.gcp.pubsubPush({ deliveryAttempt: 3 });
    expect(Object.keys(push.headers).some((name) => name.startsWith('ce-'))).toBe(false);
    expect(JSON.parse(String(push.body))).toMatchObject({
      deliveryAttempt: 3,
      subscription: expect.any(String),
    });
    const storage = events.gcp.storage({ bucket: 'b', name: 'n', size: 3, generation: 7 });
    expect(storage.headers).toMatchObject({
      'ce-subject': 'objects/n',
      'ce-source': '//storage.googleapis.com/projects/_/buckets/b',
    });
    // int64 fields as strings, as real payloads send them.
    expect(JSON.parse(String(storage.body))).toMatchObject({ size: '3', generation: '7' });
    expect(events.gcp.scheduler({ jobName: 'j' }).headers).toMatchObject({ 'x-cloudscheduler-jobname': 'j' });
    const bytes = events.gcp.cloudEvent({
      type: 't',
      source: 's',
      data: new Uint8Array([1]),
      mode: 'structured',
    });
    expect(JSON.parse(String(bytes.body))).toMatchObject({ data_base64: 'AQ==' });
  });
});
