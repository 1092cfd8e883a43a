// All SQL of 公众调查: surveys, their responses (one per account or per device, held by unique indexes) and the
// free-text answers awaiting moderation.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Survey, SurveyResponse, SurveysTable } from './surveys.tables.ts';

export async function insertSurvey(db: Db, row: Insertable<SurveysTable>): Promise<number> {
  const r = await db.insertInto('surveys').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateSurvey(db: Db, id: number, changes: Updateable<SurveysTable>): Promise<void> {
  await db.updateTable('surveys').set(changes).where('id', '=', id).execute();
}

export function findSurvey(db: Db, id: number): Promise<Survey | undefined> {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function surveysOfSite(db: Db, siteId: number): Promise<Survey[]> {
  return db.selectFrom('surveys').selectAll().where('site_id', '=', siteId).orderBy('opens_at', 'desc').execute();
}

export function surveysByNotice(db: Db, contentId: number): Promise<Survey[]> {
  return db.selectFrom('surveys').selectAll().where('notice_content_id', '=', contentId).execute();
}

/** Released surveys of the site that closed in [from, to) (the inspection's year, the annual report). */
export function closedBetween(db: Db, siteId: number, from: string, to: string): Promise<Survey[]> {
  return db
    .selectFrom('surveys')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'released')
    .where('closes_at', '>=', from)
    .where('closes_at', '<', to)
    .execute();
}

export async function insertResponse(
  db: Db,
  row: {
    survey_id: number;
    citizen_id: number | null;
    device_hash: string | null;
    answers: string;
    status: string;
    submitted_at: string;
  },
): Promise<number> {
  const r = await db.insertInto('survey_responses').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function findResponseBy(db: Db, surveyId: number, who: { citizenId?: number; deviceHash?: string }) {
  let q = db.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId);
  if (who.citizenId !== undefined) q = q.where('citizen_id', '=', who.citizenId);
  else q = q.where('device_hash', '=', who.deviceHash ?? '');
  return q.executeTakeFirst();
}

export function responsesOf(db: Db, surveyId: number, statuses?: string[]): Promise<SurveyResponse[]> {
  let q = db.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId);
  if (statuses) q = q.where('status', 'in', statuses);
  return q.orderBy('id').execute();
}

export async function countResponses(db: Db, surveyIds: number[]) {
  if (surveyIds.length === 0) return [];
  return db
    .selectFrom('survey_responses')
    .select(['survey_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy(['survey_id', 'status'])
    .execute();
}

export async function setResponseStatus(db: Db, id: number, surveyId: number, status: string): Promise<boolean> {
  const r = await db
    .updateTable('survey_responses')
    .set({ status })
    .where('id', '=', id)
    .where('survey_id', '=', surveyId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertText(
  db: Db,
  row: { survey_id: number; response_id: number; question_id: string; text: string },
): Promise<void> {
  await db
    .insertInto('survey_texts')
    .values({ ...row, status: 'pending', moderated_by: null, moderated_at: null })
    .execute();
}

export function textsOf(db: Db, surveyId: number, statuses: string[]) {
  return db
    .selectFrom('survey_texts')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_texts.response_id')
    .select([
      'survey_texts.id',
      'survey_texts.question_id',
      'survey_texts.text',
      'survey_texts.status',
      'survey_responses.submitted_at',
      'survey_responses.status as response_status',
    ])
    .where('survey_texts.survey_id', '=', surveyId)
    .where('survey_texts.status', 'in', statuses)
    .orderBy('survey_texts.id')
    .execute();
}

export async function countPendingTexts(db: Db, surveyIds: number[]) {
  if (surveyIds.length === 0) return [];
  return db
    .selectFrom('survey_texts')
    .select(['survey_id', (eb) => eb.fn.countAll().as('n')])
    .where('survey_id', 'in', surveyIds)
    .where('status', '=', 'pending')
    .groupBy('survey_id')
    .execute();
}

export async function moderateText(
  db: Db,
  id: number,
  surveyId: number,
  status: string,
  by: number,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('survey_texts')
    .set({ status, moderated_by: by, moderated_at: at })
    .where('id', '=', id)
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The citizen's responses with their surveys (the user space). */
export function responsesOfCitizen(db: Db, citizenId: number) {
  return db
    .selectFrom('survey_responses')
    .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
    .select([
      'surveys.id',
      'surveys.title',
      'surveys.closes_at',
      'survey_responses.submitted_at',
      'survey_responses.status',
    ])
    .where('survey_responses.citizen_id', '=', citizenId)
    .orderBy('survey_responses.submitted_at', 'desc')
    .execute();
}
