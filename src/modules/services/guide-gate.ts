// The completeness gate of a 办事指南: the checks the 2019 indicators describe, run on the structured guide before
// it is submitted for review and again on every published guide. Each finding points at its place (field path
// and a Chinese description) and names the indicator and rule it would cost, so an editor sees what an inspector
// would find. Pure: the policy library, the registered numbers and the vague-word list come in `GateContext`.
//
// It is written not to be fooled: placeholder text (无, 暂无, 详见窗口 …) does not fill a key element, a material
// named 申请表 is a form whether or not it was ticked as one, a policy basis counts only when it links to a
// published document of the site's own library that has content, and phone numbers are parsed, not pattern-matched.
import { type GuideData, type GuideMaterial, isFormMaterial, type KeyElement } from './guide.ts';
import { isRegistered, parsePhones } from './phones.ts';
import { findVague } from './vague-words.ts';

export type GuideFindingCode =
  | 'element-missing'
  | 'material-format'
  | 'vague-wording'
  | 'basis-name-only'
  | 'basis-no-content'
  | 'form-no-channel'
  | 'phone-invalid'
  | 'phone-unregistered'
  | 'limit-inconsistent'
  | 'name-mismatch'
  | 'impractical';

export interface GuideFinding {
  code: GuideFindingCode;
  /** The indicator it would cost (附件2 id), its name and the rule's number. */
  indicatorId: string;
  indicator: string;
  subRule: number;
  /** The points this finding costs by itself (a rule counted once per item costs on its first finding only). */
  points: number;
  /** What it costs, as the rule says: 扣0.5分/处, 每个事项扣2分 … */
  cost: string;
  /** Where: a field path of GuideData (materials.2.copies) and its description (办理材料第3项“营业执照”). */
  field: string;
  place: string;
  message: string;
  /** The words found (vague wording), when the finding is about a phrase. */
  excerpt?: string;
  /** Other indicators the same defect touches (服务关联 is lost with an unlinked basis). */
  alsoAffects?: string[];
}

/** A document of the site's policy library, as the gate needs to know it. */
export interface PolicyDocument {
  id: number;
  title: string;
  /** Published on this site and not withdrawn. */
  published: boolean;
  /** Its text is public (not only a catalogue entry) and not empty. */
  hasContent: boolean;
}

export interface GateContext {
  /** The catalogue's name of the item (事项名称 must agree). */
  itemName: string;
  /** The responsible department's registered numbers; an empty list is not compared. */
  registered: { consult: readonly string[]; complaint: readonly string[] };
  /** The site's policy library by content id. */
  policy(id: number): PolicyDocument | undefined;
  vagueWords: readonly string[];
}

const GUIDES = { indicatorId: 'deduct.service-guides', indicator: '办事指南' } as const;
const ACCURACY = { indicatorId: 'deduct.guide-accuracy', indicator: '内容准确' } as const;
const FORMS = { indicatorId: 'deduct.forms', indicator: '表格样表' } as const;
const VETO = { indicatorId: 'veto.impractical-services', indicator: '服务不实用（单项否决）' } as const;

/** Text that names no content: a key element written like this is missing. */
const PLACEHOLDERS = new Set([
  '无',
  '暂无',
  '略',
  '待定',
  '待补充',
  '待完善',
  '未知',
  '不详',
  '同上',
  '空',
  '见附件',
  '详见附件',
  '详见窗口',
  '见窗口',
  '咨询窗口',
  '另行通知',
  'na',
  'n/a',
  'null',
  'tbd',
]);
/** 收费标准 may rightly say there is no fee. */
const NO_FEE = /^(无|不收费|免费|免收|不收取任何费用|无收费|本事项不收费)$/;

const meaningful = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
export const isPlaceholder = (text: string): boolean => {
  const m = meaningful(text);
  return m === '' || PLACEHOLDERS.has(m);
};
const present = (text: string) => !isPlaceholder(text);

/** Whether each key element is there, in the order of the indicators. */
export function keyElementPresence(g: GuideData): Record<KeyElement, boolean> {
  const fee = meaningful(g.fee.standard);
  return {
    事项名称: present(g.name),
    设定依据: g.basis.some((b) => present(b.title)),
    申请条件: present(g.conditions),
    办理材料: g.materials.some((m) => present(m.name)),
    办理地点: present(g.place),
    办理机构: present(g.organ),
    收费标准: fee !== '' && (NO_FEE.test(fee) || present(g.fee.standard)),
    办理时间: present(g.hours),
    联系电话: parsePhones(g.phones.consult).length > 0,
    办理流程: g.process.some((s) => present(s.title) || present(s.detail)),
  };
}

