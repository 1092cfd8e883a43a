// Stored site rows → the API's SiteView.
import type { Site } from '../../platform/db/schema.ts';
import type { SiteView } from './sites.schema.ts';

export function toSiteView(s: Site): SiteView {
  return {
    id: s.id,
    code: s.code,
    parentId: s.parent_id,
    name: s.name,
    domains: JSON.parse(s.domains) as string[],
    siteIdCode: s.site_id_code,
    icpNumber: s.icp_number,
    policeNumber: s.police_number,
    sponsor: s.sponsor,
    organizer: s.organizer,
    phone: s.phone,
    email: s.email,
    address: s.address,
    conacUrl: s.conac_url,
    jiucuoEnabled: s.jiucuo_enabled === 1,
    jiucuoScriptUrl: s.jiucuo_script_url,
  };
}
