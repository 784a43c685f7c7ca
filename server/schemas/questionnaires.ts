/** Questionnaires as the web app caches them: the current version of each, and any version as a wire document. */
import { z } from 'zod';
import { WireQuestionnaire } from '../domain/questionnaire/wire.js';

export { WireQuestionnaire };

export const QuestionnaireSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  hash: z.string().describe('内容哈希，与该版本问卷的 ETag 相同'),
  industry: z.string().nullable(),
  industryName: z.string().nullable(),
});

export const QuestionnaireVersionParams = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/).max(50),
  version: z.string().regex(/^[0-9A-Za-z.+_-]+$/).max(100),
});

/** 304: the version the client holds (If-None-Match) is current. */
export const NotModified = z.null().describe('客户端缓存的版本仍然有效');
