// runExternalChecks: the indicators of 附件2 an inspector can check from outside the site, from one crawl
// (plus link check, search and IPv6 probes). Returns one result per indicator of the 政府网站 catalogue, in
// the catalogue's order; those not measurable from outside are untested with the reason.
import type { IndicatorResult } from '../scoring.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from '../indicators.ts';
import type { SiteSnapshot } from '../crawler/types.ts';
import { CheckContext, type ExternalCheckOptions, untested } from './context.ts';
import { checkColumnCategories, checkColumnUpdates, checkHomepageUpdates, checkOtherColumns } from './freshness.ts';
import { checkUsability } from './usability.ts';
import { checkPageTags } from './page-tags.ts';
import { checkJiucuoEntry, checkSiteIdentity } from './identity.ts';
import { checkDomainName } from './domain.ts';
import { checkSiteSearch } from './search.ts';
import { checkIpv6 } from './ipv6.ts';
import { checkDataRelease } from './data-release.ts';
import { DEFAULT_UNTESTED_REASON, UNTESTED_REASONS } from './untested.ts';

export type { ExternalCheckOptions, SearchPage, Ipv6Probe, Evidence } from './context.ts';
export { evaluateAvailability, probeOnce, AVAILABILITY_RULE, type AvailabilityProbe } from './availability.ts';
export { probeIpv6 } from './ipv6.ts';
export { formSearch } from './search.ts';

export async function runExternalChecks(
  snapshot: SiteSnapshot,
  options: ExternalCheckOptions,
): Promise<IndicatorResult[]> {
  const ctx = new CheckContext(snapshot, options);
  const measuredResults: IndicatorResult[] = [
    checkHomepageUpdates(ctx),
    checkColumnUpdates(ctx),
    ...checkColumnCategories(ctx),
    checkOtherColumns(ctx),
    checkDomainName(ctx),
    checkSiteIdentity(ctx),
    checkUsability(ctx),
    checkJiucuoEntry(ctx),
    await checkSiteSearch(ctx),
    checkPageTags(ctx),
    await checkIpv6(ctx),
    checkDataRelease(ctx),
  ];
  const byId = new Map(measuredResults.map((r) => [r.indicatorId, r]));
  return allIndicators(GOV_WEBSITE_CATALOGUE).map(
    (indicator) =>
      byId.get(indicator.id) ?? untested(indicator.id, UNTESTED_REASONS[indicator.id] ?? DEFAULT_UNTESTED_REASON),
  );
}
