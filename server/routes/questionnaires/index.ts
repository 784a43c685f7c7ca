/**
 * Questionnaires for the offline web app: the current version of each (to know what to cache) and any version the
 * server knows as its wire document, with the content hash as ETag so a cached copy is revalidated with a 304.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendWithEtag } from '../../http/etag.js';
import { notFound } from '../../http/errors.js';
import {
  NotModified,
  QuestionnaireSummarySchema,
  QuestionnaireVersionParams,
  WireQuestionnaire,
} from '../../schemas/questionnaires.js';

const questionnaires: FastifyPluginAsyncZod = async (app) => {
  const tags = ['问卷'];

  app.get(
    '/api/questionnaires',
    { schema: { tags, summary: '当前各问卷的版本与内容哈希（供离线缓存）', response: { 200: z.array(QuestionnaireSummarySchema) } } },
    async () =>
      app.questionnaires.list().map(({ id, title, version, hash, industry, industryName }) => ({ id, title, version, hash, industry, industryName })),
  );

  app.get(
    '/api/questionnaires/:id/versions/:version',
    {
      schema: {
        tags,
        summary: '某一版本的问卷（ETag 为内容哈希，可用 If-None-Match 校验缓存）',
        params: QuestionnaireVersionParams,
        response: { 200: WireQuestionnaire, 304: NotModified },
      },
    },
    async (request, reply) => {
      const q = app.questionnaires.get(request.params.id, request.params.version);
      if (!q) throw notFound(`问卷 ${request.params.id}（版本 ${request.params.version}）`);
      return sendWithEtag(request, reply, app.questionnaires.wire(q));
    },
  );
};
export default questionnaires;
