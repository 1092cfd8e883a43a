// The chart designer: a bar, line or pie chart on the data set's columns, previewed as the public site will
// draw it (SVG from the server, with its text alternative), saved with the data set, and embeddable in an
// article or a 图解 with <figure data-dataset-chart="ID"></figure>.
import { useState } from 'react';
import { Button, Card, Form, Input, List, Popconfirm, Select, Space, Typography } from 'antd';
import { api } from '../../api';
import { showError, showFormError, toastSuccess } from '../../feedback';
import type { ChartDefinition, ChartView, DatasetDetail, DatasetOptions } from './model';

interface Preview {
  svg: string;
  textAlternative: string;
}

export function ChartsCard({
  dataset,
  options,
  writer,
  onChanged,
}: {
  dataset: DatasetDetail;
  options: DatasetOptions;
  writer: boolean;
  onChanged: () => Promise<void>;
}) {
  const [form] = Form.useForm<ChartDefinition>();
  const [editing, setEditing] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = [...dataset.versionList].reverse().find((v) => v.state === 'confirmed');
  const columnOptions = (latest?.columns ?? []).map((c) => ({ value: c.name, label: c.name }));
  const numeric = (latest?.columns ?? [])
    .filter((c) => c.type === 'integer' || c.type === 'number')
    .map((c) => ({ value: c.name, label: c.name }));

  const definition = async (): Promise<ChartDefinition> => {
    const v = await form.validateFields();
    return { ...v, filter: v.filter?.column ? v.filter : null, unit: v.unit ?? '' };
  };
  const showPreview = async () => {
    try {
      setPreview(await api.post<Preview>(`/api/datasets/${dataset.id}/charts/preview`, await definition()));
    } catch (err) {
      showFormError(form, err);
    }
  };
  const save = async () => {
    setBusy(true);
    try {
      const body = await definition();
      if (editing) await api.put<ChartView>(`/api/datasets/${dataset.id}/charts/${editing}`, body);
      else await api.post<ChartView>(`/api/datasets/${dataset.id}/charts`, body);
      toastSuccess('图表已保存');
      setEditing(null);
      setPreview(null);
      form.resetFields();
      await onChanged();
    } catch (err) {
      showFormError(form, err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (chart: ChartView) => {
    try {
      await api.delete(`/api/datasets/${dataset.id}/charts/${chart.id}`);
      await onChanged();
    } catch (err) {
      showError(err);
    }
  };

  return (
    // A heading of its own: the charts' titles below are h4 (antd's List.Item.Meta), after the page's h2.
    <Card title={<h3 className="card-heading">图表</h3>}>
      {!latest ? (
        <Typography.Text type="secondary">确认数据版本的列类型后可设计图表。</Typography.Text>
      ) : (
        <>
          {writer && (
            <Form<ChartDefinition>
              form={form}
              name="chart"
              layout="vertical"
              initialValues={{ kind: 'bar', aggregate: 'sum', unit: '', filter: null }}
              style={{ maxWidth: 880 }}
            >
              <Space wrap size="large" align="start">
                <Form.Item name="title" label="图表标题" rules={[{ required: true, min: 2, max: 100 }]}>
                  <Input style={{ width: 280 }} maxLength={100} />
                </Form.Item>
                <Form.Item name="kind" label="图表类型" rules={[{ required: true }]}>
                  <Select style={{ width: 120 }} options={options.chartKinds} />
                </Form.Item>
                <Form.Item name="categoryColumn" label="类别列（横轴或扇区）" rules={[{ required: true }]}>
                  <Select style={{ width: 180 }} options={columnOptions} />
                </Form.Item>
                <Form.Item name="valueColumns" label="数值列" rules={[{ required: true }]}>
                  <Select mode="multiple" style={{ minWidth: 240 }} options={numeric} />
                </Form.Item>
              </Space>
              <Space wrap size="large" align="start">
                <Form.Item name="aggregate" label="同一类别多行时" rules={[{ required: true }]}>
                  <Select style={{ width: 140 }} options={options.aggregates} />
                </Form.Item>
                <Form.Item name={['filter', 'column']} label="只取某列（可选）">
                  <Select allowClear style={{ width: 160 }} options={columnOptions} />
                </Form.Item>
                <Form.Item name={['filter', 'value']} label="等于">
                  <Input style={{ width: 160 }} maxLength={200} />
                </Form.Item>
                <Form.Item name="unit" label="单位">
                  <Input style={{ width: 100 }} maxLength={20} />
                </Form.Item>
              </Space>
              <Space>
                <Button onClick={() => void showPreview()}>预览</Button>
                <Button type="primary" onClick={() => void save()} loading={busy}>
                  {editing ? '保存修改' : '保存图表'}
                </Button>
                {editing && (
                  <Button
                    onClick={() => {
                      setEditing(null);
                      form.resetFields();
                    }}
                  >
                    取消修改
                  </Button>
                )}
              </Space>
            </Form>
          )}
          {preview && (
            <figure style={{ margin: '16px 0', maxWidth: 720 }} data-testid="chart-preview">
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
                alt={preview.textAlternative}
                style={{ width: '100%' }}
              />
              <figcaption>
                <Typography.Text type="secondary">{preview.textAlternative}</Typography.Text>
              </figcaption>
            </figure>
          )}
          <List<ChartView>
            style={{ marginTop: 16 }}
            header="已保存的图表"
            dataSource={dataset.charts}
            locale={{ emptyText: '还没有图表' }}
            renderItem={(c) => (
              <List.Item
                actions={
                  writer
                    ? [
                        <Button
                          key="edit"
                          size="small"
                          onClick={() => {
                            setEditing(c.id);
                            form.setFieldsValue({ ...c, filter: c.filter ?? null });
                          }}
                        >
                          修改
                        </Button>,
                        <Popconfirm
                          key="delete"
                          title="删除此图表？"
                          onConfirm={() => void remove(c)}
                          okText="删除"
                          cancelText="取消"
                        >
                          <Button size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={`${options.chartKinds.find((k) => k.value === c.kind)?.label ?? c.kind}：${c.title}`}
                  description={
                    <Typography.Text
                      copyable={{ text: `<figure data-dataset-chart="${c.id}"></figure>` }}
                      type="secondary"
                    >
                      嵌入文章或图解：{`<figure data-dataset-chart="${c.id}"></figure>`}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
