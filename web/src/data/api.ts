/**
 * Typed calls to the JSON API. Every call sends the session's CSRF token; every failure becomes an ApiError with
 * the server's Chinese message (or a Chinese message for a network failure, status 0), so pages show it as is.
 */
import type {
  AnswerBatch,
  Assessment,
  AssessmentDetail,
  AssessmentPage,
  BatchResult,
  District,
  Industry,
  Enterprise,
  EnterprisePage,
  ErrorBody,
  EvidenceDeleted,
  EvidenceUpload,
  HistoryEntry,
  Me,
  NextLevelPlan,
  QuestionnaireWire,
  Rectification,
  RectificationEvidence,
  RectificationPage,
  Report,
  ScoreResult,
} from './contract.js';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

/** What to show when a page's data could not be loaded: refused or unknown ids read as "no access", never as a bug. */
export function loadErrorText(err: unknown, denied?: string): string {
  if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return `无权访问：${denied ?? err.message}`;
  return (err as Error).message;
}

/** Fired on window when the server answers 401 to a call made with a session. */
export const SESSION_EXPIRED_EVENT = 'dsd-session-expired';

let csrfToken = '';
/** Set after login and after /api/auth/me; sent in x-csrf-token on every call. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
/** The session's CSRF token, for requests made without call() (uploads with progress). */
export const currentCsrfToken = (): string => csrfToken;

/** One JSON (or multipart) call; console-api.ts builds on it. */
export async function call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'offline', '无法连接服务器（网络中断或服务器未运行）');
  }
  // 204 No Content, and 304 Not Modified for a conditional GET (the caller's copy is current).
  if (res.status === 204 || res.status === 304) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    // The session ended (expired, logged out elsewhere, password changed): the shell asks to log in again.
    if (res.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT));
    const err = (json as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? `服务器返回错误（${res.status}）`, err?.details);
  }
  return json as T;
}

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  login: (username: string, password: string) => call<Me>('POST', '/api/auth/login', { username, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  me: () => call<Me>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>('POST', '/api/auth/password', { currentPassword, newPassword }),

  enterprises: (p: { district?: string; industry?: string; q?: string; status?: string; page?: number; pageSize?: number }) =>
    call<EnterprisePage>('GET', `/api/enterprises${query(p)}`),
  districts: () => call<District[]>('GET', '/api/districts'),
  industries: () => call<Industry[]>('GET', '/api/industries'),

  assessments: (p: { status?: string; kind?: string; enterprise?: number; page?: number; pageSize?: number }) =>
    call<AssessmentPage>('GET', `/api/assessments${query(p)}`),
  assessment: (id: number) => call<AssessmentDetail>('GET', `/api/assessments/${id}`),
  createAssessment: (enterpriseId: number, kind: 'self' | 'field') =>
    call<Assessment>('POST', '/api/assessments', { enterpriseId, kind }),
  /**
   * One questionnaire version (immutable, identified by its content hash). Given the hash of a stored copy, asks
   * with If-None-Match and answers undefined when that copy is current (304).
   */
  questionnaireVersion: (id: string, version: string, hash?: string) =>
    call<QuestionnaireWire | undefined>(
      'GET',
      `/api/questionnaires/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`,
      undefined,
      hash ? { 'if-none-match': `"${hash}"` } : {},
    ),
  saveAnswers: (id: number, batch: AnswerBatch) => call<BatchResult>('PUT', `/api/assessments/${id}/answers`, batch),
  history: (id: number, itemId?: string) => call<HistoryEntry[]>('GET', `/api/assessments/${id}/history${query({ itemId })}`),
  submit: (id: number) => call<Assessment>('POST', `/api/assessments/${id}/submit`),
  score: (id: number) => call<ScoreResult>('GET', `/api/assessments/${id}/score`),
  uploadEvidence: (id: number, itemId: string, file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return call<EvidenceUpload>('POST', `/api/assessments/${id}/evidence/${encodeURIComponent(itemId)}`, form);
  },
  deleteEvidence: (evidenceId: number) => call<EvidenceDeleted>('DELETE', `/api/evidence/${evidenceId}`),
  nextLevel: (id: number) => call<NextLevelPlan>('GET', `/api/assessments/${id}/next-level`),

  enterprise: (id: number) => call<Enterprise>('GET', `/api/enterprises/${id}`),
  changeContacts: (id: number, body: { contactName: string | null; contactPhone: string | null; contactEmail: string | null }) =>
    call<Enterprise>('PATCH', `/api/enterprises/${id}`, body),
  /** Issued reports of an enterprise (newest first), the superseded ones included. */
  reports: (enterpriseId: number) => call<Report[]>('GET', `/api/reports${query({ enterpriseId })}`),

  /** Issued reports of one assessment, newest first (superseded ones included). */
  assessmentReports: (assessmentId: number) => call<Report[]>('GET', `/api/reports${query({ assessmentId })}`),
  /** Issues (or re-issues) the assessment's report: rendered and stored by the server, which takes a few seconds. */
  issueReport: (assessmentId: number) => call<Report>('POST', `/api/assessments/${assessmentId}/report`),

  rectifications: (p: { status?: string; priority?: string; area?: string; overdue?: string; district?: string; enterpriseId?: number; assessmentId?: number; page?: number; pageSize?: number }) =>
    call<RectificationPage>('GET', `/api/rectifications${query(p)}`),
  rectification: (id: number) => call<Rectification>('GET', `/api/rectifications/${id}`),
  assessmentRectifications: (id: number) => call<Rectification[]>('GET', `/api/assessments/${id}/rectifications`),
  changeRectification: (id: number, body: { status: string; note?: string }) => call<Rectification>('PATCH', `/api/rectifications/${id}`, body),
  bulkRectifications: (body: { ids: number[]; status: 'accepted' | 'in_progress'; note?: string }) =>
    call<Rectification[]>('POST', '/api/rectifications/bulk', body),
  setDueDate: (id: number, dueDate: string | null, note?: string) =>
    call<Rectification>('PUT', `/api/rectifications/${id}/due-date`, { dueDate, ...(note ? { note } : {}) }),
  uploadRectificationEvidence: (id: number, file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return call<RectificationEvidence>('POST', `/api/rectifications/${id}/evidence`, form);
  },
  deleteRectificationEvidence: (evidenceId: number) => call<void>('DELETE', `/api/rectification-evidence/${evidenceId}`),
};
