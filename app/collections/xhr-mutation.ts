/**
 * Calls a tRPC mutation with XMLHttpRequest instead of fetch, because only XHR reports upload
 * progress. Speaks tRPC's HTTP wire format for one non-batched call: POST /api/trpc/<path> with
 * `{"json": input}` (superjson; plain JSON inputs need no meta) → `{"result":{"data":{"json":…}}}`.
 */
export class MutationError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

export function xhrMutation<T>(path: string, input: unknown, onUploadProgress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/trpc/${path}`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : event.loaded);
    xhr.onerror = () => reject(new MutationError('the server could not be reached: check that it is running', 0));
    xhr.onabort = () => reject(new MutationError('the upload was cancelled', 0));
    xhr.onload = () => {
      let body: { result?: { data?: { json?: T } }; error?: { json?: { message?: string; data?: { code?: string } } }; message?: string } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.result?.data) {
        resolve(body.result.data.json as T);
        return;
      }
      const message = body?.error?.json?.message ?? (body as { error?: { message?: string } } | undefined)?.error?.message ?? `the server answered ${xhr.status}`;
      reject(new MutationError(message, xhr.status, body?.error?.json?.data?.code));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(JSON.stringify({ json: input }));
  });
}
