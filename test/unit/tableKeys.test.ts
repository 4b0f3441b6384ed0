import { decodeKey, encodeKey, odataString } from '../../src/storage/tableKeys';

test('table keys never contain / \\ # ? or control characters, and decode exactly', () => {
  for (const raw of ['a/b\\c#d?e', '100%', 'tab\there', 'é€漢', 'plain-id-123', '%2F']) {
    const key = encodeKey(raw);
    // eslint-disable-next-line no-control-regex -- checking that no control character remains
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
    expect(decodeKey(key)).toBe(raw);
  }
});

test('OData string literals escape quotes', () => {
  expect(odataString("O'Brien")).toBe("'O''Brien'");
});
