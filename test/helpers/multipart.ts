/** A multipart/form-data upload of one file (field `file`), for app.inject. */
export function fileUpload(
  fileName: string,
  data: Buffer,
  mime = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----dsd-test-boundary-7d1f3a';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
