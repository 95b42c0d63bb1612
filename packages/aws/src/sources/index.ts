import { alb } from './alb';
import { apiGatewayV1 } from './api-gateway-v1';
import { apiGatewayV2 } from './api-gateway-v2';
import { functionUrl } from './function-url';

/**
 * Every supported Lambda event source, most specific guard first: a Function URL event is
 * also a valid HTTP API 2.0 event, and ALB and REST events share `httpMethod`.
 * Adding a source is one file and one entry here.
 */
export const sources = [alb, functionUrl, apiGatewayV2, apiGatewayV1] as const;
