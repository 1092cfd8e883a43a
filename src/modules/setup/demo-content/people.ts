// The people of the demo: 市政务办's leaders (published in 领导信息, so the pre-publish leader/post check knows
// them) and the staff accounts who write, review and approve the demo content. Every text of the demo names a
// leader only with the post written here.
import type { Role } from '../../../platform/auth/roles.ts';

export interface DemoLeader {
  name: string;
  /** 职务 as published; the leader/post check splits it at 、 */
  post: string;
  duties: string;
  resume: string;
  /** A short introduction shown as the body of the leader's page. */
  intro: string;
}

export const MAIN_LEADERS: DemoLeader[] = [
  {
    name: '陈立群',
    post: '党组书记、主任',
    duties: '主持市政务办全面工作。',
    resume:
      '陈立群，男，汉族，1971年3月生，江苏南江人，研究生学历，管理学硕士，1993年7月参加工作，1995年6月加入中国共产党。曾任南江市发展和改革委员会投资处处长、副主任，南江县人民政府副县长。现任南江市政务服务管理办公室党组书记、主任。',
    intro: '主持市政务办全面工作，负责党组全面从严治党主体责任的落实。',
  },
  {
    name: '周海涛',
    post: '党组成员、副主任',
    duties: '负责综合、政务服务中心运行管理、电子政务推进等方面工作。分管综合处、政务服务中心、电子政务推进中心。',
    resume:
      '周海涛，男，汉族，1975年9月生，江苏南江人，大学学历，工学学士，1997年8月参加工作，2001年5月加入中国共产党。曾任南江市信息中心副主任、南江市大数据管理中心主任。现任南江市政务服务管理办公室党组成员、副主任。',
    intro: '负责综合、政务服务中心运行管理、电子政务推进等方面工作。',
  },
  {
    name: '林晓燕',
    post: '党组成员、副主任',
    duties: '负责政策法规、审批制度改革、监督检查等方面工作。分管法规处、政策法规处、监督检查处、监管服务中心。',
    resume:
      '林晓燕，女，汉族，1978年11月生，江苏南江人，研究生学历，法学硕士，2003年7月参加工作，2002年6月加入中国共产党。曾任南江市司法局法制科科长、南江市人民政府法制办公室副主任。现任南江市政务服务管理办公室党组成员、副主任。',
    intro: '负责政策法规、审批制度改革、监督检查等方面工作。',
  },
  {
    name: '王建华',
    post: '党组成员、副主任',
    duties: '负责政务服务、公共资源交易管理、投资项目服务等方面工作。分管政务处、交易管理处、投资项目服务中心。',
    resume:
      '王建华，男，汉族，1973年6月生，江苏南江人，大学学历，经济学学士，1995年8月参加工作，1998年7月加入中国共产党。曾任南江市公共资源交易中心副主任、南江市住房和城乡建设局副局长。现任南江市政务服务管理办公室党组成员、副主任。',
    intro: '负责政务服务、公共资源交易管理、投资项目服务等方面工作。',
  },
  {
    name: '孙志明',
    post: '党组成员、直属机关党委书记',
    duties: '负责机关党建、组织人事、宣传和党风廉政建设等方面工作。分管组宣处、直属机关党委。',
    resume:
      '孙志明，男，汉族，1972年12月生，江苏南江人，中央党校研究生学历，1994年8月参加工作，1993年12月加入中国共产党。曾任南江市委组织部干部一科科长、南江市机关事务管理局副局长。现任南江市政务服务管理办公室党组成员、直属机关党委书记。',
    intro: '负责机关党建、组织人事、宣传和党风廉政建设等方面工作。',
  },
];

