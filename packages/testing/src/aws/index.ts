import { alb, functionUrl, httpApiV1, httpApiV2, restApi } from './http';

/** Native AWS Lambda events, shaped as each source sends them. */
export const aws = { httpApiV2, httpApiV1, restApi, functionUrl, alb } as const;
