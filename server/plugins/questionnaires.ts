/** Loads and validates questionnaires/ at start (a bad file stops start-up) and records every version served. */
import fp from 'fastify-plugin';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry, type QuestionnaireRegistry } from '../services/questionnaire-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    questionnaires: QuestionnaireRegistry;
  }
}

export default fp(async (app, opts: { dir: string }) => {
  app.decorate('questionnaires', createQuestionnaireRegistry(app.db, loadQuestionnaireSources(opts.dir)));
});
