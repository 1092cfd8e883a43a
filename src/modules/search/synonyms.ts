// The default synonym groups of government services (an administrator replaces them per site), and words the
// segmenter should keep whole. A query term in a group also finds items that use any other term of the group.

export type SynonymGroups = string[][];

export const DEFAULT_SYNONYMS: SynonymGroups = [
  ['社保', '社会保险'],
  ['社保卡', '社会保障卡'],
  ['公积金', '住房公积金'],
  ['医保', '医疗保险', '基本医疗保险'],
  ['医保卡', '医保电子凭证'],
  ['营业执照', '营业证照', '工商执照'],
  ['养老保险', '基本养老保险'],
  ['养老金', '基本养老金', '退休金'],
  ['失业金', '失业保险金'],
  ['工伤', '工伤保险'],
  ['生育津贴', '生育保险'],
  ['低保', '最低生活保障'],
  ['户口', '户籍'],
  ['身份证', '居民身份证'],
  ['驾照', '驾驶证', '机动车驾驶证'],
  ['港澳通行证', '往来港澳通行证'],
  ['房产证', '不动产权证书', '不动产证'],
  ['房产登记', '不动产登记'],
  ['结婚登记', '婚姻登记'],
  ['出生证', '出生医学证明'],
  ['残疾证', '残疾人证'],
  ['暂住证', '居住证'],
  ['个税', '个人所得税'],
  ['公租房', '公共租赁住房'],
  ['经适房', '经济适用住房'],
  ['12345', '12345热线', '市民热线', '政务服务便民热线'],
  ['一网通办', '网上办事', '网上办理'],
  ['最多跑一次', '只跑一次'],
  ['双创', '大众创业万众创新'],
  ['放管服', '简政放权'],
  ['新冠', '新型冠状病毒', '新冠肺炎'],
  ['核酸', '核酸检测'],
  ['垃圾分类', '生活垃圾分类'],
  ['入学', '招生'],
  ['职称', '职称评审', '专业技术职称'],
  ['创业贷款', '创业担保贷款'],
  ['个体户', '个体工商户'],
  ['政务服务中心', '市民中心', '行政服务中心', '政务大厅'],
  ['信息公开', '政府信息公开', '政务公开'],
  ['电子证照', '电子证件'],
  ['老旧小区', '老旧小区改造'],
  ['招聘', '招考', '公开招聘'],
  ['网约车', '网络预约出租汽车'],
  ['退役军人', '退伍军人'],
];

/** Added to jieba's dictionary: terms it would otherwise cut into pieces. Changing the list needs a reindex. */
export const GOVERNMENT_WORDS = [
  '一网通办',
  '最多跑一次',
  '放管服',
  '公租房',
  '经适房',
  '网约车',
  '老旧小区',
  '跨省通办',
  '一件事',
  '好差评',
  '掌上办',
  '秒批',
  '容缺受理',
  '证照分离',
  '多证合一',
  '告知承诺制',
  '双随机',
  '一码通',
  '残疾人证',
  '社保卡',
  '医保卡',
  '个税',
  '新冠',
  '营业证照',
  '工商执照',
  '失业金',
  '出生证',
  '暂住证',
  '房产证',
];

/** Validates and tidies an administrator's list: trimmed, de-duplicated terms, groups of at least two. */
export function tidyGroups(groups: SynonymGroups): SynonymGroups {
  const out: SynonymGroups = [];
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.trim()).filter(Boolean))];
    if (terms.length >= 2) out.push(terms);
  }
  return out;
}
