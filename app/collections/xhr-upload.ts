/**
 * Posts a multipart form with XMLHttpRequest instead of fetch, because only XHR reports upload
 * progress. The API answers JSON: the result, or `{"error": {"code", "message"}}` with a 4xx/5xx.
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export function xhrUpload<T>(url: string, form: FormData, onUploadProgress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : event.loaded);
    xhr.onerror = () => reject(new UploadError('the server could not be reached: check that it is running', 0));
    xhr.onabort = () => reject(new UploadError('the upload was cancelled', 0));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body !== undefined) {
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(new UploadError(error?.message ?? `the server answered ${xhr.status}`, xhr.status, error?.code));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