export const ZWFW_LEADERS: DemoLeader[] = [
  {
    name: '吴国庆',
    post: '主任',
    duties: '主持市政务服务中心全面工作。',
    resume:
      '吴国庆，男，汉族，1976年10月生，江苏南江人，大学学历，1998年8月参加工作，2003年6月加入中国共产党。曾任南江市政务服务中心综合科科长、副主任。现任南江市政务服务中心主任。',
    intro: '主持市政务服务中心全面工作。',
  },
  {
    name: '郑丽娟',
    post: '副主任',
    duties: '负责窗口运行管理、帮办代办和“好差评”工作。分管窗口服务科。',
    resume:
      '郑丽娟，女，汉族，1981年4月生，江苏南江人，大学学历，2004年7月参加工作，2008年6月加入中国共产党。曾任南江市政务服务中心窗口服务科科长。现任南江市政务服务中心副主任。',
    intro: '负责窗口运行管理、帮办代办和“好差评”工作。',
  },
];

/** A department of a demo site that writes content: its code (username prefix) and its three reviewers. */
export interface DemoDepartment {
  site: 'main' | 'zwfw';
  code: string;
  name: string;
  editor: string;
  reviewer: string;
  /** The 分管领导 (a published leader's name, so the register shows who approved). */
  leader: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { site: 'main', code: 'zh', name: '综合处', editor: '刘佳', reviewer: '马国栋', leader: '周海涛' },
  { site: 'main', code: 'zx', name: '组宣处', editor: '许文静', reviewer: '韩雪松', leader: '孙志明' },
  { site: 'main', code: 'zwfw', name: '政务服务中心', editor: '蒋悦', reviewer: '黄志强', leader: '周海涛' },
  { site: 'main', code: 'fg', name: '法规处', editor: '钱子涵', reviewer: '谢伟', leader: '林晓燕' },
  { site: 'main', code: 'zcfg', name: '政策法规处', editor: '沈一鸣', reviewer: '杜慧敏', leader: '林晓燕' },
  { site: 'main', code: 'dw', name: '直属机关党委', editor: '袁晨', reviewer: '唐建平', leader: '孙志明' },
  { site: 'main', code: 'jdjc', name: '监督检查处', editor: '冯雨萱', reviewer: '曹俊', leader: '林晓燕' },
  { site: 'main', code: 'tzxm', name: '投资项目服务中心', editor: '邓凯', reviewer: '彭丽', leader: '王建华' },
  { site: 'zwfw', code: 'zx_zwfw', name: '综合科', editor: '宋晓晴', reviewer: '潘磊', leader: '吴国庆' },
  { site: 'zwfw', code: 'ck_zwfw', name: '窗口服务科', editor: '程雅', reviewer: '方振宇', leader: '郑丽娟' },
];

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  site: 'main' | 'zwfw';
  /** null: an account serving the whole site rather than a department (site administrator, inspector). */
  department: string | null;
  role: Role;
  /** What the account is for, as the README lists it. */
  description: string;
}

const ROLE_SUFFIX: [Role, string, string][] = [
  ['editor', 'bianji', '编辑（承办人）'],
  ['reviewer', 'shenhe', '审核人'],
  ['leader', 'lingdao', '分管领导'],
];

export const DEMO_ACCOUNT_SPECS: DemoAccountSpec[] = [
  ...DEMO_DEPARTMENTS.flatMap((d) =>
    ROLE_SUFFIX.map(
      ([role, suffix, label]): DemoAccountSpec => ({
        username: `${d.code}_${suffix}`,
        displayName: role === 'editor' ? d.editor : role === 'reviewer' ? d.reviewer : d.leader,
        site: d.site,
        department: d.name,
        role,
        description: `${d.site === 'zwfw' ? '市政务服务中心' : '市政务办'}${d.name}${label}`,
      }),
    ),
  ),
  {
    username: 'baomi',
    displayName: '高明',
    site: 'main',
    department: '综合处',
    role: 'secrecy_reviewer',
    description: '保密审查员（全部站点）',
  },
  // So every role can be tried: the site's administrator (designates reviewers, reassigns stuck items) and
  // an inspector who runs the inspection engine and reads its reports.
  {
    username: 'zhandian',
    displayName: '罗静',
    site: 'main',
    department: null,
    role: 'site_admin',
    description: '站点管理员（市政务办门户网站）',
  },
  {
    username: 'jiancha',
    displayName: '方正',
    site: 'main',
    department: null,
    role: 'inspector',
    description: '检查员（市政务办门户网站）',
  },
];
