// Register entries beyond the ordinary approvals: every way a submission can end (or still wait), so the
// 信息发布审查登记 and the reviewers' inboxes show a realistic mix. Each case names its department by code.
import { guideBody } from './guides.ts';
import type { DemoArticle } from './types.ts';

export type ReviewCaseKind =
  /** 审核人 says 不同意; the editor has not resubmitted. */
  | 'rejected-by-reviewer'
  /** 审核人 says 不同意; the next working day the revised item passes both steps. */
  | 'rejected-by-reviewer-then-approved'
  /** 分管领导 says 不同意; not resubmitted. */
  | 'rejected-by-leader'
  | 'rejected-by-leader-then-approved'
  /** Waiting for the 审核人. */
  | 'open-at-reviewer'
  /** Passed the 审核人, waiting for the 分管领导. */
  | 'open-at-leader'
  /** Submitted with 涉密=不明确, waiting for the 保密审查员. */
  | 'open-at-secrecy'
  /** The 审核人 escalates (不明确), the 保密审查员 finds it 涉密: closed, never published. */
  | 'secret-after-escalation'
  /** The 承办人 declares it 涉密 at once: registered and closed. */
  | 'secret-at-submit'
  /** 涉密=不明确 at submission, 不涉密 after the secrecy review, then approved. */
  | 'unclear-then-approved'
  /** Approved for 依申请提供: catalogued, its body not public. */
  | 'on-request';

export interface ReviewCase extends DemoArticle {
  kind: ReviewCaseKind;
  dept: string;
  /** The opinion of whoever says 不同意 / 不明确 / 涉密. */
  opinion?: string;
  /** The revised text of a rejected-then-approved item. */
  revised?: { title: string; body: string[] };
}

