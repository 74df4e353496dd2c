// No lib.dom and no @types/node: there is no AbortSignal type, and fetch does not exist.
// Calls that look like they take a signal must not make any rule throw.
interface LocalSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

declare function request(url: string, options?: { signal?: LocalSignal }): Promise<string>;
declare function wait(ms: number, options?: { signal?: LocalSignal }): Promise<void>;

export async function noGlobalSignal(signal: LocalSignal, urls: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const url of urls) {
    await wait(10);
    out.push(await request(url));
    out.push(await request(url, { signal }));
  }
  try {
    await request('/x');
  } catch {
    return [];
  }
  return out;
}

export async function usesMissingGlobals(): Promise<void> {
  const controller = new AbortController();
  await fetch('/y', { signal: controller.signal });
  await fetch('/z', { signal: AbortSignal.timeout(10) });
}
