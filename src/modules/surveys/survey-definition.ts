// A questionnaire (公众调查) as data: single and multiple choice, rating, matrix and free-text questions, required or
// not, and conditional questions (shown only when an earlier choice question was answered with one of some
// options). Checks a definition staff build, reads answers from a form, and validates them against the
// definition — hidden questions' answers are dropped, required visible ones must be there. Pure.
import { AppError } from '../../platform/errors.ts';

export const QUESTION_TYPES = {
  single: '单选题',
  multiple: '多选题',
  rating: '评分题',
  matrix: '矩阵题',
  text: '填空题',
} as const;
export type QuestionType = keyof typeof QUESTION_TYPES;

export interface Condition {
  /** An earlier single or multiple choice question. */
  question: string;
  /** Option indices: the question is shown when any of them was chosen. */
  anyOf: number[];
}

export interface Question {
  id: string;
  type: QuestionType;
  title: string;
  required: boolean;
  /** Choices (single, multiple) or the scale's columns (matrix). */
  options?: string[];
  /** Matrix rows. */
  rows?: string[];
  /** Rating: 1 … scale (2–10). */
  scale?: number;
  /** Multiple choice: at most this many options. */
  maxChoices?: number;
  /** Free text: at most this many characters. */
  maxLength?: number;
  showIf?: Condition;
}

export interface SurveyDefinition {
  questions: Question[];
}

/** An answer: an option index, indices, a rating, a matrix row → column index map, or text. */
export type Answer = number | number[] | Record<string, number> | string;
export type Answers = Record<string, Answer>;

const LIMITS = { questions: 50, options: 30, rows: 20, title: 300, option: 100, text: 2000 };

/** What is wrong with a questionnaire, in Chinese; empty when it can be released. */
export function definitionProblems(def: SurveyDefinition): string[] {
  const problems: string[] = [];
  if (!Array.isArray(def.questions) || def.questions.length === 0) return ['问卷至少须有一个问题'];
  if (def.questions.length > LIMITS.questions) problems.push(`问卷最多 ${LIMITS.questions} 个问题`);
  const seen = new Map<string, number>();
  def.questions.forEach((q, i) => {
    const no = `第${i + 1}题`;
    if (!/^[a-z0-9_-]{1,40}$/i.test(q.id ?? '')) problems.push(`${no}的编号不正确`);
    if (seen.has(q.id)) problems.push(`${no}的编号与第${seen.get(q.id)! + 1}题重复`);
    seen.set(q.id, i);
    if (!(q.type in QUESTION_TYPES)) problems.push(`${no}的题型不正确`);
    if (!q.title?.trim()) problems.push(`${no}没有题目`);
    else if (q.title.length > LIMITS.title) problems.push(`${no}的题目过长`);
    const options = q.options ?? [];
    if (q.type === 'single' || q.type === 'multiple' || q.type === 'matrix') {
      if (options.length < 2) problems.push(`${no}至少须有两个选项`);
      if (options.length > LIMITS.options) problems.push(`${no}最多 ${LIMITS.options} 个选项`);
      if (options.some((o) => !o?.trim() || o.length > LIMITS.option)) problems.push(`${no}有空白或过长的选项`);
      if (new Set(options.map((o) => o.trim())).size !== options.length) problems.push(`${no}有重复的选项`);
    }
    if (q.type === 'matrix' && ((q.rows ?? []).length === 0 || (q.rows ?? []).some((r) => !r?.trim())))
      problems.push(`${no}（矩阵题）须有行标题`);
    if (q.type === 'rating' && !(Number.isInteger(q.scale) && q.scale! >= 2 && q.scale! <= 10))
      problems.push(`${no}（评分题）的分值须为 2 至 10 分`);
    if (q.type === 'multiple' && q.maxChoices !== undefined && !(q.maxChoices >= 1 && q.maxChoices <= options.length))
      problems.push(`${no}的最多可选项数不正确`);
    if (q.showIf) {
      const target = seen.get(q.showIf.question);
      const parent = target === undefined ? undefined : def.questions[target];
      if (!parent || target === i) problems.push(`${no}的显示条件须引用它前面的题目`);
      else if (parent.type !== 'single' && parent.type !== 'multiple')
        problems.push(`${no}的显示条件须引用单选题或多选题`);
      else if (
        q.showIf.anyOf.length === 0 ||
        q.showIf.anyOf.some((o) => !Number.isInteger(o) || o < 0 || o >= (parent.options ?? []).length)
      )
        problems.push(`${no}的显示条件选项不正确`);
    }
  });
  return problems;
}

