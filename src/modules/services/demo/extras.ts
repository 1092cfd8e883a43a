// National documents the demo guides rely on, reposted into the site's policy library (政策法规) so every 设定依据
// links to a document with content; the subordinate site's items (two of them become defective after
// publication); the integrated thematic services (一件事).
import type { DemoItem } from './items.ts';

export interface DemoPolicyDoc {
  title: string;
  docNumber: string;
  issuingOrgan: string;
  writtenDate: string;
  paragraphs: string[];
}

export const NATIONAL_POLICIES: DemoPolicyDoc[] = [
  {
    title: '中华人民共和国行政许可法',
    docNumber: '中华人民共和国主席令第二十九号',
    issuingOrgan: '全国人民代表大会常务委员会',
    writtenDate: '2019-04-23',
    paragraphs: [
      '（2003年8月27日第十届全国人民代表大会常务委员会第四次会议通过，根据2019年4月23日第十三届全国人民代表大会常务委员会第十次会议《关于修改〈中华人民共和国建筑法〉等八部法律的决定》修正）',
      '第三十二条　行政机关对申请人提出的行政许可申请，申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理。',
      '第四十二条　除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。',
    ],
  },
  {
    title: '优化营商环境条例',
    docNumber: '中华人民共和国国务院令第722号',
    issuingOrgan: '国务院',
    writtenDate: '2019-10-22',
    paragraphs: [
      '第十九条　国家持续深化商事制度改革，统一企业登记业务规范，统一数据标准和平台服务接口，采用统一社会信用代码进行登记管理。国家推进“证照分离”改革，持续精简涉企经营许可事项。',
      '第三十五条　政府及其有关部门应当推进政务服务标准化，按照减环节、减材料、减时限的要求，编制并向社会公开政务服务事项标准化工作流程和办事指南，细化量化政务服务标准，压缩自由裁量权，推进同一事项实行无差别受理、同标准办理。没有法律、法规、规章依据，不得增设政务服务事项的办理条件和环节。',
      '第四十三条　作为办理行政审批条件的中介服务事项（以下称法定行政审批中介服务）应当有法律、法规或者国务院决定依据；没有依据的，不得作为办理行政审批的条件。',
      '第四十六条　国务院有关部门应当按照国务院决定的要求，编制并向社会公开涉企中介服务事项清单，并实行动态调整。',
    ],
  },
  {
    title: '企业投资项目核准和备案管理条例',
    docNumber: '中华人民共和国国务院令第673号',
    issuingOrgan: '国务院',
    writtenDate: '2016-11-30',
    paragraphs: [
      '第五条　核准机关、备案机关以及依法对项目负有监督管理职责的其他有关部门应当加强事中事后监管，按照谁审批谁监管、谁主管谁监管的原则，落实监管责任，采取在线监测、现场核查等方式，加强对项目实施的监督检查。',
      '第六条　企业办理项目核准手续，应当向核准机关提交项目申请书；由国务院核准的项目，向国务院投资主管部门提交项目申请书。',
      '第十三条　实行备案管理的项目，企业应当在开工建设前通过在线平台将企业基本情况、项目名称、建设地点、建设规模、建设内容、项目总投资额、项目符合产业政策的声明等信息告知备案机关。',
      '第十四条　备案机关收到本条例第十三条规定的全部信息即为备案；企业告知的信息不齐全的，备案机关应当指导企业补正。',
    ],
  },
  {
    title: '国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见',
    docNumber: '国办发〔2019〕51号',
    issuingOrgan: '国务院办公厅',
    writtenDate: '2019-12-03',
    paragraphs: [
      '三、（六）建立差评和投诉问题调查核实、督促整改和反馈机制。对实名差评，由各地区、各部门政务服务管理机构督促被评价单位及时核实整改，整改结果反馈评价人。',
      '三、（八）健全申诉复核机制。政务服务机构、平台和人员对差评有异议的，可以提出申诉，由政务服务管理机构复核。',
      '评价分为“非常满意”、“满意”、“基本满意”、“不满意”和“非常不满意”五个等级。',
    ],
  },
];

const WINDOW = '南江市金湖大道188号市民服务中心一楼综合窗口';
const ZWFW_PHONE = '0599-86601010';
const ZWFW_BASIS = '南江市政务服务中心帮办代办服务实施细则';

