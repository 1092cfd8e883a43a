import { Select, Space, Typography } from 'antd';
import type { SiteView as Site } from '../../../src/modules/sites/sites.schema.ts';

/** The site a page works on: a select when there are several sites, the name otherwise. */
export function SiteSelect({
  sites,
  value,
  onChange,
}: {
  sites: Site[];
  value: Site | null;
  onChange: (id: number) => void;
}) {
  if (sites.length <= 1) {
    return value ? (
      <Typography.Text type="secondary">
        站点：<Typography.Text strong>{value.name}</Typography.Text>
      </Typography.Text>
    ) : null;
  }
  const label = (s: Site) => {
    const parent = s.parentId ? sites.find((p) => p.id === s.parentId) : null;
    return parent ? `${s.name}（${parent.name}子站）` : s.name;
  };
  return (
    <Space>
      <label htmlFor="site-select">站点</label>
      <Select
        id="site-select"
        data-testid="site-select"
        style={{ minWidth: 240 }}
        value={value?.id}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        options={sites.map((s) => ({ value: s.id, label: label(s) }))}
        aria-label="站点"
      />
    </Space>
  );
}
