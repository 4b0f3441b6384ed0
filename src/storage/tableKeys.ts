/**
 * Azure Table keys may not contain / \ # ? or control characters. Percent-encode those (and %
 * itself, so decoding is exact); everything else, including accents, stays readable.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const FORBIDDEN = /[/\\#?%\u0000-\u001f\u007f-\u009f]/g;

export function encodeKey(value: string): string {
  return value.replace(FORBIDDEN, (ch) => '%' + ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase());
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Escapes a value for an OData filter string literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Every entity of one partition. */
export async function* listPartition<T extends object>(
  table: import('@azure/data-tables').TableClient,
  partitionKey: string,
): AsyncIterable<T & { partitionKey: string; rowKey: string }> {
  const entities = table.listEntities<T>({ queryOptions: { filter: `PartitionKey eq ${odataString(partitionKey)}` } });
  for await (const entity of entities) yield entity as T & { partitionKey: string; rowKey: string };
}
