import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { decodeBase64 } from './body';
import { parseMessageBody } from './message-body';

describe('parseMessageBody', () => {
  it.each([
    ['{"orderId":1}', { orderId: 1 }],
    [' [1,2]', [1, 2]],
    ['"quoted"', 'quoted'],
    ['42', 42],
    ['-1.5', -1.5],
    ['true', true],
    ['null', null],
  ])('parses the JSON text %j', (text, value) => {
    expect(parseMessageBody(text)).toEqual(value);
  });

  it.each(['hello', '{not json', 'nothing', 'trueish', '', '12 apples'])(
    'keeps the text %j as a string',
    (text) => {
      expect(parseMessageBody(text)).toBe(text);
    },
  );

  it('decodes UTF-8 bytes, then parses them', () => {
    expect(parseMessageBody(Buffer.from('{"a":"é"}'))).toEqual({ a: 'é' });
    expect(parseMessageBody(Buffer.from('plain'))).toBe('plain');
  });

  it('keeps bytes that are not UTF-8 as bytes, unchanged', () => {
    const bytes = new Uint8Array([0x01, 0x02, 0xff, 0xfe]);
    expect(parseMessageBody(bytes)).toBe(bytes);
  });

  it('39: refuses JSON with __proto__ or constructor.prototype, and pollutes nothing', () => {
    for (const text of [
      '{"__proto__":{"x":1}}',
      '{"a":{"constructor":{"prototype":{"x":1}}}}',
      '{"\\u005f\\u005fproto\\u005f\\u005f":{}}',
    ]) {
      expect(() => parseMessageBody(text)).toThrow(HttpError);
    }
    expect(({} as { x?: unknown }).x).toBeUndefined();
    expect(parseMessageBody('{"constructor":"x"}')).toEqual({ constructor: 'x' });
  });
});

describe('decodeBase64', () => {
  it('decodes strict base64 into bytes of their own', () => {
    const bytes = decodeBase64('AQIDBA==');
    expect([...bytes]).toEqual([1, 2, 3, 4]);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(4);
  });

  it.each(['%%%', 'AQIDBA=', 'AQID BA==', 'AQIDBA==\n'])(
    '42: refuses %j with a 400 naming what was not base64',
    (text) => {
      expect(() => decodeBase64(text, 'Kinesis record data')).toThrow(
        'Kinesis record data is not valid base64',
      );
    },
  );
});