export const REVIEW_CASES: ReviewCase[] = [
  {
    kind: 'rejected-by-reviewer-then-approved',
    dept: 'zh',
    column: '工作动态/部门动态',
    daysAgo: 31,
    title: '市政务办召开会议',
    body: ['近日，市政务办召开会议，研究“好差评”有关工作。'],
    opinion: '标题过于笼统，未体现会议主题；正文缺少会议时间和主要内容，请修改完善后重新报送。',
    revised: {
      title: '市政务办召开政务服务“好差评”差评整改专题会议',
      body: [
        '{date-1}，市政务办召开政务服务“好差评”差评整改专题会议，逐件分析近期差评原因，研究整改措施。',
        '会议要求，各进驻部门要对差评涉及的问题举一反三，完善办事指南，加强窗口人员业务培训，整改情况在5个工作日内报监管服务中心。',
      ],
    },
  },
  {
    kind: 'rejected-by-reviewer',
    dept: 'zx',
    column: '政务公开/管理公开/人事信息',
    daysAgo: 6,
    title: '市政务办公开遴选公务员拟遴选人员名单公示',
    body: ['根据公务员公开遴选有关规定，经笔试、面试和考察，现将拟遴选人员名单予以公示。', '公示期为5个工作日。'],
    opinion: '拟遴选人员名单尚未经党组会议研究确定，暂缓发布。',
  },
  {
    kind: 'rejected-by-leader',
    dept: 'zwfw',
    column: '工作动态/便民信息',
    daysAgo: 4,
    title: '关于市民服务中心试行夜间延时服务的通知',
    body: [
      '为方便上班族办事，市民服务中心拟于每周三试行夜间延时服务，服务时间延长至20:00。',
      '夜间延时服务期间，可办理社保、医保、户政等高频事项。',
    ],
    opinion: '夜间延时服务方案尚未经主任办公会研究，进驻部门人员安排也未落实，暂不发布。',
  },
  {
    kind: 'rejected-by-leader-then-approved',
    dept: 'zh',
    column: '工作动态/通知公告',
    daysAgo: 64,
    title: '关于征集政务服务“微改革”项目的通知',
    body: ['为推动政务服务持续优化，市政务办决定面向全市征集政务服务“微改革”项目。'],
    opinion: '请明确征集截止时间和报送方式后再发布。',
    revised: {
      title: '关于征集政务服务“微改革”项目的通知',
      body: [
        '为推动政务服务持续优化，市政务办决定面向全市征集政务服务“微改革”项目。',
        '征集范围：各县（市、区）政务办、市级各政务服务部门在减环节、减材料、减时间、减跑动等方面的创新举措。',
        '报送方式：请于{date+20}前将项目材料发送至 zwb@nanjiang.gov.cn，邮件标题注明“微改革项目+单位名称”。',
      ],
    },
  },
  {
    kind: 'open-at-reviewer',
    dept: 'dw',
    column: '党务公开/党建动态',
    daysAgo: 1,
    title: '机关第一党支部开展“三会一课”观摩活动',
    body: [
      '{date}，机关第一党支部开展“三会一课”观摩活动，其他党支部书记和组织委员现场观摩。',
      '观摩活动促进了各党支部之间的交流学习，进一步规范了党内组织生活。',
    ],
  },
  {
    kind: 'open-at-reviewer',
    dept: 'zwfw',
    column: '工作动态/便民信息',
    daysAgo: 2,
    title: '市民服务中心新增5台自助办税终端',
    body: [
      '市民服务中心二楼B区新增5台自助办税终端，可办理发票领用、完税证明开具、个人所得税申报等业务。',
      '纳税人可在中心对外服务时间内自助办理，遇到问题可咨询现场工作人员。',
    ],
  },
  {
    kind: 'open-at-leader',
    dept: 'tzxm',
    column: '政务公开/服务公开/中介服务',
    daysAgo: 2,
    title: '关于网上中介服务超市新增测绘服务类别的公告',
    body: [
      '为满足项目业主需求，南江市网上中介服务超市新增不动产测绘、房产面积测算两个服务类别。',
      '符合条件的测绘机构可登录网上中介服务超市申请入驻。',
    ],
  },
  {
    kind: 'open-at-leader',
    dept: 'fg',
    column: '工作动态/办事指南',
    daysAgo: 1,
    title: '公共资源交易主体信息变更办事指南',
    body: guideBody({
      name: '公共资源交易主体信息变更',
      basis: '《南江市公共资源交易管理办法》第九条',
      conditions: '已在本市公共资源交易平台注册的交易主体，名称、法定代表人等注册信息发生变化',
      materials: [
        '交易主体信息变更申请表（原件1份，加盖单位公章）',
        '变更后的营业执照（电子证照免提交；无电子证照的提供复印件1份，加盖单位公章）',
      ],
      place: '市民服务中心三楼B区公共资源交易窗口；也可在南江市公共资源交易网在线办理',
      organ: '南江市政务服务管理办公室（交易管理处）',
      fee: '不收费',
      time: '法定工作日上午9:00—12:00，下午13:30—17:00；材料齐全的当场办结',
      phone: '0599-86601007',
      steps: '提交申请—窗口审核—变更信息—办结',
    }),
  },
  {
    kind: 'open-at-secrecy',
    dept: 'jdjc',
    column: '政务公开/管理公开/双公示',
    daysAgo: 1,
    title: '公共资源交易领域专项整治问题线索移交情况',
    body: [
      '专项整治开展以来，监督检查处共向有关行业主管部门和纪检监察机关移交问题线索28条。',
      '移交线索涉及招标文件设置不合理条件、围标串标等问题。',
    ],
  },
  {
    kind: 'secret-after-escalation',
    dept: 'zh',
    column: '政务公开/执行公开/重点改革任务',
    daysAgo: 12,
    title: '政务云平台网络安全攻防演练发现问题整改情况',
    body: [
      '在全市网络安全攻防演练中，政务云平台共发现安全问题9个，涉及边界防护、主机加固和数据备份等方面。',
      '目前已完成整改7个，其余2个正在整改。',
    ],
    opinion: '涉及政务云平台安全问题细节，是否涉密不明确，提请保密审查。',
  },
  {
    kind: 'secret-at-submit',
    dept: 'zh',
    column: '政务公开/执行公开/重点改革任务',
    daysAgo: 47,
    title: '关于电子政务外网核心设备配置调整方案的报告',
    body: ['根据电子政务外网安全加固工作要求，现将核心设备配置调整方案报告如下。'],
  },
  {
    kind: 'unclear-then-approved',
    dept: 'zh',
    column: '政务公开/管理公开/财政信息',
    daysAgo: 7,
    title: '市民服务中心运行维护项目政府采购意向公开',
    body: [
      '为便于供应商及时了解政府采购信息，现将市政务办市民服务中心运行维护项目采购意向公开如下。',
      '采购内容：市民服务中心物业管理、设备运行维护服务；预算金额：386万元；预计采购时间：{month+1}。',
      '本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。',
    ],
  },
  {
    kind: 'on-request',
    dept: 'zh',
    column: '政务公开/管理公开/审计信息',
    daysAgo: 56,
    title: '市政务办上年度预算执行审计整改明细表',
    body: [
      '审计整改明细表载明了审计发现问题、整改措施、整改责任人和完成时间。',
      '公民、法人或者其他组织可以依照《中华人民共和国政府信息公开条例》申请获取。',
    ],
  },
];
