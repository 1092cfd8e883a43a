// The guide as the body of its content item: what the release review reads and checks (错敏词, personal data,
// links), what the portal's own article page and the search index show. Plain allow-listed HTML: a table of the
// elements with their labels as row headers (what an inspector's crawler looks for), the materials as a table,
// the process as an ordered list, links to the policy documents and to the blank forms and samples.
import { fileUrl } from '../files/files.service.ts';
import { type GuideData, isFormMaterial, limitText, materialFormat, visitsText } from './guide.ts';

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const para = (text: string) => esc(text).replace(/\n/g, '<br>');

export interface GuideLinks {
  /** Public path of a policy document by content id (null when it is not published). */
  policyPath(id: number): string | null;
  file(id: number): { id: number; original_name: string } | undefined;
}

const row = (label: string, value: string) => `<tr><th scope="row">${label}</th><td>${value || '—'}</td></tr>`;

export function guideBodyHtml(g: GuideData, links: GuideLinks): string {
  const basis = g.basis
    .map((b) => {
      const title = esc(b.title.replace(/^《|》$/g, ''));
      const path = b.documentId ? links.policyPath(b.documentId) : null;
      const name = path ? `<a href="${esc(path)}">《${title}》</a>` : `《${title}》`;
      return `<li>${name}${b.articles ? `：${para(b.articles)}` : ''}</li>`;
    })
    .join('');
  const fileLink = (id: number | null, label: string) => {
    const f = id ? links.file(id) : undefined;
    return f ? `<a href="${esc(fileUrl(f))}">${label}</a>` : '';
  };
  const materials = g.materials
    .map((m, i) => {
      const downloads = isFormMaterial(m)
        ? [
            fileLink(m.blankFileId, '空白表格下载'),
            fileLink(m.sampleFileId, '示例样表下载'),
            m.formUrl ? `<a href="${esc(m.formUrl)}">表格获取渠道</a>` : '',
          ]
            .filter(Boolean)
            .join('　')
        : '';
      return (
        `<tr><td>${i + 1}</td><td>${esc(m.name)}</td><td>${esc(materialFormat(m)) || '—'}</td>` +
        `<td>${esc([m.source, m.sourceNote].filter(Boolean).join('：')) || '—'}</td><td>${m.required ? '必需' : '非必需'}</td>` +
        `<td>${para(m.notes) || '—'}${downloads ? `<br>${downloads}` : ''}</td></tr>`
      );
    })
    .join('');
  const steps = g.process
    .map((s) => `<li><strong>${esc(s.title)}</strong>${s.detail ? `：${para(s.detail)}` : ''}</li>`)
    .join('');
  return [
    '<h2>基本信息</h2>',
    '<table><tbody>',
    row('事项名称', esc(g.name)),
    row('办件类型', esc(g.caseType ?? '')),
    row('法定时限', esc(limitText(g.statutoryDays))),
    row('承诺时限', esc(limitText(g.promisedDays))),
    row('是否网办', g.online ? '是（可在本网站在线申请）' : '否'),
    row('到现场次数', esc(visitsText(g.visits))),
    row('办理地点', para(g.place)),
    row('办理机构', para(g.organ)),
    row('办理时间', para(g.hours)),
    row('收费标准', para(g.fee.standard)),
    row('收费依据', para(g.fee.basis)),
    row('联系电话', `咨询电话：${esc(g.phones.consult) || '—'}`),
    row('监督投诉电话', esc(g.phones.complaint)),
    '</tbody></table>',
    '<h2>设定依据</h2>',
    basis ? `<ul>${basis}</ul>` : '<p>—</p>',
    '<h2>申请条件</h2>',
    `<p>${para(g.conditions) || '—'}</p>`,
    '<h2>办理材料</h2>',
    materials
      ? `<table><thead><tr><th scope="col">序号</th><th scope="col">材料名称</th><th scope="col">材料形式及份数</th><th scope="col">来源渠道</th><th scope="col">是否必需</th><th scope="col">填报须知及表格</th></tr></thead><tbody>${materials}</tbody></table>`
      : '<p>—</p>',
    '<h2>办理流程</h2>',
    steps ? `<ol>${steps}</ol>` : '<p>—</p>',
  ].join('');
}