const ELEMENT_FIELD: Record<KeyElement, string> = {
  事项名称: 'name',
  设定依据: 'basis',
  申请条件: 'conditions',
  办理材料: 'materials',
  办理地点: 'place',
  办理机构: 'organ',
  收费标准: 'fee.standard',
  办理时间: 'hours',
  联系电话: 'phones.consult',
  办理流程: 'process',
};

export const missingElements = (g: GuideData): KeyElement[] =>
  (Object.entries(keyElementPresence(g)) as [KeyElement, boolean][]).filter(([, ok]) => !ok).map(([k]) => k);

const materialPlace = (m: GuideMaterial, i: number) => `办理材料第${i + 1}项“${m.name}”`;

/** The texts scanned for vague wording, each with its field and place. */
function textFields(g: GuideData): { field: string; place: string; text: string }[] {
  return [
    { field: 'conditions', place: '申请条件', text: g.conditions },
    ...g.materials.flatMap((m, i) => [
      { field: `materials.${i}.name`, place: `${materialPlace(m, i)}的名称`, text: m.name },
      { field: `materials.${i}.notes`, place: `${materialPlace(m, i)}的填报须知`, text: m.notes },
      { field: `materials.${i}.sourceNote`, place: `${materialPlace(m, i)}的来源说明`, text: m.sourceNote },
    ]),
    { field: 'place', place: '办理地点', text: g.place },
    { field: 'organ', place: '办理机构', text: g.organ },
    { field: 'fee.standard', place: '收费标准', text: g.fee.standard },
    { field: 'fee.basis', place: '收费依据', text: g.fee.basis },
    { field: 'hours', place: '办理时间', text: g.hours },
    ...g.process.map((s, i) => ({
      field: `process.${i}`,
      place: `办理流程第${i + 1}步“${s.title}”`,
      text: `${s.title}${s.detail}`,
    })),
  ];
}

const validUrl = (url: string) => /^https?:\/\/[^\s]+\.[^\s]+/i.test(url);

