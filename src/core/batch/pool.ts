/**
 * Runs `task` over `items`, at most `concurrency` at once, until `stopped()`: a batch
 * previews a few services at a time, and the API client's limiter bounds the requests.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  stopped: () => boolean,
  task: (item: T) => Promise<void>,
  onError: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped()) await task(items[next++] as T).catch(onError);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
