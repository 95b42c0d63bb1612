import { aws } from './aws/index';
import { azure } from './azure/index';
import { gcp } from './gcp/index';

/**
 * Event builders for every supported source of every cloud.
 * @example invoke(add, events.aws.httpApiV2({ method: 'POST', path: '/add', body: { num1: 2, num2: 3 } }))
 */
export const events = { aws, gcp, azure } as const;
