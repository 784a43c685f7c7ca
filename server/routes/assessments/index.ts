/**
 * Assessments (诊断) over HTTP: create, list, read, the pinned questionnaire, incremental answer batches, answer
 * history, the status workflow and the stored score. Rules live in services/assessments.ts and services/answers.ts;
 * the shapes in schemas/assessments.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ASSESSMENT_CREATOR_ROLES, rolesForAction } from '../../domain/workflow.js';
import { sendWithEtag } from '../../http/etag.js';
import { notFound } from '../../http/errors.js';
import {
  AnswerBatchBody,
  AnswerHistoryQuery,
  AnswerHistoryRowSchema,
  AssessmentDetailSchema,
  AssessmentListQuery,
  AssessmentPageSchema,
  AssessmentSchema,
  BatchResultSchema,
  CreateAssessmentBody,
  ReopenBody,
} from '../../schemas/assessments.js';
import { publicBase, verifyBase } from '../../http/public-url.js';
import { IdParams } from '../../schemas/common.js';
import { NotModified, WireQuestionnaire } from '../../schemas/questionnaires.js';
import { NextLevelPlanSchema, ScoreResultSchema } from '../../schemas/score.js';
import { answerHistory, applyAnswerBatch } from '../../services/answers.js';
import { assessmentDetail } from '../../services/assessment-detail.js';
import {
  advanceAssessment,
  createAssessment,
  getAssessment,
  listAssessments,
  nextLevel,
  pinnedQuestionnaire,
  reopenAssessment,
  requireResultsVisible,
  storedScore,
  submitAssessment,
} from '../../services/assessments.js';

const assessments: FastifyPluginAsyncZod = async (app) => {
  const tags = ['诊断'];
  // The outer role check of each workflow action (a role that may never take it is refused before any lookup);
  // which kind and state allow it is the service's check, from the same table (domain/workflow.ts).
  const mayTake = (action: Parameters<typeof rolesForAction>[0]) => app.requireRole(...rolesForAction(action));

  app.post(
    '/api/assessments',
    {
      preHandler: app.requireRole(...ASSESSMENT_CREATOR_ROLES),
      config: { errorCodes: { 409: ['conflict', 'draft_exists'] } },
      schema: {
        tags,
        summary: '发起诊断（企业自评估 self / 现场诊断 field），固定使用当前版本的行业问卷',
        body: CreateAssessmentBody,
        response: { 201: AssessmentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(createAssessment(app.db, app.questionnaires, request.user!, request.body, app.now())),
  );

  app.get(
    '/api/assessments',
    {
      schema: {
        tags,
        summary: '诊断列表（按权限范围）',
        querystring: AssessmentListQuery,
        response: { 200: AssessmentPageSchema },
      },
    },
    async (request) => listAssessments(app.db, request.user!, request.query),
  );

  app.get(
    '/api/assessments/:id',
    {
      schema: {
        tags,
        summary: '诊断详情：答案、备注、附件、状态记录与得分摘要',
        params: IdParams,
        response: { 200: AssessmentDetailSchema },
      },
    },
    async (request) => assessmentDetail(app.db, request.user!, request.params.id),
  );

  app.get(
    '/api/assessments/:id/questionnaire',
    {
      schema: {
        tags,
        summary: '诊断固定使用的问卷（章节、题目、数据类型、暴露面规则）；ETag 为内容哈希，可用 If-None-Match 校验缓存',
        params: IdParams,
        response: { 200: WireQuestionnaire, 304: NotModified },
      },
    },
    async (request, reply) => {
      const q = pinnedQuestionnaire(app.questionnaires, getAssessment(app.db, request.user!, request.params.id));
      return sendWithEtag(request, reply, app.questionnaires.wire(q));
    },
  );

  app.put(
    '/api/assessments/:id/answers',
    {
      preHandler: mayTake('edit'),
      config: { errorCodes: { 409: ['conflict', 'answer_conflict', 'batch_id_reused'] } },
      schema: {
        tags,
        summary: '分批保存答案（幂等；版本冲突时返回 409 及冲突题目）',
        params: IdParams,
        body: AnswerBatchBody,
        response: { 200: BatchResultSchema },
      },
    },
    async (request) => {
      const user = request.user!;
      const q = pinnedQuestionnaire(app.questionnaires, getAssessment(app.db, user, request.params.id));
      return applyAnswerBatch(app.db, q, user, request.params.id, request.body, app.now());
    },
  );

  app.get(
    '/api/assessments/:id/history',
    {
      schema: {
        tags,
        summary: '答案修改记录（只增不改）',
        params: IdParams,
        querystring: AnswerHistoryQuery,
        response: { 200: z.array(AnswerHistoryRowSchema) },
      },
    },
    async (request) => {
      const a = getAssessment(app.db, request.user!, request.params.id);
      return answerHistory(app.db, a.id, request.query.itemId);
    },
  );

  app.get(
    '/api/assessments/:id/next-level',
    {
      config: { errorCodes: { 403: ['results_not_issued'] } },
      schema: {
        tags,
        summary: '提升到下一成熟度等级最少需要改为“符合”的题目（按优先顺序）',
        params: IdParams,
        response: { 200: NextLevelPlanSchema },
      },
    },
    async (request) => nextLevel(app.db, app.questionnaires, request.user!, request.params.id),
  );

  app.get(
    '/api/assessments/:id/score',
    {
      config: { errorCodes: { 403: ['results_not_issued'] } },
      schema: {
        tags,
        summary: '提交时计算并保存的得分结果（含问卷版本与评分模型版本）',
        params: IdParams,
        response: { 200: ScoreResultSchema },
      },
    },
    async (request) => {
      const a = getAssessment(app.db, request.user!, request.params.id);
      requireResultsVisible(request.user!, a);
      const result = storedScore(app.db, a.id);
      if (!result) throw notFound('得分结果（诊断尚未提交）');
      return result;
    },
  );

  app.post(
    '/api/assessments/:id/submit',
    { preHandler: mayTake('submit'), config: { errorCodes: { 409: ['conflict'] } }, schema: { tags, summary: '提交诊断：校验答案、计算得分并生成整改项', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => submitAssessment(app.db, app.questionnaires, request.user!, request.params.id, app.now()),
  );

  app.post(
    '/api/assessments/:id/review',
    { preHandler: mayTake('review'), config: { errorCodes: { 409: ['conflict'] } }, schema: { tags, summary: '审核通过已提交的诊断', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => advanceAssessment(app.db, request.user!, request.params.id, 'review', app.now()),
  );

  app.post(
    '/api/assessments/:id/issue',
    { preHandler: mayTake('issue'), config: { errorCodes: { 409: ['conflict'] } }, schema: { tags, summary: '出具诊断报告', params: IdParams, response: { 200: AssessmentSchema } } },
    async (request) => {
      const issued = advanceAssessment(app.db, request.user!, request.params.id, 'issue', app.now());
      // The PDF is rendered in the background (seconds); the assessment is 已出具 at once and its report follows.
      void app.outstandingReports.run(verifyBase(publicBase(app.config.publicUrl, request)), issued.id).catch((err) => app.log.error(err));
      return issued;
    },
  );

  app.post(
    '/api/assessments/:id/reopen',
    {
      preHandler: mayTake('reopen'),
      config: { errorCodes: { 409: ['conflict', 'draft_exists'] } },
      schema: {
        tags,
        summary: '退回已提交的诊断以便修改（需说明原因）',
        params: IdParams,
        body: ReopenBody,
        response: { 200: AssessmentSchema },
      },
    },
    async (request) => reopenAssessment(app.db, request.user!, request.params.id, request.body.reason, app.now()),
  );
};

export default assessments;