/** The subordinate site's items (窗口服务科). */
export const ZWFW_ITEMS: DemoItem[] = [
  {
    code: 'ZWFW-GG-0001',
    name: '政务服务事项预约办理',
    type: '公共服务',
    audiences: ['自然人', '法人'],
    theme: '其他',
    department: '窗口服务科',
    events: ['预约办事'],
    keywords: ['预约', '取号', '延时服务'],
    basis: [[ZWFW_BASIS, '第六条']],
    conditions: '需到市民服务中心办理政务服务事项的企业和群众。',
    materials: [
      ['预约登记表', '原件', '纸质或电子', 1, '申请人自备', true, true, '写明预约事项和时间'],
      ['经办人身份证', '原件', '纸质或电子', 1, '政府部门核发', true],
    ],
    area: WINDOW,
    phone: ZWFW_PHONE,
    process: ['预约|网上选择事项和时段', '确认|窗口确认预约', '办理|按预约时段到窗口办理'],
    statutory: null,
    promised: 1,
    caseType: '承诺件',
    online: true,
    visits: 1,
  },
  {
    code: 'ZWFW-GG-0002',
    name: '企业“一对一”帮办服务',
    type: '公共服务',
    audiences: ['法人'],
    theme: '企业开办',
    department: '窗口服务科',
    events: ['企业开办'],
    keywords: ['帮办', '一对一'],
    basis: [[ZWFW_BASIS, '第三条']],
    conditions: '新设立企业及重点项目建设单位。',
    materials: [['帮办服务需求登记表', '原件', '纸质或电子', 1, '申请人自备', true, true, '写明需要帮办的事项']],
    area: WINDOW,
    phone: ZWFW_PHONE,
    process: ['申请|提交需求', '对接|帮办员联系', '办结|反馈结果'],
    statutory: null,
    promised: 2,
    caseType: '承诺件',
    online: true,
    visits: 0,
  },
  {
    code: 'ZWFW-GG-0003',
    name: '市民服务中心遗失物品认领',
    type: '公共服务',
    audiences: ['自然人'],
    theme: '其他',
    department: '窗口服务科',
    events: [],
    keywords: ['失物招领', '遗失物品'],
    basis: [[ZWFW_BASIS, '第十二条']],
    conditions: '在市民服务中心遗失物品的群众。',
    materials: [
      ['遗失物品认领登记表', '原件', '纸质', 1, '申请人自备', true, true, '写明物品特征'],
      ['认领人身份证', '原件', '纸质', 1, '政府部门核发', true],
    ],
    area: WINDOW,
    phone: '0599-86601012',
    process: ['登记|到综合窗口登记', '核对|核对物品特征', '领取|签字领取'],
    statutory: null,
    promised: 0,
    caseType: '即办件',
    online: false,
    visits: 1,
  },
  {
    code: 'ZWFW-GG-0004',
    name: '市民服务中心会议室借用',
    type: '公共服务',
    audiences: ['法人'],
    theme: '其他',
    department: '窗口服务科',
    events: [],
    keywords: ['会议室', '场地借用'],
    basis: [[ZWFW_BASIS, '第十三条']],
    conditions: '进驻市民服务中心的部门单位因政务服务工作需要借用会议室。',
    materials: [
      [
        '会议室借用申请表',
        '原件',
        '纸质或电子',
        1,
        '申请人自备',
        true,
        true,
        '写明用途、时间和人数，按窗口要求提供会议方案',
      ],
    ],
    area: WINDOW,
    phone: ZWFW_PHONE,
    process: ['申请|提交借用申请', '审核|综合科审核', '办结|通知借用结果'],
    statutory: null,
    promised: 2,
    caseType: '承诺件',
    online: false,
    visits: 1,
  },
];

/** The lines 窗口服务科 registered when its guides were published. */
export const ZWFW_CONTACTS = { consult: ['0599-86601010', '0599-86601012'], complaint: ['12345'] };

/**
 * After publication: 窗口服务科 closed its lost-property line 0599-86601012 (the 遗失物品 guide still shows it), and the
 * site's vague-word dictionary gained “按窗口要求” (the 会议室 guide uses it). The dashboard and the inspection catch
 * both: 内容准确 −1, 办事指南 −2.
 */
export const ZWFW_DRIFT = {
  contacts: { consult: ['0599-86601010'], complaint: ['12345'] },
  addVagueWord: '按窗口要求',
};

export interface DemoTheme {
  slug: string;
  name: string;
  audience: '自然人' | '法人';
  description: string;
  itemCodes: string[];
  flow: { title: string; detail: string; codes: string[] }[];
  keywords: string[];
}

export const THEMES: DemoTheme[] = [
  {
    slug: 'qykb',
    name: '企业开办一件事',
    audience: '法人',
    description:
      '设立登记、公章刻制、涉税事项、社保登记一表申请、一窗受理、并联办理，1个工作日内办结，营业执照、印章、发票一次领取。',
    itemCodes: ['ZWB-GG-0002', 'ZWB-GG-0003', 'ZWB-GG-0004', 'ZWB-GG-0005'],
    flow: [
      { title: '一表申请', detail: '网上填写一张表、上传一套材料', codes: [] },
      { title: '设立登记', detail: '核发营业执照', codes: ['ZWB-GG-0002'] },
      {
        title: '并联办理',
        detail: '公章刻制、涉税事项、社保登记同步办理',
        codes: ['ZWB-GG-0003', 'ZWB-GG-0004', 'ZWB-GG-0005'],
      },
      { title: '一次领取', detail: '营业执照、印章、发票一并发放或免费邮寄', codes: [] },
    ],
    keywords: ['开公司', '企业开办', '营业执照'],
  },
  {
    slug: 'jyrc',
    name: '公共资源交易入场一件事',
    audience: '法人',
    description: '交易主体注册、数字证书办理、进场交易登记一次申请，投标人和招标人无需多头跑。',
    itemCodes: ['ZWB-GG-0006', 'ZWB-GG-0007', 'ZWB-GG-0009'],
    flow: [
      { title: '主体注册', detail: '注册交易主体账号', codes: ['ZWB-GG-0006'] },
      { title: '办理证书', detail: '同步办理CA数字证书', codes: ['ZWB-GG-0007'] },
      { title: '进场登记', detail: '招标项目进场交易登记', codes: ['ZWB-GG-0009'] },
    ],
    keywords: ['招投标', '投标入场', '交易入场'],
  },
  {
    slug: 'xmkg',
    name: '投资项目开工一件事',
    audience: '法人',
    description: '项目赋码、备案和工程建设项目帮办一次申请，帮办员全程跟踪至项目开工。',
    itemCodes: ['ZWB-GG-0013', 'ZWB-QT-0002', 'ZWB-GG-0014'],
    flow: [
      { title: '项目赋码', detail: '在线审批监管平台生成项目代码', codes: ['ZWB-GG-0013'] },
      { title: '项目备案', detail: '出具备案证明', codes: ['ZWB-QT-0002'] },
      { title: '帮办开工', detail: '帮办员协调后续审批至开工', codes: ['ZWB-GG-0014'] },
    ],
    keywords: ['项目开工', '投资项目', '项目审批'],
  },
];
