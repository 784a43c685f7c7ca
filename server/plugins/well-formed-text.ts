/**
 * Text that is not well-formed Unicode is refused with 400 wherever text enters: every JSON body, query string and
 * path parameter (a lone UTF-16 surrogate such as "x\ud800y" would otherwise be stored as replacement characters),
 * and every multipart text field and file name (bytes that are not UTF-8 arrive as U+FFFD there and in the URL, and
 * are refused the same way). One check for all routes, so no schema has to remember it.
 */
import fp from 'fastify-plugin';
import type { MultipartFile } from '@fastify/multipart';
import { HttpError } from '../http/errors.js';

const WHERE = { body: '请求内容', query: '查询参数', params: '路径参数', multipart: '上传表单' } as const;

/** The path of the first string (value or key) in `value` that is not well-formed, or undefined. */
function illFormedPath(value: unknown, path: string, isBad: (s: string) => boolean): string | undefined {
  if (typeof value === 'string') return isBad(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (isBad(key)) return childPath;
    const found = illFormedPath(child, childPath, isBad);
    if (found !== undefined) return found;
  }
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogate = (s: string) => LONE_SURROGATE.test(s);
/** Multipart text and percent-encoded URLs are decoded from UTF-8, which turns invalid bytes into U+FFFD. */
const undecodable = (s: string) => loneSurrogate(s) || s.includes('\uFFFD');

function refuse(where: keyof typeof WHERE, path: string): never {
  const what = path ? `${WHERE[where]}中的字段“${path}”` : WHERE[where];
  throw new HttpError(400, 'malformed_text', `${what}含有无效字符（不是有效的 Unicode 文本），请删除该字符后重新输入`, {
    path,
  });
}

export function assertWellFormed(where: keyof typeof WHERE, value: unknown, isBad = loneSurrogate): void {
  const path = illFormedPath(value, '', isBad);
  if (path !== undefined) refuse(where, path);
}

export default fp(async (app) => {
  app.addHook('preValidation', async (request) => {
    assertWellFormed('body', request.body);
    // Percent-decoding turns bytes that are not UTF-8 into U+FFFD, as the multipart parser does.
    assertWellFormed('query', request.query, undecodable);
    assertWellFormed('params', request.params, undecodable);
  });

  // Multipart bodies are read by the handler (request.file()); check the part it is handed, file name and fields.
  app.addHook('preHandler', async (request) => {
    if (typeof request.file !== 'function' || !request.isMultipart()) return;
    const read = request.file.bind(request);
    request.file = async (...args: Parameters<typeof read>): Promise<MultipartFile | undefined> => {
      const part = await read(...args);
      if (part) {
        if (part.filename !== undefined && undecodable(part.filename)) refuse('multipart', 'filename');
        const values = Object.fromEntries(
          Object.entries(part.fields ?? {}).map(([k, f]) => [k, (f as { value?: unknown } | undefined)?.value]),
        );
        assertWellFormed('multipart', values, undecodable);
      }
      return part;
    };
  });
});
