// Loads the column tree of 附件1 (市政务办门户网站有关栏目任务分解表) into a site: departments, columns, lead and
// cooperating departments and update cycles. The data file is a copy of the seed's machine-readable table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db/database.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import * as columnsRepo from './columns.repository.ts';
import type { ColumnKind, ColumnType } from './column-types.ts';

interface Annex1Column {
  name: string;
  fullName?: string;
  marker?: string;
  lead?: string;
  cooperating?: string[];
  maxUpdateDays?: number | null;
  children?: Annex1Column[];
}

/** 配合部门 written as this phrase means "whichever division the lead assigns", not a department. */
export const OPEN_COOPERATION = '相关处室、事业单位';

const DATA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/columns.json');

export function annex1Columns(): Annex1Column[] {
  return (JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as { columns: Annex1Column[] }).columns;
}

interface Placement {
  slug: string;
  type: ColumnType;
  kind?: ColumnKind;
  description: string;
  keywords?: string;
}

// Keyed by the column's path of names, since 组织机构 appears twice (党务公开 and 管理公开).
const PLACEMENTS: Record<string, Placement> = {
  部门概况: {
    slug: 'bmgk',
    type: '概况信息',
    description: '市政务办的部门简介、领导信息、机构职能、窗口电话、位置交通、服务时间和联系方式',
  },
  '部门概况/部门简介': { slug: 'bmjj', type: '概况信息', kind: 'page', description: '市政务办的基本情况介绍' },
  '部门概况/领导信息': { slug: 'ldxx', type: '领导信息', description: '市政务办领导的姓名、职务、分工和简历' },
  '部门概况/机构职能': {
    slug: 'jgzn',
    type: '机构职能',
    kind: 'page',
    description: '市政务办的主要职责、内设机构及其职能',
  },
  '部门概况/窗口电话': {
    slug: 'ckdh',
    type: '概况信息',
    kind: 'page',
    description: '政务服务中心各办事窗口的咨询电话',
  },
  '部门概况/位置交通': {
    slug: 'wzjt',
    type: '概况信息',
    kind: 'page',
    description: '办公地点及公交、地铁、自驾等交通指引',
  },
  '部门概况/服务时间': { slug: 'fwsj', type: '概况信息', kind: 'page', description: '政务服务中心对外服务时间' },
  '部门概况/联系我们': {
    slug: 'lxwm',
    type: '概况信息',
    kind: 'page',
    description: '市政务办的联系电话、传真、邮箱和地址',
  },
  工作动态: { slug: 'gzdt', type: '动态要闻', description: '市政务办的工作动态、通知公告和便民信息' },
  '工作动态/部门动态': { slug: 'bmdt', type: '动态要闻', description: '市政务办及各处室、直属单位的工作动态' },
  '工作动态/通知公告': { slug: 'tzgg', type: '通知公告', description: '市政务办发布的通知、公告和公示' },
  '工作动态/便民信息': { slug: 'bmxx', type: '办事服务', description: '面向群众和企业的办事提醒与便民服务信息' },
  '工作动态/最多跑一次改革': { slug: 'zdpyc', type: '其他', description: '“最多跑一次”改革的工作进展和成效' },
  '工作动态/办事指南': { slug: 'bszn', type: '办事服务', description: '政务服务事项的办事指南' },
  三服务: { slug: 'sfw', type: '其他', description: '服务企业、服务群众、服务基层的承诺和动态' },
  '三服务/服务承诺': { slug: 'fwcn', type: '其他', kind: 'page', description: '市政务办“三服务”工作承诺' },
  '三服务/服务动态': { slug: 'fwdt', type: '动态要闻', description: '“三服务”工作动态' },
  党务公开: { slug: 'dwgk', type: '其他', description: '机关党建、党务公开和群团工作' },
  '党务公开/专题教育': { slug: 'ztjy', type: '其他', description: '党内专题教育活动' },
  '党务公开/组织机构': { slug: 'dzzjg', type: '其他', kind: 'page', description: '机关党组织的设置和组成' },
  '党务公开/党建动态': { slug: 'djdt', type: '动态要闻', description: '机关党建工作动态' },
  '党务公开/党内法规': { slug: 'dnfg', type: '其他', description: '党内法规和规范性文件' },
  '党务公开/廉政建设': { slug: 'lzjs', type: '其他', description: '党风廉政建设工作' },
  '党务公开/群团工作': { slug: 'qtgz', type: '其他', description: '工会、共青团、妇委会工作' },
  '党务公开/结对帮扶': { slug: 'jdbf', type: '其他', description: '结对帮扶工作' },
  公众调查: { slug: 'gzdc', type: '互动交流', description: '网上调查和意见征集' },
  政务公开: { slug: 'zwgk', type: '信息公开', description: '市政务办政府信息公开平台' },
  '政务公开/决策公开': { slug: 'jcgk', type: '信息公开', description: '政策法规、部门文件和决策意见征集' },
  '政务公开/决策公开/政策法规': { slug: 'zcfg', type: '政策文件', description: '国家、省颁法规和市级规范性文件' },
  '政务公开/决策公开/部门文件': { slug: 'bmwj', type: '政策文件', description: '市政务办制发的文件' },
  '政务公开/决策公开/意见征集': { slug: 'yjzj', type: '互动交流', description: '重大决策事项的公开征求意见' },
  '政务公开/决策公开/意见反馈': { slug: 'yjfk', type: '互动交流', description: '征求意见的采纳情况反馈' },
  '政务公开/执行公开': { slug: 'zxgk', type: '信息公开', description: '重点工作和改革任务的执行情况' },
  '政务公开/执行公开/重点改革任务': { slug: 'zdggrw', type: '信息公开', description: '重点改革任务的推进落实情况' },
  '政务公开/管理公开': { slug: 'glgk', type: '信息公开', description: '审计、机构、人事、清单、双公示和财政信息' },
  '政务公开/管理公开/审计信息': { slug: 'sjxx', type: '信息公开', description: '审计结果及整改情况' },
  '政务公开/管理公开/组织机构': { slug: 'zzjg', type: '机构职能', kind: 'page', description: '市政务办的机构设置' },
  '政务公开/管理公开/人事信息': { slug: 'rsxx', type: '信息公开', description: '人事任免、招录和招聘信息' },
  '政务公开/管理公开/四张清单': {
    slug: 'szqd',
    type: '信息公开',
    description: '权力清单、责任清单、负面清单和专项资金清单',
  },
  '政务公开/管理公开/双公示': { slug: 'sgs', type: '信息公开', description: '行政许可和行政处罚信息公示' },
  '政务公开/管理公开/财政信息': { slug: 'czxx', type: '信息公开', description: '部门预决算和“三公”经费' },
  '政务公开/服务公开': { slug: 'fwgk', type: '办事服务', description: '行政权力、公共服务和中介服务事项' },
  '政务公开/服务公开/行政权力办事指南': { slug: 'xzql', type: '办事服务', description: '行政权力事项的办事指南' },
  '政务公开/服务公开/公共服务': { slug: 'ggfw', type: '办事服务', description: '公共服务事项' },
  '政务公开/服务公开/中介服务': { slug: 'zjfw', type: '办事服务', description: '中介服务事项和中介机构信息' },
  '政务公开/结果公开': { slug: 'jggk', type: '信息公开', description: '规划计划和建议提案办理结果' },
  '政务公开/结果公开/规划计划': { slug: 'ghjh', type: '信息公开', description: '发展规划和年度工作计划、总结' },
  '政务公开/结果公开/建议提案办理': {
    slug: 'jytabl',
    type: '信息公开',
    description: '人大代表建议和政协提案的办理结果',
  },
  '政务公开/回应关切': { slug: 'hygq', type: '政策解读', description: '政策解读、新闻发布和主动回应' },
  '政务公开/回应关切/政策解读': { slug: 'zcjd', type: '政策解读', description: '对政策文件的解读' },
  '政务公开/回应关切/新闻发布': { slug: 'xwfb', type: '动态要闻', description: '新闻发布会和新闻通稿' },
  '政务公开/回应关切/主动回应': { slug: 'zdhy', type: '信息公开', description: '对社会关切的主动回应' },
  '政务公开/监督保障': { slug: 'jdbz', type: '信息公开', description: '政务公开的监督和考核' },
  '政务公开/依申请公开': {
    slug: 'ysqgk',
    type: '信息公开',
    kind: 'page',
    description: '依申请公开政府信息的办理流程和申请方式',
  },
  '政务公开/政府信息公开年度报告': { slug: 'ndbg', type: '信息公开', description: '历年政府信息公开工作年度报告' },
  '政务公开/政府信息公开指南': { slug: 'gkzn', type: '信息公开', kind: 'page', description: '政府信息公开指南' },
  '政务公开/政府信息公开制度': { slug: 'gkzd', type: '信息公开', description: '政府信息公开工作制度' },
  '政务公开/重点领域': { slug: 'zdly', type: '信息公开', description: '重点领域信息公开' },
};

