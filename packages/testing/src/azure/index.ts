import { http } from './http';
import { blob, eventGrid, eventGridBlob, serviceBus, storageQueue, timer } from './triggers';

/** Azure Functions v4 invocations, shaped as the worker hands them to a handler. */
export const azure = { http, blob, eventGrid, eventGridBlob, storageQueue, serviceBus, timer } as const;
