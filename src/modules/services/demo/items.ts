// The demo catalogue of 南江市政务服务管理办公室 and its 市民服务中心: items as an office keeps them, each with a
// complete guide (every key element, materials with form/medium/copies/source, a form with its blank and sample,
// the policy bases linked to documents of the site's policy library). Written compactly: defaults per department.
import type {
  Audience,
  CaseType,
  ItemType,
  MaterialForm,
  MaterialMedium,
  MaterialSource,
  ServiceTheme,
} from '../service-types.ts';

/** [name, form, medium, copies, source, required?, isForm?, notes?] */
export type DemoMaterial = [string, MaterialForm, MaterialMedium, number, MaterialSource, boolean?, boolean?, string?];

export interface DemoItem {
  code: string;
  name: string;
  type: ItemType;
  audiences: Audience[];
  theme: ServiceTheme;
  department: string;
  events: string[];
  keywords: string[];
  /** [policy title as published (a key of DEMO_POLICY_TITLES or a site policy title), articles] */
  basis: [string, string][];
  conditions: string;
  materials: DemoMaterial[];
  fee?: string;
  feeBasis?: string;
  /** 办理地点 suffix (the hall's area). */
  area: string;
  phone: string;
  process: string[];
  statutory: number | null;
  promised: number | null;
  caseType: CaseType;
  online: boolean;
  visits: number;
}

export const HALL = '南江市金湖大道188号市民服务中心';
export const HALL_HOURS = '法定工作日上午9:00—12:00，下午13:30—17:00（节假日按国务院办公厅通知调整）';

/** The registered numbers of the demo departments (内容准确 compares guides with them). */
export const DEMO_CONTACTS: Record<string, { consult: string[]; complaint: string[] }> = {
  政务服务中心: {
    consult: ['0599-86601000', '0599-86601001', '0599-86601002', '0599-86601007'],
    complaint: ['12345', '0599-86601199'],
  },
  投资项目服务中心: { consult: ['0599-86601004'], complaint: ['12345', '0599-86601199'] },
  监督检查处: { consult: ['0599-86601199'], complaint: ['12345'] },
  政策法规处: { consult: ['0599-86602010'], complaint: ['12345', '0599-86601199'] },
};

export const ORGANS: Record<string, string> = {
  政务服务中心: '南江市政务服务管理办公室（市民服务中心）',
  投资项目服务中心: '南江市政务服务管理办公室（投资项目服务中心）',
  监督检查处: '南江市政务服务管理办公室（监督检查处）',
  政策法规处: '南江市政务服务管理办公室（政策法规处）',
};

const P = {
  政务: '南江市政务服务管理办法',
  网办: '南江市人民政府办公室关于进一步优化营商环境推进政务服务“一网通办”的实施意见',
  交易: '南江市公共资源交易管理办法',
  好差评: '南江市政务服务“好差评”管理实施细则',
  工程: '南江市深化工程建设项目审批制度改革实施方案',
  免证: '南江市政务服务管理办公室关于印发《政务服务事项“免证办”工作方案》的通知',
  帮办: '南江市政务服务管理办公室关于印发《南江市政务服务“帮办代办”工作规范》的通知',
  热线: '南江市政务服务管理办公室关于印发《南江市12345政务服务便民热线工单办理规范》的通知',
  许可法: '中华人民共和国行政许可法',
  营商: '优化营商环境条例',
  投资: '企业投资项目核准和备案管理条例',
  评价: '国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见',
};

const APPLY = [
  '申请|网上或窗口提交申请材料',
  '受理|窗口审核材料，材料齐全的当场受理',
  '审核|承办人员审核',
  '办结|出具办理结果，可邮寄送达',
];
const ID: DemoMaterial = [
  '经办人身份证',
  '原件',
  '纸质或电子',
  1,
  '政府部门核发',
  true,
  false,
  '现场核验原件，网上申请上传正反面',
];
const LICENCE: DemoMaterial = [
  '营业执照',
  '电子证照',
  '电子',
  1,
  '政府部门核发',
  true,
  false,
  '已归集电子证照的免于提交',
];

const form = (name: string, notes = '如实填写并签字（盖章）'): DemoMaterial => [
  name,
  '原件',
  '纸质或电子',
  1,
  '申请人自备',
  true,
  true,
  notes,
];

