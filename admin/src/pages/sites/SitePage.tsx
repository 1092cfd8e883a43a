// 站点信息: the site's identity as the public pages show it (name, domains, 网站标识码, ICP and police numbers,
// sponsor, contacts, 党政机关标识, 找错) — the meta tags and footer of every page follow it.
import { useCallback, useEffect } from 'react';
import { Button, Card, Checkbox, Descriptions, Empty, Form, Input, Space, Spin } from 'antd';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { loadSites, usePageTitle, useSiteScope } from '../../hooks';
import { SitePageHeader } from '../../components/PageHeader';
import type { SiteIdentity as SiteInput, SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';

interface Values extends Omit<SiteInput, 'domains' | 'organizer' | 'conacUrl'> {
  domains: string;
  organizer: string;
  conacUrl: string;
}

const toValues = (s: Site): Values => ({
  name: s.name,
  domains: s.domains.join('\n'),
  siteIdCode: s.siteIdCode,
  icpNumber: s.icpNumber,
  policeNumber: s.policeNumber,
  sponsor: s.sponsor,
  organizer: s.organizer ?? '',
  phone: s.phone,
  email: s.email,
  address: s.address,
  conacUrl: s.conacUrl ?? '',
  jiucuoEnabled: s.jiucuoEnabled,
  jiucuoScriptUrl: s.jiucuoScriptUrl ?? '',
});

const toInput = (v: Values): SiteInput => ({
  name: v.name.trim(),
  domains: v.domains
    .split(/\r?\n/)
    .map((d) => d.trim())
    .filter(Boolean),
  siteIdCode: v.siteIdCode.trim(),
  icpNumber: v.icpNumber.trim(),
  policeNumber: v.policeNumber.trim(),
  sponsor: v.sponsor.trim(),
  organizer: v.organizer.trim() || null,
  phone: v.phone.trim(),
  email: v.email.trim(),
  address: v.address.trim(),
  conacUrl: v.conacUrl.trim() || null,
  jiucuoEnabled: v.jiucuoEnabled,
  jiucuoScriptUrl: v.jiucuoScriptUrl.trim(),
});

export default function SitePage() {
  usePageTitle('站点信息');
  const scope = useSiteScope();
  const { sites, site } = scope;
  const [form] = Form.useForm<Values>();
  const saving = useBusy();

  const reset = useCallback(
    (s: Site) => {
      form.resetFields();
      form.setFieldsValue(toValues(s));
    },
    [form],
  );

  useEffect(() => {
    if (site) reset(site);
  }, [site, reset]);

  const save = (values: Values) =>
    saving.run(
      async () => {
        if (!site) return;
        await api.put<Site>(`/api/sites/${site.id}`, toInput(values));
        sites.setData(await loadSites(true));
        toastSuccess('站点信息已保存');
      },
      { onError: (err) => showFormError(form, err) },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="站点信息" scope={scope} />
      <Spin spinning={sites.loading}>
        {!site ? (
          !sites.loading && <Empty description="暂无可管理的站点" />
        ) : (
          <Card>
            <Descriptions size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="站点代码">{site.code}</Descriptions.Item>
              {site.parentId !== null && (
                <Descriptions.Item label="上级站点">
                  {sites.data?.find((s) => s.id === site.parentId)?.name ?? `#${site.parentId}`}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Form<Values>
              form={form}
              layout="horizontal"
              labelCol={{ xs: 24, md: 7, xl: 6 }}
              wrapperCol={{ xs: 24, md: 15, xl: 12 }}
              onFinish={save}
              onValuesChange={(changed) => {
                // Clear a server-side error once the field is edited.
                form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })));
              }}
              data-testid="site-form"
            >
              <Form.Item
                label="网站名称"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请输入网站名称' },
                  { min: 2, message: '至少 2 个字' },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                label="域名（每行一个，第一个为主域名）"
                name="domains"
                rules={[
                  { required: true, whitespace: true, message: '请至少填写一个域名' },
                  {
                    validator: (_, v: string | undefined) =>
                      (v ?? '').split(/\r?\n/).filter((d) => d.trim()).length > 10
                        ? Promise.reject(new Error('最多填写 10 个域名'))
                        : Promise.resolve(),
                  },
                ]}
                extra="例如 zwb.example.gov.cn；不含 http:// 与路径。"
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} spellCheck={false} />
              </Form.Item>
              <Form.Item label="网站标识码" name="siteIdCode" extra="10 位，例如 3201000001 或 bm17000009">
                <Input maxLength={10} spellCheck={false} />
              </Form.Item>
              <Form.Item label="ICP备案号" name="icpNumber" extra="例如 苏ICP备12345678号-1">
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item label="公安机关备案号" name="policeNumber" extra="例如 苏公网安备 32010202000001号">
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                label="主办单位"
                name="sponsor"
                rules={[
                  { required: true, whitespace: true, message: '请输入主办单位' },
                  { min: 2, message: '至少 2 个字' },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="承办单位" name="organizer" extra="与主办单位相同时可不填">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="联系电话" name="phone">
                <Input maxLength={60} inputMode="tel" />
              </Form.Item>
              <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
                <Input maxLength={120} inputMode="email" />
              </Form.Item>
              <Form.Item
                label="联系地址"
                name="address"
                rules={[
                  { required: true, whitespace: true, message: '请输入联系地址' },
                  { min: 2, message: '至少 2 个字' },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                label="党政机关网站标识链接"
                name="conacUrl"
                extra="党政机关网站标识（红色标识）的链接地址；未取得可不填"
              >
                <Input maxLength={500} spellCheck={false} />
              </Form.Item>
              <Form.Item
                name="jiucuoEnabled"
                valuePropName="checked"
                wrapperCol={{ xs: 24, md: { offset: 7, span: 15 }, xl: { offset: 6, span: 12 } }}
              >
                <Checkbox>启用“我为政府网站找错”</Checkbox>
              </Form.Item>
              <Form.Item noStyle dependencies={['jiucuoEnabled']}>
                {({ getFieldValue }) => (
                  <Form.Item
                    label="找错脚本地址"
                    name="jiucuoScriptUrl"
                    rules={[
                      {
                        required: !!getFieldValue('jiucuoEnabled'),
                        whitespace: true,
                        message: '启用找错功能时须填写脚本地址',
                      },
                    ]}
                  >
                    <Input maxLength={500} spellCheck={false} disabled={!getFieldValue('jiucuoEnabled')} />
                  </Form.Item>
                )}
              </Form.Item>
              <Form.Item wrapperCol={{ xs: 24, md: { offset: 7, span: 15 }, xl: { offset: 6, span: 12 } }}>
                <Space>
                  <Button type="primary" htmlType="submit" loading={saving.busy}>
                    保存
                  </Button>
                  <Button onClick={() => reset(site)}>撤销修改</Button>
                </Space>
              </Form.Item>
            </Form>
          </Card>
        )}
      </Spin>
    </Space>
  );
}
