// The identity block every government site carries (regs §1.3); each item has a data-identity attribute.
import { MIIT_FILING_URL, jiucuoPageUrl, policeFilingUrl, policeRecordCode } from '../../sites/site-identity.ts';
import type { ViewContext } from './types.ts';
import { href } from './links.ts';

export function Footer({ view }: { view: ViewContext }) {
  const { site, assets } = view;
  const recordCode = policeRecordCode(site.policeNumber);
  const policeMark = (
    <img className="police-badge" src={assets.policeBadge} alt="" width={20} height={20} loading="lazy" />
  );
  return (
    <footer className="site-footer">
      <div className="container">
        <h2 className="visually-hidden">网站信息</h2>
        <ul className="footer-links">
          <li>
            <a href={href(view, '/sitemap/')}>网站地图</a>
          </li>
          {/* The local 纠错 form records the page it was opened from (the interaction module's tickets); it follows
              the site's 找错 switch like the national entry, so a site that switches 找错 off shows neither. */}
          {site.jiucuoEnabled ? (
            <li>
              <a
                href={`/user/jiucuo?${view.prefix ? `site=${view.site.code}&` : ''}url=${encodeURIComponent(view.currentPath)}`}
                rel="nofollow"
              >
                网站纠错
              </a>
            </li>
          ) : null}
        </ul>
        <div className="identity">
          <div className="identity-badges">
            <div className="identity-item" data-identity="conac">
              {site.conacUrl ? (
                <a className="conac-badge" href={site.conacUrl} rel="noopener noreferrer">
                  <img src={assets.conacBadge} alt="党政机关网站标识" width={110} height={40} loading="lazy" />
                </a>
              ) : null}
              <span id="_ideConac"></span>
            </div>
            {site.jiucuoEnabled ? (
              <div className="identity-item" data-identity="jiucuo">
                <a className="jiucuo-link" href={jiucuoPageUrl(site.siteIdCode)} rel="noopener noreferrer">
                  我为政府网站找错
                </a>
                {/* Deferred, then the national script is inserted async: never blocks the page (assets/jiucuo.js). */}
                <script
                  src={assets.jiucuo}
                  data-sitecode={site.siteIdCode}
                  data-src={site.jiucuoScriptUrl}
                  defer
                ></script>
              </div>
            ) : null}
          </div>
          <ul className="identity-list">
            <li data-identity="sponsor">主办单位：{site.sponsor}</li>
            {site.organizer ? <li data-identity="organizer">承办单位：{site.organizer}</li> : null}
            <li data-identity="contact">
              <span data-contact="phone">联系电话：{site.phone}</span>{' '}
              <span data-contact="email">
                电子邮箱：<a href={`mailto:${site.email}`}>{site.email}</a>
              </span>{' '}
              <span data-contact="address">地址：{site.address}</span>
            </li>
            <li data-identity="site-id-code">网站标识码：{site.siteIdCode}</li>
            <li data-identity="icp">
              <a href={MIIT_FILING_URL} rel="noopener noreferrer">
                {site.icpNumber}
              </a>
            </li>
            <li data-identity="police">
              {recordCode ? (
                <a href={policeFilingUrl(recordCode)} rel="noopener noreferrer">
                  {policeMark}
                  {site.policeNumber}
                </a>
              ) : (
                <>
                  {policeMark}
                  {site.policeNumber}
                </>
              )}
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
