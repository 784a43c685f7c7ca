/**
 * Typed calls of the console (bureau, district officers, administrators): dashboard, drill-down, roster import,
 * accounts, district contacts, the figures owed upward and batch downloads of issued reports. Kept apart from
 * api.ts so the field app's entry bundle does not carry them; the console pages load this with themselves.
 */
import { SESSION_EXPIRED_EVENT, call, currentCsrfToken, query } from './api.js';
import type {
  Assignments,
  BulkAssign,
  BulkAssignResult,
  CaseCandidate,
  CaseInput,
  Coverage,
  CreatedUser,
  DistrictContact,
  DrillFilter,
  DrillPage,
  Loop,
  NewUser,
  Plan,
  PlanFigure,
  ReportBatch,
  ReportBatchRequest,
  Results,
  RosterImportDetail,
  RosterImportResult,
  RosterImportSummary,
  Role,
  Training,
  TrainingCoverage,
  TrainingImportResult,
  TrainingInput,
  Trend,
  UserChange,
  UserView,
} from './contract.js';

type Params = Record<string, string | number | undefined>;

/** The dashboard's XLSX export of a figure set, as a link target (same filters as the JSON route). */
export const exportUrl = (what: 'coverage' | 'trend' | 'results' | 'loop' | 'enterprises', p: Params = {}) =>
  `/api/dashboard/${what}.xlsx${query(p)}`;

export const consoleApi = {
  coverage: (district?: string) => call<Coverage>('GET', `/api/dashboard/coverage${query({ district })}`),
  trend: (district?: string) => call<Trend>('GET', `/api/dashboard/trend${query({ district })}`),
  results: (district?: string) => call<Results>('GET', `/api/dashboard/results${query({ district })}`),
  loop: (district?: string) => call<Loop>('GET', `/api/dashboard/loop${query({ district })}`),
  drill: (f: DrillFilter) => call<DrillPage>('GET', `/api/dashboard/enterprises${query(f as Params)}`),

  /** Uploads a roster with progress (fetch cannot report upload progress; XMLHttpRequest can). */
  importRoster: (file: File, dryRun: boolean, onProgress: (share: number) => void, district?: string) =>
    new Promise<RosterImportResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/roster/import${query({ dryRun: dryRun ? '1' : '0', district })}`);
      xhr.setRequestHeader('accept', 'application/json');
      const csrf = currentCsrfToken();
      if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(new Error('无法连接服务器（网络中断或服务器未运行）'));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status === 401) window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT));
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as RosterImportResult);
        else reject(new Error((body as { error?: { message?: string } })?.error?.message ?? `服务器返回错误（${xhr.status}）`));
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    }),
  rosterImports: () => call<RosterImportSummary[]>('GET', '/api/roster/imports'),
  rosterImport: (id: number) => call<RosterImportDetail>('GET', `/api/roster/imports/${id}`),

  users: (role?: Role) => call<{ users: UserView[] }>('GET', `/api/users${query({ role })}`),
  createUser: (u: NewUser) => call<CreatedUser>('POST', '/api/users', u),
  patchUser: (id: number, change: UserChange) => call<UserView>('PATCH', `/api/users/${id}`, change),
  resetPassword: (id: number) => call<{ generatedPassword?: string }>('POST', `/api/users/${id}/password`, {}),
  assignments: (id: number) => call<Assignments>('GET', `/api/users/${id}/assignments`),
  bulkAssign: (id: number, body: BulkAssign) => call<BulkAssignResult>('POST', `/api/users/${id}/assignments/bulk`, body),

  contacts: (districtId: number) => call<DistrictContact[]>('GET', `/api/districts/${districtId}/contacts`),
  addContact: (districtId: number, c: Pick<DistrictContact, 'side' | 'name' | 'phone'>) =>
    call<DistrictContact>('POST', `/api/districts/${districtId}/contacts`, c),
  deleteContact: (districtId: number, id: number) => call<void>('DELETE', `/api/districts/${districtId}/contacts/${id}`),

  plan: (year: number) => call<Plan>('GET', `/api/upward/plan${query({ year })}`),
  setPlanFigure: (f: PlanFigure) => call<Plan>('PUT', '/api/upward/plan', f),
  trainings: (year?: number) => call<Training[]>('GET', `/api/upward/trainings${query({ year })}`),
  trainingCoverage: (year?: number) => call<TrainingCoverage>('GET', `/api/upward/trainings/coverage${query({ year })}`),
  createTraining: (t: TrainingInput) => call<Training>('POST', '/api/upward/trainings', t),
  updateTraining: (id: number, t: TrainingInput) => call<Training>('PUT', `/api/upward/trainings/${id}`, t),
  deleteTraining: (id: number) => call<void>('DELETE', `/api/upward/trainings/${id}`),
  importTrainings: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call<TrainingImportResult>('POST', '/api/upward/trainings/import', form);
  },
  cases: (year?: number) => call<CaseCandidate[]>('GET', `/api/upward/cases${query({ year })}`),
  createCase: (c: CaseInput) => call<CaseCandidate>('POST', '/api/upward/cases', c),
  deleteCase: (id: number) => call<void>('DELETE', `/api/upward/cases/${id}`),

  startReportBatch: (r: ReportBatchRequest) => call<ReportBatch>('POST', '/api/report-batches', r),
  reportBatch: (id: string) => call<ReportBatch>('GET', `/api/report-batches/${encodeURIComponent(id)}`),
  cancelReportBatch: (id: string) => call<ReportBatch>('DELETE', `/api/report-batches/${encodeURIComponent(id)}`),
};

/** The finished batch's ZIP, as a link target. */
export const reportBatchZipUrl = (id: string) => `/api/report-batches/${encodeURIComponent(id)}/zip`;
