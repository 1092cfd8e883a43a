// A deterministic generator of realistic Chinese government items (notices, policy documents and their
// interpretations, news, service guides, public consultations, other disclosures) for the search quality set
// and the benchmark. Same seed, same corpus.
import { seededRandom } from '../../../platform/random.ts';

export interface CorpusItem {
  /** Column path in the demo site (附件1 tree). */
  column: string;
  type: 'article' | 'policy' | 'interpretation';
  title: string;
  bodyHtml: string;
  summary: string;
  pubDate: string;
  fields: { docNumber?: string; issuingOrgan?: string; writtenDate?: string; theme?: string; validity?: string };
}

export const CITY = '南江市';
const DISTRICTS = [
  '东湖区',
  '西山区',
  '北塘区',
  '南岭县',
  '青溪县',
  '高新区',
  '经开区',
  '临港新区',
  '白鹭镇',
  '桃源街道',
];
const ORGANS = [
  '南江市人民政府',
  '南江市人民政府办公室',
  '南江市政务服务管理办公室',
  '南江市人力资源和社会保障局',
  '南江市医疗保障局',
  '南江市住房公积金管理中心',
];
const DOC_ABBR = ['南政发', '南政办发', '南政办规', '南政务办发', '南人社发', '南医保发'];
const THEMES = [
  '综合政务',
  '劳动、人事、监察',
  '卫生、体育',
  '城乡建设、环境保护',
  '民政、扶贫、救灾',
  '财政、金融、审计',
  '科技、教育',
  '工业、交通',
];

/** Policy areas: what notices, policies, news and guides are about. */
export const TOPICS = [
  '城乡居民基本医疗保险',
  '职工基本养老保险',
  '住房公积金',
  '社会保险',
  '失业保险',
  '工伤保险',
  '生育保险',
  '长期护理保险',
  '最低生活保障',
  '特困人员救助供养',
  '临时救助',
  '医疗救助',
  '残疾人两项补贴',
  '高龄津贴',
  '退役军人优待抚恤',
  '义务教育招生入学',
  '学前教育资助',
  '职业技能提升培训',
  '专业技术职称评审',
  '高层次人才引进',
  '大学生创业担保贷款',
  '个体工商户登记',
  '企业开办',
  '工程建设项目审批',
  '不动产登记',
  '国有土地上房屋征收补偿',
  '公共租赁住房保障',
  '老旧小区改造',
  '城市生活垃圾分类',
  '大气污染防治',
  '河湖长制',
  '秸秆禁烧',
  '防汛防台',
  '安全生产',
  '消防安全',
  '食品安全',
  '药品安全监管',
  '疫苗接种',
  '农村饮水安全',
  '高标准农田建设',
  '乡村振兴',
  '政务服务一网通办',
  '政务服务便民热线',
  '电子证照应用',
  '政务数据共享',
  '数字政府建设',
  '营商环境',
  '政府采购',
  '政府信息公开',
  '人大代表建议办理',
  '政协提案办理',
  '行政许可',
  '双随机一公开监管',
  '社会信用体系建设',
  '知识产权保护',
  '外商投资服务',
  '招商引资',
  '文明城市创建',
  '全民健身',
  '公共文化服务',
  '旅游市场秩序',
  '出租汽车行业管理',
  '网约车经营服务',
  '公交线路优化',
  '居住证办理',
  '户籍迁移',
  '出入境证件办理',
  '机动车驾驶证',
  '婚姻登记',
  '出生医学证明',
  '个人所得税汇算清缴',
  '增值税发票',
  '社会保障卡',
  '医保电子凭证',
  '跨省通办',
  '证照分离改革',
  '告知承诺制',
  '智慧停车',
  '燃气安全',
  '供水服务',
];

