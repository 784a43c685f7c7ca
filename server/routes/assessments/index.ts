/**
 * Assessments (诊断) over HTTP: create, list, read, the pinned questionnaire, incremental answer batches, answer
 * history, the status workflow and the stored score. Rules live in services/assessments.ts and services/answers.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Questionnaire } from '../../domain/questionnaire/compose.js';
import { badRequest, notFound } from '../../http/errors.js';
import { answerHistory, applyAnswerBatch } from '../../services/answers.js';
import {
  ASSESSMENT_STATUSES,
  advanceAssessment,
  assessmentEvents,
  createAssessment,
  getAssessment,
  listAssessments,
  pinnedQuestionnaire,
  reopenAssessment,
  storedAnswers,
  requireResultsVisible,
  storedScore,
  submitAssessment,
} from '../../services/assessments.js';
import { resolveDistrict } from '../../services/districts.js';
import { listEvidence } from '../../services/evidence.js';
import { EvidenceSchema } from '../evidence/index.js';

const Kind = z.enum(['self', 'field']);

const ScoreSummary = z.object({
  classificationScore: z.number(),
  riskLevel: z.string(),
  maturityLevel: z.number(),
  maturityMean: z.number(),
  findings: z.number(),
  scoringModel: z.string(),
  scoredAt: z.string(),
});

export const AssessmentSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  industryCode: z.string(),
  kind: Kind,
  status: z.enum(ASSESSMENT_STATUSES),
  questionnaireId: z.string(),
  questionnaireVersion: z.string(),
  version: z.number().describe('答案版本：每保存一批答案加 1，保存时作为 baseVersion 提交'),
  createdBy: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  score: ScoreSummary.nullable(),
});

const AssessmentDetail = AssessmentSchema.extend({
  answers: z.record(z.string(), z.unknown()),
  notes: z.record(z.string(), z.string()),
  evidence: z.array(EvidenceSchema.omit({ assessmentId: true })),
  events: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      reason: z.string().nullable(),
      userId: z.number(),
      userName: z.string(),
      at: z.string(),
    }),
  ),
});

const BatchBody = z.strictObject({
  batchId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'batchId 应为客户端生成的 8–64 位标识（如 UUID）')
    .describe('客户端生成的批次标识；重发同一批次不会重复保存'),
  baseVersion: z.number().int().min(0).describe('本批答案所基于的诊断版本'),
  answers: z
    .array(
      z.strictObject({
        itemId: z.string().min(1).max(200),
        value: z.unknown().describe('答案；null 表示清除'),
        note: z.string().max(2000).nullable().optional().describe('备注；省略则保留原备注'),
      }),
    )
    .min(1, '至少包含一个答案')
    .max(500, '一批最多 500 个答案'),
});

const BatchResultSchema = z.object({ batchId: z.string(), version: z.number(), changedItems: z.array(z.string()) });

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** The composed questionnaire as plain JSON for the web app (the lookup Maps are rebuilt client-side). */
function questionnaireJson(q: Questionnaire) {
  return {
    id: q.id,
    title: q.title,
    version: q.version,
    hash: q.hash,
    industry: q.industry,
    industryName: q.industryName,
    core: q.core,
    module: q.module,
    sections: q.sections,
    dataTypes: q.dataTypes,
    exposure: q.exposure,
    keyEnterprise: q.keyEnterprise,
  };
}

