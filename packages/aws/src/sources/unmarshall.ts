/**
 * A DynamoDB `AttributeValue` as streams deliver it.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_AttributeValue.html
 */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] }
  | { readonly M: Readonly<Record<string, AttributeValue>> }
  | { readonly L: readonly AttributeValue[] }
  | { readonly NULL: boolean }
  | { readonly BOOL: boolean };

/** Plain JSON: numbers, strings, booleans, null, arrays and null-prototype objects. */
export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

/**
 * A DynamoDB image as plain JSON, as DESIGN.md wants it: `N` → number (kept as its string
 * when a double would change it), sets → arrays, `B`/`BS` stay base64 strings (JSON has no
 * bytes), `NULL` → null. An unknown type is an Error: the record fails rather than lose data.
 */
export function unmarshallImage(image: unknown): Record<string, PlainJson> {
  if (typeof image !== 'object' || image === null) throw new Error('DynamoDB image is not an object');
  const out: Record<string, PlainJson> = Object.create(null);
  for (const [name, value] of Object.entries(image)) out[name] = unmarshallValue(value);
  return out;
}

function unmarshallValue(value: unknown): PlainJson {
  if (typeof value !== 'object' || value === null)
    throw new Error('DynamoDB attribute value is not an object');
  const v = value as Record<string, unknown>;
  if (typeof v.S === 'string') return v.S;
  if (typeof v.N === 'string') return toNumber(v.N);
  if (typeof v.B === 'string') return v.B;
  if (typeof v.BOOL === 'boolean') return v.BOOL;
  if (v.NULL === true) return null;
  if (Array.isArray(v.SS)) return v.SS.map(String);
  if (Array.isArray(v.NS)) return v.NS.map((n) => toNumber(String(n)));
  if (Array.isArray(v.BS)) return v.BS.map(String);
  if (Array.isArray(v.L)) return v.L.map(unmarshallValue);
  if (typeof v.M === 'object' && v.M !== null) return unmarshallImage(v.M);
  throw new Error(`DynamoDB attribute value of unknown type ${Object.keys(v).join(', ') || '(none)'}`);
}

/** DynamoDB numbers have 38 digits of precision: kept as the string where a double would round them. */
function toNumber(text: string): number | string {
  const n = Number(text);
  const mantissa = (text.split(/[eE]/)[0] ?? '').replace(/[^0-9]/g, '').replace(/^0+/, '');
  return Number.isFinite(n) && mantissa.length <= 15 ? n : text;
}
