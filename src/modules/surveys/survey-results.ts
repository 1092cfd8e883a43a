// A survey's results from its counted responses: per question the count and share of each option (the share of
// those who answered it), ratings with their average, matrix rows by column, and free-text answers (the public
// only ever gets moderated ones). Also the chart of each question for the public page. Pure.
import type { ChartSpec } from '../../platform/charts.ts';
import type { Answer, Answers, Question, SurveyDefinition } from './survey-definition.ts';

export interface OptionCount {
  label: string;
  count: number;
  /** Percentage of the question's respondents, one decimal. */
  share: number;
}

export interface QuestionResult {
  id: string;
  no: number;
  title: string;
  type: Question['type'];
  /** Respondents who answered this question. */
  answered: number;
  options: OptionCount[];
  /** Rating average, one decimal (rating questions). */
  average: number | null;
  /** Matrix: per row, the counts per column. */
  matrix: { row: string; counts: number[] }[];
  /** Free text shown with the results (moderated when public). */
  texts: string[];
}

export interface SurveyResults {
  responses: number;
  questions: QuestionResult[];
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

export function computeResults(
  def: SurveyDefinition,
  responses: Answers[],
  texts: Map<string, string[]> = new Map(),
): SurveyResults {
  const questions = def.questions.map((q, i): QuestionResult => {
    const given = responses.map((r) => r[q.id]).filter((a): a is Answer => a !== undefined);
    const result: QuestionResult = {
      id: q.id,
      no: i + 1,
      title: q.title,
      type: q.type,
      answered: given.length,
      options: [],
      average: null,
      matrix: [],
      texts: texts.get(q.id) ?? [],
    };
    if (q.type === 'single' || q.type === 'multiple') {
      const counts = (q.options ?? []).map(() => 0);
      for (const a of given) for (const o of typeof a === 'number' ? [a] : (a as number[])) counts[o]! += 1;
      result.options = (q.options ?? []).map((label, o) => ({
        label,
        count: counts[o]!,
        share: share(counts[o]!, given.length),
      }));
    } else if (q.type === 'rating') {
      const scale = q.scale ?? 5;
      const counts = Array.from({ length: scale }, () => 0);
      for (const a of given) counts[(a as number) - 1]! += 1;
      result.options = counts.map((count, k) => ({ label: `${k + 1}分`, count, share: share(count, given.length) }));
      const sum = given.reduce<number>((s, a) => s + (a as number), 0);
      result.average = given.length ? Math.round((sum / given.length) * 10) / 10 : null;
    } else if (q.type === 'matrix') {
      result.matrix = (q.rows ?? []).map((row, r) => {
        const counts = (q.options ?? []).map(() => 0);
        for (const a of given) {
          const v = (a as Record<string, number>)[String(r)];
          if (v !== undefined) counts[v]! += 1;
        }
        return { row, counts };
      });
    }
    return result;
  });
  return { responses: responses.length, questions };
}

/** The chart of a question: a pie for single choice, bars for multiple choice and ratings, grouped bars for a matrix. */
export function questionChart(def: SurveyDefinition, result: QuestionResult): ChartSpec | null {
  const q = def.questions.find((x) => x.id === result.id)!;
  const title = `第${result.no}题　${result.title}`.slice(0, 100);
  if (result.answered === 0) return null;
  if (q.type === 'single')
    return {
      kind: 'pie',
      title,
      categories: result.options.map((o) => o.label),
      series: [{ name: '人数', values: result.options.map((o) => o.count) }],
      categoryName: '选项',
      unit: '人',
    };
  if (q.type === 'multiple' || q.type === 'rating')
    return {
      kind: 'bar',
      title,
      categories: result.options.map((o) => o.label),
      series: [{ name: '人数', values: result.options.map((o) => o.count) }],
      categoryName: q.type === 'rating' ? '分值' : '选项',
      unit: '人',
    };
  if (q.type === 'matrix')
    return {
      kind: 'bar',
      title,
      categories: result.matrix.map((m) => m.row),
      series: (q.options ?? [])
        .slice(0, 8)
        .map((label, c) => ({ name: label, values: result.matrix.map((m) => m.counts[c]!) })),
      categoryName: '项目',
      unit: '人',
    };
  return null;
}
