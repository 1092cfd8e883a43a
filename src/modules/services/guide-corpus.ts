// The corpus of 办事指南 the completeness gate is tested on: guides written like real ones (good ones of several
// shapes, and defective ones with the typical problems inspectors find), each with the findings it must produce —
// as `code@field` — and nothing else.
import { emptyMaterial, type GuideData, type GuideMaterial } from './guide.ts';
import type { GateContext, PolicyDocument } from './guide-gate.ts';
import { DEFAULT_VAGUE_WORDS } from './vague-words.ts';

export const CORPUS_POLICIES: PolicyDocument[] = [
  { id: 101, title: '中华人民共和国行政许可法', published: true, hasContent: true },
  { id: 102, title: '南江市公共资源交易管理办法', published: true, hasContent: true },
  { id: 103, title: '南江市政务服务管理办法', published: true, hasContent: true },
  { id: 104, title: '南江市公共资源交易管理暂行办法', published: false, hasContent: true },
  { id: 105, title: '南江市投资项目审批目录', published: true, hasContent: false },
];

export const corpusContext = (itemName: string, overrides: Partial<GateContext> = {}): GateContext => ({
  itemName,
  registered: { consult: ['0599-86601007', '0599-86601008'], complaint: ['12345', '0599-86601000'] },
  policy: (id) => CORPUS_POLICIES.find((p) => p.id === id),
  vagueWords: DEFAULT_VAGUE_WORDS,
  ...overrides,
});

const material = (name: string, extra: Partial<GuideMaterial> = {}): GuideMaterial => ({
  ...emptyMaterial(name),
  form: '原件',
  medium: '纸质',
  copies: 1,
  source: '申请人自备',
  ...extra,
});

/** A complete guide of a 行政许可 with a form, its blank form and sample. */
function good(name: string): GuideData {
  return {
    name,
    basis: [{ title: '《南江市公共资源交易管理办法》', articles: '第九条', documentId: 102 }],
    conditions: '依法设立的法人、非法人组织或者自然人，拟参加本市公共资源交易活动。',
    materials: [
      material('公共资源交易主体注册申请表', {
        isForm: true,
        blankFileId: 11,
        sampleFileId: 12,
        notes: '加盖单位公章',
      }),
      material('营业执照', { form: '电子证照', medium: '电子', source: '政府部门核发', sourceNote: '市场监管部门' }),
      material('法定代表人身份证', { form: '复印件', copies: 1 }),
    ],
    place: '南江市金湖大道188号市民服务中心三楼B区公共资源交易窗口',
    organ: '南江市政务服务管理办公室（交易管理处）',
    fee: { standard: '不收费', basis: '' },
    hours: '法定工作日上午9:00—12:00，下午13:30—17:00',
    phones: { consult: '0599-86601007', complaint: '12345' },
    process: [
      { title: '申请', detail: '网上或窗口提交申请材料' },
      { title: '受理', detail: '窗口审核材料，当场决定是否受理' },
      { title: '办结', detail: '审核通过后发放数字证书' },
    ],
    statutoryDays: 20,
    promisedDays: 5,
    caseType: '承诺件',
    online: true,
    visits: 0,
  };
}

export interface CorpusCase {
  title: string;
  itemName: string;
  guide: GuideData;
  context?: Partial<GateContext>;
  expected: string[];
}

const NAME = '公共资源交易主体注册';
const variant = (change: (g: GuideData) => void, name = NAME): GuideData => {
  const g = structuredClone(good(name));
  change(g);
  return g;
};

