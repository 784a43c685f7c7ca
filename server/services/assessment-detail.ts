/** An assessment as its detail page shows it: the row, the stored answers and notes, the evidence and the event log. */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { assessmentEvents, getAssessment, storedAnswers } from './assessments.js';
import { listEvidence } from './evidence.js';

export function assessmentDetail(db: Db, user: SessionUser, id: number) {
  const a = getAssessment(db, user, id);
  return { ...a, ...storedAnswers(db, a.id), evidence: listEvidence(db, a.id), events: assessmentEvents(db, a.id) };
}
