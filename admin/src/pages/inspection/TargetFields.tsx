// The fields that say what to inspect and how: a URL or one of this platform's sites (which also runs the
// internal checks), the page limit and the options of 附件2. Shared by 检查任务 and 定期检查.
import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';
import { siteLabel, siteUrl } from './common';
import type { RunBody as RunOptionsInput } from '../../../../src/modules/inspection/inspection.schema.ts';

export interface TargetValues {
  mode: 'site' | 'url';
  siteId: number | undefined;
  url: string;
  maxPages: number;
  noServices: boolean;
  ignoreRobots: boolean;
  screenshots: boolean;
}

export const DEFAULT_MAX_PAGES = 60;

export function initialTarget(sites: Site[], inspector: boolean): TargetValues {
  const first = sites[0];
  const mode = !inspector || first ? 'site' : 'url';
  return {
    mode,
    siteId: mode === 'site' ? first?.id : undefined,
    url: mode === 'site' && first ? siteUrl(first, sites) : '',
    maxPages: DEFAULT_MAX_PAGES,
    noServices: false,
    ignoreRobots: false,
    screenshots: true,
  };
}

export function toRunInput(v: TargetValues): RunOptionsInput {
  const own = v.mode === 'site' && v.siteId !== undefined;
  return {
    url: v.url.trim(),
    ...(own ? { siteId: v.siteId } : {}),
    maxPages: v.maxPages,
    noServices: v.noServices,
    ignoreRobots: own ? v.ignoreRobots : false,
    screenshots: v.screenshots,
  };
}

/** The form items; put inside a <Form<TargetValues>>. `inspector`: may inspect any URL (else only own sites). */
export function TargetFields({ form, sites, inspector }: { form: FormInstance; sites: Site[]; inspector: boolean }) {
  const mode = Form.useWatch('mode', form) as TargetValues['mode'] | undefined;
  const own = mode === 'site';

  const pickSite = (id: number) => {
    const site = sites.find((s) => s.id === id);
    if (site) form.setFieldsValue({ url: siteUrl(site, sites) });
  };

  return (
    <>
      {inspector ? (
        <Form.Item label="检查对象" name="mode">
          <Radio.Group
            onChange={(e) => {
              if (e.target.value === 'site') {
                const id = (form.getFieldValue('siteId') as number | undefined) ?? sites[0]?.id;
                form.setFieldsValue({ siteId: id });
                if (id !== undefined) pickSite(id);
              } else {
                form.setFieldsValue({ url: '', ignoreRobots: false });
              }
            }}
            options={[
              { value: 'site', label: '本平台站点', disabled: sites.length === 0 },
              { value: 'url', label: '其他网站（填写网址）' },
            ]}
          />
        </Form.Item>
      ) : (
        <Form.Item name="mode" hidden>
          <Input />
        </Form.Item>
      )}
      {own && (
        <Form.Item
          label="本平台站点"
          name="siteId"
          rules={[{ required: true, message: '请选择站点' }]}
          extra="检查本平台站点时，还会依据平台中的栏目、稿件和留言数据加测内部指标。"
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: siteLabel(s, sites) }))}
            onChange={pickSite}
            notFoundContent="没有可检查的站点"
          />
        </Form.Item>
      )}
      <Form.Item
        label="网址"
        name="url"
        rules={[
          { required: true, whitespace: true, message: '请输入被检查网站的首页地址' },
          { pattern: /^https?:\/\/[^\s/]+/i, message: '网址须以 http:// 或 https:// 开头' },
        ]}
        extra={
          own
            ? '已按当前访问地址填写该站点的首页；如需按正式域名检查可修改。'
            : '被检查网站的首页地址，例如 https://www.example.gov.cn/'
        }
      >
        <Input maxLength={500} spellCheck={false} inputMode="url" placeholder="https://" />
      </Form.Item>
      <Form.Item
        label="最多页面数"
        name="maxPages"
        rules={[{ required: true, message: '请输入最多抓取的页面数' }]}
        extra="5–500 页；页面越多检查越全面，用时也越长。"
      >
        <InputNumber min={5} max={500} precision={0} style={{ width: 160 }} suffix="页" />
      </Form.Item>
      <Form.Item
        name="noServices"
        valuePropName="checked"
        extra="勾选后不检查办事服务类指标，扣分指标得分按 4/3 折算。"
        style={{ marginBottom: 8 }}
      >
        <Checkbox>没有对外服务职能</Checkbox>
      </Form.Item>
      {own && (
        <Form.Item
          name="ignoreRobots"
          valuePropName="checked"
          extra="仅限检查本单位网站时使用。"
          style={{ marginBottom: 8 }}
        >
          <Checkbox>忽略 robots.txt</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="screenshots" valuePropName="checked" extra="截取有问题页面的截图作为证据，检查用时会稍长。">
        <Checkbox>截取证据截图</Checkbox>
      </Form.Item>
    </>
  );
}
