import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './app.ts';

/** A multipart/form-data request through the app, as a browser sends it: text fields, then a file. */
export function postMultipart(
  by: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string; field?: string },
): Promise<LightMyRequestResponse> {
  const boundary = '----guanxi' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const headers: Record<string, string> = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'accept-language': by.locale,
  };
  if (by.cookie) headers.cookie = by.cookie;
  if (by.csrf) headers['x-csrf-token'] = by.csrf;
  if (by.bearer) headers.authorization = `Bearer ${by.bearer}`;
  return by.app.inject({ method: 'POST', url, headers, payload: Buffer.concat(parts) });
}
