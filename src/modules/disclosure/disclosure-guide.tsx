// The 依申请公开 column's body: the organ's own guide (a published page, already sanitised), then the online
// entrance and the procedure in brief, as 条例 第二十九条 to 第三十三条 set it.
import type { ViewContext } from '../portal/views/types.ts';
import { href } from '../portal/views/links.ts';
import { ANSWER_WORKING_DAYS, CORRECTION_NOTICE_DAYS, MAX_EXTENSION_DAYS } from './disclosure-rules.ts';

export function GuideBody({ view, guideHtml }: { view: ViewContext; guideHtml: string }) {
  return (
    <>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: published bodies are sanitised against the allow-list when saved */}
      {guideHtml ? <div className="article-body" dangerouslySetInnerHTML={{ __html: guideHtml }} /> : null}
      <section className="disclosure-entrance" aria-labelledby="disclosure-online">
        <h2 id="disclosure-online">网上申请</h2>
        <p>登录本网站统一的公众账号即可在线提交申请、查看办理进度、接收补正通知和答复书。</p>
        <p>
          <a className="pp-button" href={href(view, '/disclosure/apply')}>
            在线申请政府信息公开
          </a>{' '}
          <a className="pp-button secondary" href="/user/">
            查询办理进度
          </a>
        </p>
        <h3>办理流程</h3>
        <ol>
          <li>提交申请：系统即时出具回执；节假日提交的，以下一个工作日为收到申请之日。</li>
          <li>
            补正：申请内容不明确的，本机关在收到申请之日起 {CORRECTION_NOTICE_DAYS}{' '}
            个工作日内一次性告知需要补正的事项，答复期限自收到补正之日起计算。
          </li>
          <li>
            答复：自收到申请之日起 {ANSWER_WORKING_DAYS}{' '}
            个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过{' '}
            {MAX_EXTENSION_DAYS} 个工作日；征求第三方意见所需时间不计算在内。
          </li>
          <li>收费：依申请提供政府信息不收费；申请数量、频次明显超过合理范围的，依法收取信息处理费。</li>
        </ol>
      </section>
    </>
  );
}
