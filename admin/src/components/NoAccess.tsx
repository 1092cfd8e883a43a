// 没有权限: names the roles that open the page and the people to ask (the system administrators, who grant
// roles, and the site administrator of one's own site), instead of a bare refusal.
import { Result, Typography } from 'antd';
import type { Capability } from '../../../src/platform/auth/roles.ts';
import type { AccessContacts } from '../../../src/modules/users/contacts.schema.ts';
import { api } from '../api';
import { useLoad } from '../hooks';

export function NoAccess({ capabilities }: { capabilities: Capability[] }) {
  const query = capabilities.map((c) => `capability=${encodeURIComponent(c)}`).join('&');
  const found = useLoad(
    capabilities.length > 0 ? () => api.get<AccessContacts>(`/api/access-contacts?${query}`, { quiet: true }) : null,
    [query],
  );
  const info = found.data;
  const people = info?.contacts.map((c) => `${c.roleName}${c.name}${c.department ? `（${c.department}）` : ''}`) ?? [];
  return (
    <Result
      status="403"
      title="没有权限"
      subTitle={
        <div data-testid="no-access">
          <Typography.Paragraph>
            您的账号没有访问此页面的权限
            {info && info.roles.length > 0 ? `：需要${info.roles.join('或')}角色` : ''}。
          </Typography.Paragraph>
          <Typography.Paragraph>
            {people.length > 0
              ? `如确因工作需要，请联系${people.join('、')}；角色由系统管理员在“用户管理”中分配。`
              : '如确因工作需要，请联系系统管理员在“用户管理”中分配角色。'}
          </Typography.Paragraph>
        </div>
      }
    />
  );
}
