// A published 办事指南 on its item page: the elements under their labels (what a reader and an inspector's crawler
// look for), the policy bases with their content, the materials with form, medium, copies, source and the blank
// forms and samples to download, the process as a flow chart (ordered steps), and the online application.
import type { ViewContext } from '../../portal/views/types.ts';
import { href } from '../../portal/views/links.ts';
import { fileUrl } from '../../files/files.service.ts';
import { type GuideData, type GuideMaterial, isFormMaterial, limitText, visitsText } from '../guide.ts';
import type { PolicyLink } from '../services.public.ts';

export type FileMap = Map<number, { id: number; original_name: string; size: number }>;

const sizeLabel = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

function Paragraphs({ text }: { text: string }) {
  if (!text) return <p>—</p>;
  return (
    <>
      {text.split('\n').map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

// Files are served at /files/… for every site of the cluster (as content attachments are): no /site/<code> prefix.
export function FormLinks({ m, files }: { m: GuideMaterial; files: FileMap }) {
  if (!isFormMaterial(m)) return null;
  const blank = m.blankFileId ? files.get(m.blankFileId) : undefined;
  const sample = m.sampleFileId ? files.get(m.sampleFileId) : undefined;
  return (
    <ul className="svc-downloads">
      {blank ? (
        <li>
          <a href={fileUrl(blank)} download>
            空白表格下载：{blank.original_name}
          </a>
          （{sizeLabel(blank.size)}）
        </li>
      ) : null}
      {sample ? (
        <li>
          <a href={fileUrl(sample)} download>
            示例样表下载：{sample.original_name}
          </a>
          （{sizeLabel(sample.size)}）
        </li>
      ) : null}
      {m.formUrl ? (
        <li>
          <a href={m.formUrl} rel="noopener">
            表格获取渠道
          </a>
        </li>
      ) : null}
    </ul>
  );
}

export function MaterialsTable({
  materials,
  files,
  caption,
  extra,
}: {
  materials: GuideMaterial[];
  files: FileMap;
  caption: string;
  /** A column of its own (the items of a 一件事 that need the material). */
  extra?: { header: string; values: string[] };
}) {
  return (
    <div className="table-scroll">
      <table className="svc-materials">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">材料名称</th>
            <th scope="col">原件/复印件</th>
            <th scope="col">纸质/电子</th>
            <th scope="col">份数</th>
            <th scope="col">来源渠道</th>
            <th scope="col">是否必需</th>
            <th scope="col">填报须知及表格</th>
            {extra ? <th scope="col">{extra.header}</th> : null}
          </tr>
        </thead>
        <tbody>
          {materials.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
            <tr key={i}>
              <td>{i + 1}</td>
              <th scope="row">{m.name}</th>
              <td>{m.form ?? '—'}</td>
              <td>{m.medium ?? '—'}</td>
              <td>{m.copies ? `${m.copies}份` : '—'}</td>
              <td>{[m.source, m.sourceNote].filter(Boolean).join('：') || '—'}</td>
              <td>{m.required ? '必需' : '非必需'}</td>
              <td>
                {m.notes || (isFormMaterial(m) ? '' : '—')}
                <FormLinks m={m} files={files} />
              </td>
              {extra ? <td>{extra.values[i]}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FlowChart({ steps, label }: { steps: { title: string; detail: string }[]; label: string }) {
  return (
    <ol className="svc-flow" aria-label={label}>
      {steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
        <li key={i}>
          <strong>{s.title}</strong>
          {s.detail ? <span>{s.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function GuideSections({
  view,
  g,
  policies,
  files,
}: {
  view: ViewContext;
  g: GuideData;
  policies: Map<number, PolicyLink>;
  files: FileMap;
}) {
  const row = (label: string, value: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{value || '—'}</td>
    </tr>
  );
  return (
    <div className="svc-guide">
      <section aria-labelledby="g-basic">
        <h2 id="g-basic">基本信息</h2>
        <div className="table-scroll">
          <table className="svc-facts">
            <tbody>
              {row('事项名称', g.name)}
              {row('办件类型', g.caseType ?? '')}
              {row('法定时限', limitText(g.statutoryDays))}
              {row('承诺时限', limitText(g.promisedDays))}
              {row('是否网办', g.online ? '是' : '否')}
              {row('到现场次数', visitsText(g.visits))}
              {row('办理地点', g.place)}
              {row('办理机构', g.organ)}
              {row('办理时间', g.hours)}
              {row('收费标准', g.fee.standard)}
              {row('收费依据', g.fee.basis)}
              {row('联系电话', g.phones.consult ? `咨询电话：${g.phones.consult}` : '')}
              {row('监督投诉电话', g.phones.complaint)}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="g-basis">
        <h2 id="g-basis">设定依据</h2>
        {g.basis.length ? (
          <ul className="svc-basis">
            {g.basis.map((b, i) => {
              const doc = b.documentId ? policies.get(b.documentId) : undefined;
              const title = b.title.replace(/^《|》$/g, '');
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
                <li key={i}>
                  {doc ? <a href={href(view, doc.url)}>《{title}》</a> : <span>《{title}》</span>}
                  {doc?.docNumber ? <span className="svc-doc-number">（{doc.docNumber}）</span> : null}
                  {b.articles ? <span>：{b.articles}</span> : null}
                  {doc?.summary ? <p className="svc-basis-summary">文件要点：{doc.summary}</p> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>—</p>
        )}
      </section>
      <section aria-labelledby="g-conditions">
        <h2 id="g-conditions">申请条件</h2>
        <Paragraphs text={g.conditions} />
      </section>
      <section aria-labelledby="g-materials">
        <h2 id="g-materials">办理材料</h2>
        <MaterialsTable materials={g.materials} files={files} caption="办理材料清单" />
      </section>
      <section aria-labelledby="g-process">
        <h2 id="g-process">办理流程</h2>
        <FlowChart steps={g.process} label="办理流程图" />
      </section>
    </div>
  );
}
