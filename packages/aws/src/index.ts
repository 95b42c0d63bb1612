export type { LambdaContext } from './lambda-context';
export type { AlbEvent, AlbResult } from './sources/alb';
export type { ApiGatewayV1Event, ApiGatewayV1Result } from './sources/api-gateway-v1';
export type { ApiGatewayV2Event, ApiGatewayV2Result } from './sources/api-gateway-v2';
export { type AwsHttpResult, type AwsOptions, type AwsResultOf, type LambdaHandler, toAws } from './to-aws';