/** Every finding of one guide, in the order of the fields. */
export function checkGuide(g: GuideData, ctx: GateContext): GuideFinding[] {
  const findings: GuideFinding[] = [];
  const once = new Set<string>();
  /** Rules counted once per item: only the first finding carries the points. */
  const oncePoints = (rule: string, points: number) => {
    if (once.has(rule)) return 0;
    once.add(rule);
    return points;
  };

  // 办事指南 2: each missing key element, 0.5 each.
  const missing = missingElements(g);
  for (const element of missing)
    findings.push({
      code: 'element-missing',
      ...GUIDES,
      subRule: 2,
      points: 0.5,
      cost: '每缺失一处扣0.5分',
      field: ELEMENT_FIELD[element],
      place: element,
      message: `缺少重点要素“${element}”`,
    });

  // 服务不实用: an item missing 4 or more key elements counts towards the veto.
  if (missing.length >= 4)
    findings.push({
      code: 'impractical',
      ...VETO,
      subRule: 2,
      points: 0,
      cost: '缺失4类及以上要素的事项达5个即单项否决',
      field: '',
      place: '整个办事指南',
      message: `缺失 ${missing.length} 类重点要素（${missing.join('、')}），计入“服务不实用”`,
    });

  // 办事指南 3: materials without their format (原件/复印件, 纸质/电子, 份数), 1 per item.
  g.materials.forEach((m, i) => {
    const lacking = [!m.form && '原件/复印件', !m.medium && '纸质/电子', !(m.copies && m.copies > 0) && '份数'].filter(
      Boolean,
    ) as string[];
    if (lacking.length === 0) return;
    findings.push({
      code: 'material-format',
      ...GUIDES,
      subRule: 3,
      points: oncePoints('format', 1),
      cost: '每个事项扣1分',
      field: `materials.${i}`,
      place: materialPlace(m, i),
      message: `未说明${lacking.join('、')}`,
    });
  });

  // 办事指南 4: vague wording from the dictionary, 2 per item.
  for (const f of textFields(g))
    for (const hit of findVague(f.text, ctx.vagueWords))
      findings.push({
        code: 'vague-wording',
        ...GUIDES,
        subRule: 4,
        points: oncePoints('vague', 2),
        cost: '每个事项扣2分',
        field: f.field,
        place: f.place,
        message: `表述含糊不清：“${hit.word}”，请写明具体材料或要求`,
        excerpt: f.text.slice(Math.max(0, hit.start - 10), hit.end + 10),
      });

  // 办事指南 5 and 服务关联: a basis that is only a name, or names a document without content.
  g.basis.forEach((b, i) => {
    const place = `设定依据第${i + 1}项《${b.title.replace(/^《|》$/g, '')}》`;
    const alsoAffects = ['服务关联（加分）'];
    if (b.documentId === null) {
      findings.push({
        code: 'basis-name-only',
        ...GUIDES,
        subRule: 5,
        points: oncePoints('basis', 0.5),
        cost: '每个事项扣0.5分',
        field: `basis.${i}`,
        place,
        message: '政策文件仅有名称，未关联本网站政策文件库中的文件',
        alsoAffects,
      });
      return;
    }
    const doc = ctx.policy(b.documentId);
    if (!doc?.published || !doc.hasContent)
      findings.push({
        code: 'basis-no-content',
        ...GUIDES,
        subRule: 5,
        points: oncePoints('basis', 0.5),
        cost: '每个事项扣0.5分',
        field: `basis.${i}`,
        place,
        message: !doc
          ? '关联的文件不在本网站政策文件库中'
          : !doc.published
            ? `关联的文件《${doc.title}》未发布或已撤销`
            : `关联的文件《${doc.title}》没有公开正文`,
        alsoAffects,
      });
  });

  // 表格样表: a form to fill in without a blank form or a download channel, 1 per guide.
  g.materials.forEach((m, i) => {
    if (!isFormMaterial(m) || m.blankFileId !== null || validUrl(m.formUrl)) return;
    findings.push({
      code: 'form-no-channel',
      ...FORMS,
      subRule: 1,
      points: oncePoints('form', 1),
      cost: '每个办事指南扣1分',
      field: `materials.${i}.blankFileId`,
      place: materialPlace(m, i),
      message: '要求填写表单，但未提供空白表格下载或规范的表格获取渠道',
    });
  });

  // 内容准确: phone numbers that are not valid, or differ from the department's registered numbers; time limits
  // and the item's name that contradict each other.
  for (const [field, label, registered] of [
    ['phones.consult', '咨询电话', ctx.registered.consult],
    ['phones.complaint', '监督投诉电话', ctx.registered.complaint],
  ] as const) {
    for (const number of parsePhones(field === 'phones.consult' ? g.phones.consult : g.phones.complaint)) {
      if (!number.valid)
        findings.push({
          code: 'phone-invalid',
          ...ACCURACY,
          subRule: 1,
          points: 1,
          cost: '每发现一处扣1分',
          field,
          place: label,
          message: `“${number.text}”不是有效的电话号码（固定电话须带区号）`,
          excerpt: number.text,
        });
      else if (registered.length > 0 && !isRegistered(number, registered))
        findings.push({
          code: 'phone-unregistered',
          ...ACCURACY,
          subRule: 1,
          points: 1,
          cost: '每发现一处扣1分',
          field,
          place: label,
          message: `“${number.text}”与部门登记的${label}（${registered.join('、')}）不一致`,
          excerpt: number.text,
        });
    }
  }
  if (g.statutoryDays !== null && g.promisedDays !== null && g.promisedDays > g.statutoryDays)
    findings.push({
      code: 'limit-inconsistent',
      ...ACCURACY,
      subRule: 1,
      points: 1,
      cost: '每发现一处扣1分',
      field: 'promisedDays',
      place: '承诺时限',
      message: `承诺时限（${g.promisedDays}个工作日）长于法定时限（${g.statutoryDays}个工作日）`,
    });
  if (present(g.name) && meaningful(g.name) !== meaningful(ctx.itemName))
    findings.push({
      code: 'name-mismatch',
      ...ACCURACY,
      subRule: 1,
      points: 1,
      cost: '每发现一处扣1分',
      field: 'name',
      place: '事项名称',
      message: `事项名称“${g.name}”与事项目录中的“${ctx.itemName}”不一致`,
    });
  return findings;
}

/** The points the findings cost, per indicator name. */
export function costByIndicator(findings: readonly GuideFinding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) if (f.points) out[f.indicator] = (out[f.indicator] ?? 0) + f.points;
  return out;
}
