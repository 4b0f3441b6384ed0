/** HTTP status of an Azure SDK error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A conditional write lost a race: the entity changed (412) or appeared (409) since it was read. */
export function isConflict(err: unknown): boolean {
  const status = statusOf(err);
  return status === 412 || status === 409;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/**
 * Whether an error came from the storage service or the way to it (an Azure SDK RestError:
 * refused connection, timeout, 5xx...), as opposed to a bug in the caller.
 */
export function isStorageError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'RestError' || name === 'TableTransactionError' || name === 'AbortError';
}
