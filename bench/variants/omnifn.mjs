// The calculator as shipped: examples/calculator/src/aws.ts (`toAws(add)`), plus the same
// portable handler with a `handle` that throws, for the 500 case.
import { toAws } from '@omnifn/aws';
import { defineHandler } from '@omnifn/core';
import { add } from '../../examples/calculator/src/add.ts';

export { handler } from '../../examples/calculator/src/aws.ts';

export const throwing = toAws(
  defineHandler({
    ...add,
    handle() {
      throw new Error('boom');
    },
  }),
);
