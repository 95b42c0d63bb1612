export type { AlbInit } from './aws/http';
export { type LambdaContextInit, lambdaContext } from './aws/lambda-context';
export { type Cloud, cloudOf } from './cloud-tag';
export { events } from './events';
export type { HttpRequestInit } from './http-request-init';
export { type InvokeOptions, invoke } from './invoke';
