import { type EventKind, HttpError } from '@omnifn/core';
import {
  createHeaders,
  createHttpEvent,
  decodeUtf8,
  type HttpResponse,
  parseJson,
  parseQuery,
  problemResponse,
  run,
} from '@omnifn/core/adapter';
import type { DevRequest, Mode, ModeOptions } from './dev-request';
import { toLocalEvent } from './local-event';

/**
 * Runs handlers the way every adapter does, with `provider: 'local'`: a core http event built
 * by core's own helpers, so bad input gets the same 4xx here as on any cloud.
 */
export function createLocalMode(options: ModeOptions): Mode {
  return {
    respond: (request) => respondLocally(request, options),
    reject: (status, detail, requestId, rawPath) =>
      problemResponse(new HttpError(status, detail), requestId, rawPath),
  };
}

async function respondLocally(request: DevRequest, options: ModeOptions): Promise<HttpResponse> {
  const { handler } = request.route;
  const { req, requestId } = request;
  if (handler.kind !== 'http') return respondToEvent(request, handler.kind, options);
  const response = await run(
    handler,
    {
      provider: 'local',
      trigger: 'local:http',
      requestId,
      deadline: Date.now() + options.timeoutMs,
      native: req,
      toEvent: () => {
        const headers = createHeaders(null, req.headersDistinct);
        return createHttpEvent(
          {
            provider: 'local',
            trigger: 'local:http',
            id: requestId,
            time: request.time,
            raw: req,
            method: req.method ?? 'GET',
            rawPath: request.rawPath,
            rawQuery: request.rawQuery,
            query: parseQuery(request.rawQuery),
            headers,
            params: request.route.proxy === undefined ? undefined : { proxy: request.route.proxy },
            // Each Cookie header on its own: joined with `, ` like other headers, the last
            // cookie of one header would swallow the first of the next.
            cookies: req.headersDistinct.cookie,
            body: request.body,
            ip: req.socket.remoteAddress,
            origin: `http://${headers.host ?? 'localhost'}`,
          },
          { bodyLimit: options.bodyLimit },
        );
      },
    },
    { timeoutStatus: 504 },
  );
  // `run` always answers an http handler; the guard keeps the types honest.
  if (response === undefined) throw new Error('omnifn: no response from an http handler');
  return response;
}

/**
 * A message, storage or schedule handler runs once per POST whose JSON body holds the event's
 * fields: 204 when it finished, the problem (4xx for bad fields, else 500) when it threw.
 */
async function respondToEvent(
  request: DevRequest,
  kind: Exclude<EventKind, 'http'>,
  options: ModeOptions,
): Promise<HttpResponse> {
  const { req, requestId, route } = request;
  if (req.method !== 'POST') {
    const error = new HttpError(405, `POST the ${kind} event's fields as JSON`, {
      headers: { allow: 'POST' },
    });
    return problemResponse(error, requestId, request.rawPath);
  }
  try {
    await run(route.handler, {
      provider: 'local',
      trigger: `local:${kind}`,
      requestId,
      deadline: Date.now() + options.timeoutMs,
      native: req,
      toEvent: () => {
        const fields = request.body.length === 0 ? {} : parseJson(decodeUtf8(request.body));
        return toLocalEvent(kind, route.handler.name, fields, requestId);
      },
    });
    return { status: 204, headers: {}, cookies: [], body: undefined };
  } catch (error) {
    return problemResponse(error, requestId, request.rawPath);
  }
}
