import { registerGcp } from '@omnifn/gcp';
import { add } from './add';

/**
 * The Cloud Run functions / Cloud Functions entry point: registers `add` with the
 * functions-framework's `http()`, so `--target=add` (or `--entry-point=add`) serves it.
 */
export const addFunction = registerGcp(add);