/** Things people come to do: the subjects of service guides. */
export const SERVICES = [
  '住房公积金提取',
  '住房公积金贷款',
  '城乡居民医保参保登记',
  '灵活就业人员社保缴费',
  '居住证申领',
  '营业执照变更登记',
  '不动产转移登记',
  '残疾人证办理',
  '结婚登记',
  '出生医学证明补发',
  '社会保障卡申领',
  '医保异地就医备案',
  '失业保险金申领',
  '退休手续办理',
  '个体工商户注销',
  '企业设立登记',
  '建筑工程施工许可',
  '户口迁入',
  '港澳通行证签注',
  '护照申领',
  '机动车驾驶证换证',
  '公租房申请',
  '低保申请',
  '高龄津贴申领',
  '职业技能等级认定',
  '人才住房补贴申领',
  '创业担保贷款申请',
  '新生儿落户',
  '医疗费用报销',
  '养老金领取资格认证',
];

const WORKS = [
  '参保缴费',
  '集中申报',
  '年度审核',
  '资格认证',
  '信息采集',
  '补贴发放',
  '待遇调整',
  '清理规范',
  '专项整治',
  '宣传培训',
];
const ACTIVITIES = ['专项检查', '集中宣传月活动', '业务培训', '满意度调查', '督查', '示范创建', '隐患排查', '技能竞赛'];
const HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];
const HOLIDAY_SERVICES = [
  '政务服务中心窗口办公时间',
  '12345热线服务',
  '不动产登记业务办理',
  '住房公积金业务办理',
  '社保业务办理',
];
const LISTS = ['名单', '结果', '评审结果', '检查结果', '拟认定名单', '拟补助对象'];
const PLANS = ['实施办法', '管理办法', '实施细则', '工作方案', '三年行动计划', '若干措施', '补贴资金管理暂行办法'];
const NEWS: ((topic: string, year: number, district: string) => string)[] = [
  (t: string, y: number) => `市政务办召开${y}年${t}工作推进会`,
  (t: string, _y: number, d: string) => `${d}举办${t}业务培训班`,
  (t: string, _y: number, d: string) => `市政务办主要负责同志赴${d}调研${t}工作`,
  (t: string, _y: number, d: string) => `${d}${t}工作取得阶段性成效`,
  (t: string, y: number) => `我市${y}年${t}工作综述`,
  (t: string) => `${CITY}召开${t}新闻发布会`,
  (t: string, _y: number, d: string) => `${d}创新推出${t}“一件事”集成服务`,
  (t: string) => `省检查组来我市督导${t}工作`,
];
const SERVICE_TITLES = [
  (s: string) => `${s}办事指南`,
  (s: string) => `如何办理${s}`,
  (s: string) => `${s}所需材料清单`,
  (s: string) => `${s}网上办理流程`,
  (s: string) => `温馨提示：${s}可“掌上办”`,
  (s: string) => `${s}常见问题解答`,
];
const CHANNELS = [
  '“南江政务”APP',
  '南江政务服务网',
  '“南江市民”微信小程序',
  '各级政务服务中心',
  '12345政务服务便民热线',
];
const PEOPLE = [
  '城乡居民',
  '企业职工',
  '灵活就业人员',
  '在校学生',
  '退休人员',
  '困难群众',
  '个体工商户',
  '新就业形态劳动者',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const p = (text: string) => `<p>${text}</p>`;

function body(r: () => number, kind: string, topic: string, year: number, extraMax = 3): string {
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const paragraphs: string[] = [];
  if (kind === 'news') {
    paragraphs.push(
      p(`${month}月${day}日，${pick(r, DISTRICTS)}召开${topic}工作会议，总结前一阶段工作，部署下一步重点任务。`),
    );
    paragraphs.push(
      p(`会议指出，${topic}事关群众切身利益，各单位要提高政治站位，压实工作责任，确保各项措施落地见效。`),
    );
    paragraphs.push(
      p(`会议要求，要坚持问题导向，聚焦${pick(r, PEOPLE)}反映集中的难点堵点，优化办事流程，提升服务质效。`),
    );
  } else if (kind === 'service') {
    paragraphs.push(p(`一、适用对象：本市户籍及持有有效居住证的${pick(r, PEOPLE)}。`));
    paragraphs.push(p(`二、申请材料：居民身份证原件、申请表、相关证明材料。材料齐全的，窗口当场受理。`));
    paragraphs.push(
      p(`三、办理渠道：可通过${pick(r, CHANNELS)}在线办理，也可到${pick(r, DISTRICTS)}政务服务中心综合窗口现场办理。`),
    );
    paragraphs.push(p(`四、办理时限：${1 + Math.floor(r() * 10)}个工作日。收费标准：不收费。咨询电话：12345。`));
  } else {
    paragraphs.push(
      p(
        `为进一步做好${topic}工作，根据国家和省有关规定，结合我市实际，现就有关事项${kind === 'policy' ? '规定' : '通知'}如下。`,
      ),
    );
    paragraphs.push(p(`一、工作目标。到${year + 1}年底，${topic}服务体系更加健全，${pick(r, PEOPLE)}获得感明显增强。`));
    paragraphs.push(
      p(`二、时间安排。自${year}年${month}月${day}日起至${year}年${Math.min(12, month + 2)}月${day}日止。`),
    );
    paragraphs.push(p(`三、办理方式。可通过${pick(r, CHANNELS)}办理，也可到${pick(r, DISTRICTS)}服务窗口现场办理。`));
    paragraphs.push(p(`四、工作要求。各地各部门要加强组织领导，落实工作责任，做好政策宣传解读，及时回应社会关切。`));
  }
  const extra = Math.floor(r() * (extraMax + 1));
  for (let i = 0; i < extra; i++) {
    paragraphs.push(
      p(
        `${pick(r, ['同时', '此外', '下一步', '据统计'])}，${pick(r, DISTRICTS)}${pick(r, ['将', '已', '持续'])}${pick(r, ['深化', '推进', '完善', '落实'])}${pick(r, TOPICS)}相关工作，${pick(r, ['群众满意度不断提升', '办理时限压缩一半以上', '实现“最多跑一次”', '累计服务群众超过一万人次'])}。`,
      ),
    );
  }
  return paragraphs.join('');
}

/** Items spread over 2019–2026; each title at most once. */
export function generateCorpus(
  count: number,
  seed = 2026,
  options: { unique?: boolean; extraParagraphs?: number } = {},
): CorpusItem[] {
  const r = seededRandom(seed);
  const unique = options.unique ?? true;
  const seen = new Set<string>();
  const items: CorpusItem[] = [];
  const policies: string[] = [];
  let guard = 0;
  while (items.length < count && guard++ < count * 20) {
    const year = 2019 + Math.floor(r() * 8);
    const topic = pick(r, TOPICS);
    const district = pick(r, DISTRICTS);
    const roll = r();
    let item: Omit<CorpusItem, 'bodyHtml' | 'summary' | 'pubDate'> & { kind: string };
    if (roll < 0.22) {
      const forms = [
        () => `关于做好${year}年度${topic}${pick(r, WORKS)}工作的通知`,
        () => `关于开展${year}年${topic}${pick(r, ACTIVITIES)}的通知`,
        () => `关于${year}年${pick(r, HOLIDAYS)}期间${pick(r, HOLIDAY_SERVICES)}安排的通知`,
        () => `关于公布${year}年度${topic}${pick(r, LISTS)}的公告`,
        () => `${district}关于${topic}${pick(r, ['工作调整', '政策调整', '标准调整'])}的公示`,
      ];
      item = { kind: 'notice', column: '/gzdt/tzgg/', type: 'article', title: pick(r, forms)(), fields: {} };
    } else if (roll < 0.4) {
      const plan = pick(r, PLANS);
      const forms = [
        () => `${CITY}人民政府办公室关于印发${CITY}${topic}${plan}的通知`,
        () => `${CITY}人民政府关于进一步加强${topic}工作的实施意见`,
        () => `关于进一步优化${topic}服务的若干措施`,
        () => `${CITY}${topic}${plan}`,
        () => `${CITY}${topic}${pick(r, ['专项资金', '补助资金', '奖补资金'])}管理暂行办法`,
      ];
      const organ = pick(r, ORGANS);
      item = {
        kind: 'policy',
        column: pick(r, ['/zwgk/jcgk/zcfg/', '/zwgk/jcgk/bmwj/']),
        type: 'policy',
        title: pick(r, forms)(),
        fields: {
          docNumber: `${pick(r, DOC_ABBR)}〔${year}〕${1 + Math.floor(r() * 120)}号`,
          issuingOrgan: organ,
          writtenDate: `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
          theme: pick(r, THEMES),
          validity: '有效',
        },
      };
    } else if (roll < 0.5) {
      const forms = [
        () => (policies.length ? `《${pick(r, policies)}》政策解读` : `《${CITY}${topic}管理办法》政策解读`),
        () => `一图读懂${CITY}${topic}${pick(r, PLANS)}`,
        () => `图解：${year}年${topic}新政策`,
        () => `关于${CITY}${topic}${pick(r, PLANS)}的解读`,
      ];
      item = {
        kind: 'interpretation',
        column: '/zwgk/hygq/zcjd/',
        type: 'interpretation',
        title: pick(r, forms)(),
        fields: {},
      };
    } else if (roll < 0.72) {
      item = {
        kind: 'news',
        column: pick(r, ['/gzdt/bmdt/', '/gzdt/bmdt/', '/zwgk/hygq/xwfb/']),
        type: 'article',
        title: pick(r, NEWS)(topic, year, district),
        fields: {},
      };
    } else if (roll < 0.87) {
      item = {
        kind: 'service',
        column: pick(r, ['/gzdt/bszn/', '/gzdt/bmxx/']),
        type: 'article',
        title: pick(r, SERVICE_TITLES)(pick(r, SERVICES)),
        fields: {},
      };
    } else if (roll < 0.94) {
      const forms = [
        () => `关于${topic}有关问题的答复`,
        () => `${CITY}${topic}满意度网上调查`,
        () => `关于《${CITY}${topic}${pick(r, PLANS)}（征求意见稿）》公开征求意见的公告`,
        () => `网民咨询${pick(r, SERVICES)}相关问题的回复`,
      ];
      item = {
        kind: 'interaction',
        column: pick(r, ['/gzdc/', '/zwgk/jcgk/yjzj/']),
        type: 'article',
        title: pick(r, forms)(),
        fields: {},
      };
    } else {
      const forms = [
        () => `南江市政务服务管理办公室${year}年度部门预算公开`,
        () => `${year}年公开招聘事业单位工作人员拟聘用人员名单公示`,
        () => `南江市政务服务管理办公室${year}年工作总结和${year + 1}年工作计划`,
        () => `南江市政务服务管理办公室${year}年政府信息公开工作年度报告`,
        () => `${year}年${topic}重点任务清单`,
      ];
      item = {
        kind: 'other',
        column: pick(r, ['/zwgk/glgk/rsxx/', '/zwgk/ndbg/', '/zwgk/jggk/ghjh/']),
        type: 'article',
        title: pick(r, forms)(),
        fields: {},
      };
    }
    if (unique && seen.has(item.title)) continue;
    seen.add(item.title);
    if (item.kind === 'policy') policies.push(item.title);
    const bodyHtml = body(r, item.kind, topic, year, options.extraParagraphs ?? 3);
    const start = Date.UTC(year, 0, 1);
    const pubDate = new Date(Math.min(start + Math.floor(r() * 365 * 86400_000), Date.UTC(2026, 10, 20))).toISOString();
    const { kind: _kind, ...rest } = item;
    items.push({ ...rest, bodyHtml, summary: '', pubDate });
  }
  return items;
}
