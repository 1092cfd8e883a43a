// 办事指南 in the demo: the ten key elements the inspection looks for, written the same way everywhere.
export interface ServiceGuide {
  name: string;
  basis: string;
  conditions: string;
  materials: string[];
  place: string;
  organ: string;
  fee: string;
  time: string;
  phone: string;
  steps: string;
}

/** A 办事指南 with all ten key elements the inspection looks for, materials with their form and number of copies. */
export function guideBody(g: ServiceGuide): string[] {
  return [
    `<strong>事项名称</strong>：${g.name}`,
    `<strong>设定依据</strong>：${g.basis}`,
    `<strong>申请条件</strong>：${g.conditions}`,
    `<strong>办理材料</strong>：${g.materials.map((m, i) => `${i + 1}. ${m}`).join('；')}。申请表可在市民服务中心窗口领取，或在南江政务服务网本事项页面下载。`,
    `<strong>办理地点</strong>：${g.place}`,
    `<strong>办理机构</strong>：${g.organ}`,
    `<strong>收费标准</strong>：${g.fee}`,
    `<strong>办理时间</strong>：${g.time}`,
    `<strong>联系电话</strong>：${g.phone}`,
    `<strong>办理流程</strong>：${g.steps}`,
  ];
}

export const HALL_TIME = '法定工作日上午9:00—12:00，下午13:30—17:00；承诺办结时限见各事项说明';