export function assertDefinition(def: SurveyDefinition): void {
  const problems = definitionProblems(def);
  if (problems.length) throw new AppError('SURVEY_DEFINITION_INVALID', { problem: problems.join('；') }, { problems });
}

const chosen = (answer: Answer | undefined): number[] =>
  typeof answer === 'number' ? [answer] : Array.isArray(answer) ? answer : [];

/** Whether a question is shown for these answers (its condition's question answered with one of its options). */
export function isShown(def: SurveyDefinition, q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const parent = def.questions.find((p) => p.id === q.showIf!.question);
  if (!parent || !isShown(def, parent, answers)) return false;
  return chosen(answers[parent.id]).some((o) => q.showIf!.anyOf.includes(o));
}

/** "（第2题选择“是”时回答）": the condition in words. */
export function conditionText(def: SurveyDefinition, q: Question): string {
  if (!q.showIf) return '';
  const index = def.questions.findIndex((p) => p.id === q.showIf!.question);
  const parent = def.questions[index];
  const options = q.showIf.anyOf.map((o) => `“${parent?.options?.[o] ?? ''}”`).join('或');
  return `（第${index + 1}题选择${options}时回答）`;
}

type Raw = Record<string, string | string[]>;
const first = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
};

/** The answers as a form sends them: q_<id> (radio, checkboxes, text), q_<id>_<row> (matrix rows). */
export function answersFromForm(def: SurveyDefinition, raw: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of def.questions) {
    const name = `q_${q.id}`;
    if (q.type === 'multiple') {
      const v = raw[name];
      const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
      if (list.length) out[q.id] = list.map(Number);
    } else if (q.type === 'matrix') {
      const rows: Record<string, number> = {};
      (q.rows ?? []).forEach((_r, i) => {
        const v = first(raw, `${name}_${i}`);
        if (v !== '') rows[String(i)] = Number(v);
      });
      if (Object.keys(rows).length) out[q.id] = rows;
    } else {
      const v = first(raw, name);
      if (v !== '') out[q.id] = q.type === 'text' ? v : Number(v);
    }
  }
  return out;
}

/**
 * Checks answers against the questionnaire and returns them cleaned: the shown questions only, each of its type
 * and range; a required shown question left out is refused with its number and title.
 */
export function validateAnswers(def: SurveyDefinition, input: Record<string, unknown>): Answers {
  const out: Answers = {};
  def.questions.forEach((q, i) => {
    const fail = (problem: string) => {
      throw new AppError('SURVEY_ANSWER_INVALID', { no: i + 1, title: q.title, problem });
    };
    const value = input[q.id];
    if (!isShown(def, q, out)) return;
    const empty =
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
    if (empty) {
      if (q.required) throw new AppError('SURVEY_ANSWER_REQUIRED', { no: i + 1, title: q.title });
      return;
    }
    const options = q.options ?? [];
    const isOption = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < options.length;
    switch (q.type) {
      case 'single':
        if (!isOption(value)) fail('请选择列出的选项');
        out[q.id] = value as number;
        break;
      case 'multiple': {
        const list = Array.isArray(value) ? value : [value];
        if (!list.every(isOption)) fail('请选择列出的选项');
        const unique = [...new Set(list as number[])].sort((a, b) => a - b);
        if (q.maxChoices && unique.length > q.maxChoices) fail(`最多选择 ${q.maxChoices} 项`);
        out[q.id] = unique;
        break;
      }
      case 'rating':
        if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= (q.scale ?? 5)))
          fail(`请选择 1 至 ${q.scale ?? 5} 分`);
        out[q.id] = value as number;
        break;
      case 'matrix': {
        if (typeof value !== 'object' || Array.isArray(value)) fail('格式不正确');
        const rows = value as Record<string, unknown>;
        const clean: Record<string, number> = {};
        (q.rows ?? []).forEach((row, r) => {
          const v = rows[String(r)];
          if (v === undefined) {
            if (q.required) fail(`请为“${row}”选择一项`);
            return;
          }
          if (!isOption(v)) fail(`“${row}”请选择列出的选项`);
          clean[String(r)] = v as number;
        });
        out[q.id] = clean;
        break;
      }
      case 'text': {
        const text = String(value).trim();
        const max = q.maxLength ?? 500;
        if (text.length > max) fail(`最多 ${max} 字，当前 ${text.length} 字`);
        if (text) out[q.id] = text;
        else if (q.required) throw new AppError('SURVEY_ANSWER_REQUIRED', { no: i + 1, title: q.title });
        break;
      }
    }
  });
  return out;
}
