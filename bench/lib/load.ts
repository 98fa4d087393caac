import autocannon from 'autocannon';

/** Requests/s that autocannon reaches against `url`, cycling through `paths` when given. */
export function requestsPerSecond(
  url: string,
  o: { headers?: Record<string, string>; paths?: string[]; connections: number; seconds: number },
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let n = 0;
    const paths = o.paths;
    autocannon(
      {
        url,
        headers: o.headers ?? {},
        connections: o.connections,
        duration: o.seconds,
        ...(paths
          ? {
              requests: [
                { setupRequest: (req: object) => ({ ...req, path: paths[n++ % paths.length] }) },
              ],
            }
          : {}),
      },
      (err: unknown, r: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        if (r.non2xx || r.errors)
          return reject(new Error(`${r.non2xx} non-2xx, ${r.errors} errors`));
        resolve(r.requests.average);
      },
    );
  });
}
