// The identity of the demo site: a fictional municipal 政务服务管理办公室 (the seed's 市政务办).
import { DEFAULT_JIUCUO_SCRIPT } from '../sites/site-identity.ts';
import type { SiteCreate } from '../sites/sites.schema.ts';

export const DEMO_SITE: SiteCreate = {
  code: 'main',
  parentId: null,
  name: '南江市政务服务管理办公室',
  domains: ['zwb.nanjiang.gov.cn', 'localhost', '127.0.0.1'],
  siteIdCode: '3299000001',
  icpNumber: '苏ICP备20990001号-1',
  policeNumber: '苏公网安备 32990002000001号',
  sponsor: '南江市政务服务管理办公室',
  organizer: '南江市大数据管理中心',
  phone: '0599-12345678',
  email: 'zwb@nanjiang.gov.cn',
  address: '南江市行政中心东区 3 号楼',
  conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=DEMO0000000001',
  jiucuoEnabled: true,
  jiucuoScriptUrl: DEFAULT_JIUCUO_SCRIPT,
};
