import { clientError } from '../internal/client-error';
import { isPolluting } from './body';

let utf8: InstanceType<typeof TextDecoder> | undefined;

/**
 * A message's body as DESIGN.md defines it: JSON-parsed when the whole text is JSON, else the
 * text. Bytes that are not UTF-8 (a binary Pub/Sub or Kinesis payload) stay a `Uint8Array`:
 * turning them into a string would lose them. JSON that spells `__proto__` or
 * `constructor.prototype` throws (400), so the record fails rather than reach the handler.
 * @example parseMessageBody(record.body) // '{"orderId":1}' → { orderId: 1 }; 'hello' → 'hello'
 */
export function parseMessageBody(data: string | Uint8Array): unknown {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    try {
      text = utf8.decode(data);
    } catch {
      return data;
    }
  }
  return looksLikeJson(text) ? parseJsonOrText(text) : text;
}

/** Cheap first-character test so that plain text never pays for a failed `JSON.parse`. */
function looksLikeJson(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  // { [ " - 0-9 t f n
  return (
    first === 123 ||
    first === 91 ||
    first === 34 ||
    first === 45 ||
    (first >= 48 && first <= 57) ||
    first === 116 ||
    first === 102 ||
    first === 110
  );
}

function parseJsonOrText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (isPolluting(text, value)) throw clientError(400, 'Message body contains a forbidden key');
  return value;
}