export function placementOf(namePath: string): Placement {
  const placement = PLACEMENTS[namePath];
  if (!placement) throw new Error(`附件1 column without placement: ${namePath}`);
  return placement;
}

/**
 * Creates 附件1's column tree in a site, inside the caller's transaction; its departments come from the
 * departments module (found by name or created). Returns the number of columns created.
 */
export async function loadAnnex1(
  trx: Db,
  siteId: number,
  at: string,
  departments: Pick<DepartmentsService, 'ensureNamed'>,
): Promise<number> {
  const tree = annex1Columns();
  const departmentIds = new Map<string, number>();
  const departmentId = async (name: string) => {
    let id = departmentIds.get(name);
    if (id === undefined) {
      id = await departments.ensureNamed(trx, siteId, name, departmentIds.size, at);
      departmentIds.set(name, id);
    }
    return id;
  };
  let created = 0;
  const insert = async (nodes: Annex1Column[], parentId: number | null, parentPath: string) => {
    for (const [sort, node] of nodes.entries()) {
      const namePath = parentPath ? `${parentPath}/${node.name}` : node.name;
      const p = placementOf(namePath);
      const named = (node.cooperating ?? []).filter((d) => d !== OPEN_COOPERATION);
      const id = await columnsRepo.insertColumn(trx, {
        site_id: siteId,
        parent_id: parentId,
        name: node.name,
        full_name: node.fullName ?? null,
        slug: p.slug,
        column_type: p.type,
        kind: p.kind ?? 'list',
        link_url: null,
        description: p.description,
        keywords: p.keywords ?? [node.name, p.type].join(','),
        sort,
        visible: 1,
        lead_department_id: node.lead ? await departmentId(node.lead) : null,
        open_cooperation: (node.cooperating ?? []).includes(OPEN_COOPERATION) ? 1 : 0,
        max_update_days: node.maxUpdateDays ?? null,
        marker: node.marker ?? null,
        created_at: at,
        updated_at: at,
      });
      await columnsRepo.replaceCooperators(trx, id, await Promise.all(named.map(departmentId)));
      created += 1;
      await insert(node.children ?? [], id, namePath);
    }
  };
  await insert(tree, null, '');
  return created;
}