export const GUIDE_CORPUS: CorpusCase[] = [
  { title: 'complete guide with a form, its blank form and sample', itemName: NAME, guide: good(NAME), expected: [] },
  {
    title: 'immediate case, no fee written as 无, several registered numbers',
    itemName: '政务服务事项帮办代办',
    guide: variant((g) => {
      g.fee.standard = '无';
      g.statutoryDays = 0;
      g.promisedDays = 0;
      g.caseType = '即办件';
      g.phones = { consult: '0599-86601007、0599-86601008', complaint: '12345；0599-86601000' };
      g.materials = [material('身份证', { form: '原件', medium: '纸质或电子', copies: 1 })];
    }, '政务服务事项帮办代办'),
    expected: [],
  },
  {
    title: 'form obtained from an official download page instead of an uploaded blank form',
    itemName: NAME,
    guide: variant((g) => {
      g.materials[0] = material('公共资源交易主体注册申请表', {
        isForm: true,
        formUrl: 'https://ggzy.nanjiang.gov.cn/download/zhuce.docx',
      });
    }),
    expected: [],
  },
  {
    title: 'an extension of a registered line is that line',
    itemName: NAME,
    guide: variant((g) => {
      g.phones.consult = '0599-86601007转801';
    }),
    expected: [],
  },
  {
    title: 'several bases, all linked to published documents with text',
    itemName: NAME,
    guide: variant((g) => {
      g.basis.push({ title: '中华人民共和国行政许可法', articles: '第二十九条、第三十二条', documentId: 101 });
      g.basis.push({ title: '南江市政务服务管理办法', articles: '第十二条', documentId: 103 });
    }),
    expected: [],
  },
  {
    title: 'no registered numbers for the department: valid numbers are not compared',
    itemName: NAME,
    guide: variant((g) => {
      g.phones = { consult: '0599-86609999', complaint: '0599-86609998' };
    }),
    context: { registered: { consult: [], complaint: [] } },
    expected: [],
  },
  {
    title: 'one key element missing (办理时间)',
    itemName: NAME,
    guide: variant((g) => {
      g.hours = '';
    }),
    expected: ['element-missing@hours'],
  },
  {
    title: 'placeholder text does not fill key elements',
    itemName: NAME,
    guide: variant((g) => {
      g.conditions = '无';
      g.place = '详见窗口';
      g.organ = '——';
    }),
    expected: ['element-missing@conditions', 'element-missing@place', 'element-missing@organ'],
  },
  {
    title: 'four key elements missing: counts towards 服务不实用',
    itemName: NAME,
    guide: variant((g) => {
      g.basis = [];
      g.conditions = '';
      g.process = [];
      g.phones.consult = '';
    }),
    expected: [
      'element-missing@basis',
      'element-missing@conditions',
      'element-missing@phones.consult',
      'element-missing@process',
      'impractical@',
    ],
  },
  {
    title: 'a bare stub guide: everything but the name missing',
    itemName: NAME,
    guide: {
      ...good(NAME),
      basis: [],
      conditions: '',
      materials: [],
      place: '',
      organ: '',
      fee: { standard: '', basis: '' },
      hours: '',
      phones: { consult: '', complaint: '' },
      process: [],
    },
    expected: [
      'element-missing@basis',
      'element-missing@conditions',
      'element-missing@materials',
      'element-missing@place',
      'element-missing@organ',
      'element-missing@fee.standard',
      'element-missing@hours',
      'element-missing@phones.consult',
      'element-missing@process',
      'impractical@',
    ],
  },
  {
    title: 'materials without 份数, without medium',
    itemName: NAME,
    guide: variant((g) => {
      g.materials[1].copies = null;
      g.materials[2].medium = null;
      g.materials[2].form = null;
    }),
    expected: ['material-format@materials.1', 'material-format@materials.2'],
  },
  {
    title: 'the catch-all material “根据有关法律法规规定应提交的其他材料”',
    itemName: NAME,
    guide: variant((g) => {
      g.materials.push(material('根据有关法律法规规定应提交的其他材料'));
    }),
    expected: ['vague-wording@materials.3.name', 'vague-wording@materials.3.name'],
  },
  {
    title: 'vague wording in conditions and in a filling note',
    itemName: NAME,
    guide: variant((g) => {
      g.conditions = '符合相关规定的法人或其他组织';
      g.materials[0].notes = '按规定提交相关部门要求的证件';
    }),
    expected: ['vague-wording@conditions', 'vague-wording@materials.0.notes', 'vague-wording@materials.0.notes'],
  },
  {
    title: 'a policy named but not linked',
    itemName: NAME,
    guide: variant((g) => {
      g.basis = [{ title: '《南江市公共资源交易管理办法》', articles: '第九条', documentId: null }];
    }),
    expected: ['basis-name-only@basis.0'],
  },
  {
    title: 'a policy linked but withdrawn, another without public text',
    itemName: NAME,
    guide: variant((g) => {
      g.basis = [
        { title: '南江市公共资源交易管理暂行办法', articles: '', documentId: 104 },
        { title: '南江市投资项目审批目录', articles: '', documentId: 105 },
        { title: '某文件', articles: '', documentId: 999 },
      ];
    }),
    expected: ['basis-no-content@basis.0', 'basis-no-content@basis.1', 'basis-no-content@basis.2'],
  },
  {
    title: 'a form ticked, no blank form and no channel',
    itemName: NAME,
    guide: variant((g) => {
      g.materials[0].blankFileId = null;
    }),
    expected: ['form-no-channel@materials.0.blankFileId'],
  },
  {
    title: 'an application form not ticked as a form is still one; a link without a host is no channel',
    itemName: NAME,
    guide: variant((g) => {
      g.materials.push(material('企业投资项目备案申请书', { formUrl: '见窗口' }));
    }),
    expected: ['form-no-channel@materials.3.blankFileId'],
  },
  {
    title: 'an invalid consult number (no area code) and a complaint number that is not registered',
    itemName: NAME,
    guide: variant((g) => {
      g.phones = { consult: '86601007', complaint: '0599-86605555' };
    }),
    expected: ['phone-invalid@phones.consult', 'phone-unregistered@phones.complaint'],
  },
  {
    title: 'a number changed since the department registered its lines',
    itemName: NAME,
    guide: variant((g) => {
      g.phones.consult = '0599-86601009';
    }),
    expected: ['phone-unregistered@phones.consult'],
  },
  {
    title: 'promised longer than statutory, and a name that differs from the catalogue',
    itemName: NAME,
    guide: variant((g) => {
      g.promisedDays = 25;
      g.name = '公共资源交易主体注册登记';
    }),
    expected: ['limit-inconsistent@promisedDays', 'name-mismatch@name'],
  },
  {
    title: 'several defects at once',
    itemName: NAME,
    guide: variant((g) => {
      g.hours = '暂无';
      g.materials[1].copies = 0;
      g.materials.push(material('其他材料', { form: null }));
      g.basis[0].documentId = null;
      g.phones.consult = '0599-1234567';
    }),
    expected: [
      'element-missing@hours',
      'material-format@materials.1',
      'material-format@materials.3',
      'vague-wording@materials.3.name',
      'basis-name-only@basis.0',
      'phone-invalid@phones.consult',
    ],
  },
  {
    title: 'an edited vague-word dictionary catches a new phrase and forgets a removed one',
    itemName: NAME,
    guide: variant((g) => {
      g.place = '市民服务中心或其他指定地点';
      g.conditions = '符合相关规定的申请人';
    }),
    context: { vagueWords: ['其他指定地点'] },
    expected: ['vague-wording@place'],
  },
  {
    title: 'a fee written only as punctuation is missing',
    itemName: NAME,
    guide: variant((g) => {
      g.fee.standard = '／';
    }),
    expected: ['element-missing@fee.standard'],
  },
];
