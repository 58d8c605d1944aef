/** A multipart/form-data body for inject(): one file part, then plain fields. */
export function multipartBody(
  file: { field: string; filename: string; type: string; body: Buffer | string },
  fields: Record<string, string> = {},
) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"${file.filename ? `; filename="${file.filename}"` : ''}\r\n${file.type ? `Content-Type: ${file.type}\r\n` : ''}\r\n`,
    ),
    Buffer.from(file.body),
    Buffer.from('\r\n'),
  ];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
