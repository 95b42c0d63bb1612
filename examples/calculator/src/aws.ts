import { toAws } from '@omnifn/aws';
import { add } from './add';

/** The Lambda entry point: `Handler: aws.handler`. */
export const handler = toAws(add);
