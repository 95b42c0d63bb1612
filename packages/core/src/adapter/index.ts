/**
 * `@omnifn/core/adapter`: the only API adapter packages use. Adapters import from here and
 * from `@omnifn/core`, never from one another or from a cloud SDK at runtime.
 */

export { toError } from '../errors/to-error';
export { levelFromEnv } from '../logger';
export { DEFAULT_BODY_LIMIT, decodeBase64, decodeBody, decodeUtf8, parseBody, parseJson } from './body';
export { parseCookies } from './cookies';
export { createHeaders, isSafeHeader, isSafeValue } from './headers';
export { createHttpEvent, type HttpEventInit, type HttpLimits } from './http-event';
export { type HttpResponse, toHttpResponse } from './http-response';
export { parseMessageBody } from './message-body';
export { decodePath } from './path';
export { problemResponse } from './problem';
export { formatQuery, parseQuery, queryFromMaps } from './query';
export { DEFAULT_TIMEOUT_MARGIN_MS, type Invocation, type RunOptions, run } from './run';
export { describeInput, type OutcomeOf, pickSource, type Source, type SourceOptions } from './source';
export { statusText } from './status-text';
export { type TraceIds, traceFromHeaders } from './trace';
