import { cloudEvent } from './cloud-event';
import { gcpRequest } from './gcp-request';
import { http } from './http';
import { pubsub, pubsubPush } from './pubsub';
import { scheduler } from './scheduler';
import { storage } from './storage';

/** Requests as Google delivers them to a functions-framework function. */
export const gcp = { http, request: gcpRequest, pubsub, pubsubPush, storage, scheduler, cloudEvent } as const;