const assessments: FastifyPluginAsyncZod = async (app) => {
  const anyone = app.requireRole('admin', 'bureau', 'district', 'diagnostician', 'enterprise');
  const tags = ['诊断'];
  // Serialised questionnaires by id@version: large, immutable, asked for on every form load.
  const questionnaireCache = new Map<string, ReturnType<typeof questionnaireJson>>();

  app.post(
    '/api/assessments',
    {
      preHandler: app.requireRole('admin', 'bureau', 'diagnostician', 'enterprise'),
      schema: {
        tags,
        summary: '发起诊断（企业自评估 self / 现场诊断 field），固定使用当前版本的行业问卷',
        body: z.strictObject({ enterpriseId: z.number().int().positive(), kind: Kind }),
        response: { 201: AssessmentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(createAssessment(app.db, app.questionnaires, request.user!, request.body)),
  );

  app.get(
    '/api/assessments',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '诊断列表（按权限范围）',
        querystring: z.object({
          status: z.enum(ASSESSMENT_STATUSES).optional(),
          kind: Kind.optional(),
          district: z.string().max(50).optional().describe('区域 id、代码或名称'),
          industry: z.string().max(40).optional(),
          enterprise: z.coerce.number().int().positive().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(AssessmentSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (request) => {
      const { district, enterprise, ...rest } = request.query;
      let districtId: number | undefined;
      if (district) {
        const d = resolveDistrict(app.db, district);
        if (!d) throw badRequest(`区域 ‘${district}’ 无法识别`);
        districtId = d.id;
      }
      const result = listAssessments(app.db, request.user!, { ...rest, districtId, enterpriseId: enterprise });
      return { ...result, page: rest.page, pageSize: rest.pageSize };
    },
  );

  app.get(
    '/api/assessments/:id',
    {
      preHandler: anyone,
      schema: { tags, summary: '诊断详情：答案、备注、附件、状态记录与得分摘要', params: IdParams, response: { 200: AssessmentDetail } },
    },
    async (request) => {
      const a = getAssessment(app.db, request.user!, request.params.id);
      return { ...a, ...storedAnswers(app.db, a.id), evidence: listEvidence(app.db, a.id), events: assessmentEvents(app.db, a.id) };
    },
  );

  app.get(
    '/api/assessments/:id/questionnaire',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '诊断固定使用的问卷（章节、题目、数据类型、暴露面规则）',
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const q = pinnedQuestionnaire(app.questionnaires, getAssessment(app.db, request.user!, request.params.id));
      const key = `${q.id}@${q.version}`;
      let json = questionnaireCache.get(key);
      if (!json) questionnaireCache.set(key, (json = questionnaireJson(q)));
      return json;
    },
  );

  app.put(
    '/api/assessments/:id/answers',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '分批保存答案（幂等；版本冲突时返回 409 及冲突题目）',
        params: IdParams,
        body: BatchBody,
        response: { 200: BatchResultSchema },
      },
    },
    async (request) => {
      const user = request.user!;
      const q = pinnedQuestionnaire(app.questionnaires, getAssessment(app.db, user, request.params.id));
      return applyAnswerBatch(app.db, q, user, request.params.id, request.body);
    },
  );

  app.get(
    '/api/assessments/:id/history',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '答案修改记录（只增不改）',
        params: IdParams,
        querystring: z.object({ itemId: z.string().min(1).max(200).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              itemId: z.string(),
              oldValue: z.unknown(),
              newValue: z.unknown(),
              userId: z.number(),
              userName: z.string(),
              batchId: z.string().nullable(),
              changedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const a = getAssessment(app.db, request.user!, request.params.id);
      return answerHistory(app.db, a.id, request.query.itemId);
    },
  );

  app.get(
    '/api/assessments/:id/score',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '提交时计算并保存的得分结果（含问卷版本与评分模型版本）',
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const a = getAssessment(app.db, request.user!, request.params.id);
      requireResultsVisible(request.user!, a);
      const result = storedScore(app.db, a.id);
      if (!result) throw notFound('得分结果（诊断尚未提交）');
      return result as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/api/assessments/:id/submit',
    { preHandler: anyone, schema: { tags, summary: '提交诊断：校验答案、计算得分并生成整改项', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => submitAssessment(app.db, app.questionnaires, request.user!, request.params.id),
  );

  app.post(
    '/api/assessments/:id/review',
    { preHandler: anyone, schema: { tags, summary: '审核通过已提交的诊断', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => advanceAssessment(app.db, request.user!, request.params.id, 'review'),
  );

  app.post(
    '/api/assessments/:id/issue',
    { preHandler: anyone, schema: { tags, summary: '出具诊断报告', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => advanceAssessment(app.db, request.user!, request.params.id, 'issue'),
  );

  app.post(
    '/api/assessments/:id/reopen',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '退回已提交的诊断以便修改（需说明原因）',
        params: IdParams,
        body: z.strictObject({ reason: z.string().trim().min(1, '请填写退回原因').max(500) }),
        response: { 200: AssessmentSchema },
      },
    },
    async (request) => reopenAssessment(app.db, request.user!, request.params.id, request.body.reason),
  );
};

export default assessments;
