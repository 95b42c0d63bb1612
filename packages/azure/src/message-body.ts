import { parseMessageBody } from '@omnifn/core/adapter';

/**
 * A message body as the Node v4 library hands it over (it already JSON-parses string payloads
 * that are JSON, and gives binary payloads as a Buffer) in DESIGN's form. Parsed values go once
 * more through core's parser, so a `__proto__` key fails the message as it would on any cloud.
 */
export function toMessageBody(input: unknown): unknown {
  if (input instanceof Uint8Array) return parseMessageBody(input);
  if (typeof input === 'object' && input !== null) {
    parseMessageBody(JSON.stringify(input));
    return input;
  }
  return input;
}