export const MAIN_ITEMS: DemoItem[] = [
  {
    code: 'ZWB-GG-0001',
    name: '政务服务事项帮办代办',
    type: '公共服务',
    audiences: ['自然人', '法人'],
    theme: '其他',
    department: '政务服务中心',
    events: ['企业开办', '项目建设', '老年人办事'],
    keywords: ['帮办', '代办', '代跑'],
    basis: [
      [P.帮办, '第三条至第八条'],
      [P.政务, '第二十一条'],
    ],
    conditions: '在本市办理政务服务事项有困难的企业和群众，特别是老年人、残疾人和重点项目建设单位。',
    materials: [form('帮办代办服务申请表'), ID],
    area: '一楼大厅帮办代办窗口',
    phone: '0599-86601000',
    process: [
      '申请|网上或现场提出帮办代办需求',
      '对接|帮办员1个工作日内联系申请人',
      '代办|帮办员全程代办或陪同办理',
      '办结|反馈办理结果并回访',
    ],
    statutory: null,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWB-GG-0002',
    name: '企业开办“一窗通办”综合受理',
    type: '公共服务',
    audiences: ['法人', '自然人'],
    theme: '企业开办',
    department: '政务服务中心',
    events: ['企业开办'],
    keywords: ['营业执照', '企业设立', '开公司', '企业开办', '设立登记'],
    basis: [
      [P.营商, '第十九条'],
      [P.网办, '第二部分第（三）项'],
    ],
    conditions: '在本市申请设立有限责任公司、股份有限公司、个人独资企业、合伙企业及其分支机构的申请人。',
    materials: [
      form('企业设立登记申请书', '由法定代表人签署'),
      ['公司章程', '原件', '纸质或电子', 1, '申请人自备', true],
      ['住所使用证明', '复印件', '纸质或电子', 1, '申请人自备', true],
      ID,
    ],
    area: '一楼B区企业开办专区',
    phone: '0599-86601002',
    process: [
      '申请|在南江政务服务网或企业开办专区提交材料',
      '受理|综合窗口一次受理',
      '审核|市场监管部门审核并核发营业执照',
      '办结|营业执照、印章、发票、社保登记一并发放',
    ],
    statutory: 3,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWB-GG-0003',
    name: '新办企业公章刻制备案代办',
    type: '公共服务',
    audiences: ['法人'],
    theme: '企业开办',
    department: '政务服务中心',
    events: ['企业开办'],
    keywords: ['刻章', '公章', '印章备案'],
    basis: [
      [P.营商, '第十九条'],
      [P.免证, '第三部分'],
    ],
    conditions: '已取得营业执照、需要刻制首套印章的新办企业。',
    materials: [form('印章刻制申请表'), LICENCE, ID],
    fee: '首套印章由政府购买服务，企业不付费',
    feeBasis: '《南江市企业开办首套印章免费刻制实施办法》（南政办发〔2025〕12号）',
    area: '一楼B区企业开办专区',
    phone: '0599-86601002',
    process: ['申请|随企业开办一并申请', '受理|窗口代收材料', '刻制|备案刻章企业刻制', '办结|印章与营业执照一并发放'],
    statutory: 1,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWB-GG-0004',
    name: '新办企业涉税事项综合受理',
    type: '公共服务',
    audiences: ['法人'],
    theme: '企业开办',
    department: '政务服务中心',
    events: ['企业开办'],
    keywords: ['发票', '税务登记', '税控', '新办纳税人'],
    basis: [[P.营商, '第十九条、第三十五条']],
    conditions: '已取得营业执照、首次办理涉税事项的新办企业。',
    materials: [
      form('新办纳税人涉税事项综合申请表'),
      LICENCE,
      ['财务负责人身份证', '复印件', '纸质或电子', 1, '政府部门核发', true],
    ],
    area: '一楼B区企业开办专区',
    phone: '0599-86601002',
    process: ['申请|随企业开办一并申请', '受理|综合窗口受理', '审核|税务部门确认税费种并发放发票', '办结|一并发放'],
    statutory: 1,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWB-GG-0005',
    name: '企业职工参保登记综合受理',
    type: '公共服务',
    audiences: ['法人'],
    theme: '企业开办',
    department: '政务服务中心',
    events: ['企业开办', '招用员工'],
    keywords: ['社保登记', '单位参保', '社保开户'],
    basis: [
      [P.营商, '第十九条'],
      [P.网办, '第二部分第（五）项'],
    ],
    conditions: '已取得营业执照、首次为职工办理社会保险参保登记的用人单位。',
    materials: [form('社会保险单位参保登记表'), LICENCE, ['职工名册', '原件', '电子', 1, '申请人自备', true]],
    area: '一楼B区企业开办专区',
    phone: '0599-86601002',
    process: APPLY,
    statutory: 5,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWB-GG-0006',
    name: '公共资源交易主体注册',
    type: '公共服务',
    audiences: ['法人', '自然人'],
    theme: '公共资源交易',
    department: '政务服务中心',
    events: ['参与招标投标'],
    keywords: ['交易主体', '投标注册', '供应商注册'],
    basis: [[P.交易, '第九条']],
    conditions: '依法设立的法人、非法人组织或者自然人，拟参加本市公共资源交易活动。',
    materials: [
      form('公共资源交易主体注册申请表', '加盖单位公章'),
      LICENCE,
      ['法定代表人身份证明', '原件', '纸质或电子', 1, '申请人自备', true],
    ],
    area: '三楼B区公共资源交易窗口',
    phone: '0599-86601007',
    process: ['申请|网上提交注册信息', '审核|窗口审核', '办结|审核通过后开通交易账号'],
    statutory: 5,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
];
