// 解读的政策文件: the policy documents an interpretation explains, searched by title on this site.
import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { api, queryString } from '../../../api';
import type { ContentListItem } from '../../../../../src/modules/content/content.schema.ts';
import { useLoad } from '../../../hooks';

/** Policy documents to link from an interpretation, searched by title. */
export function PolicyPicker(props: {
  id?: string;
  siteId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  known: { id: number; title: string }[];
  disabled?: boolean;
  selfId?: number;
}) {
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Map<number, string>>(() => new Map(props.known.map((k) => [k.id, k.title])));
  const result = useLoad(
    () =>
      api
        .get<{ items: ContentListItem[] }>(
          `/api/sites/${props.siteId}/content${queryString({ type: 'policy', q: q.trim(), pageSize: 30 })}`,
        )
        .then((r) => r.items),
    [props.siteId, q],
  );
  useEffect(() => {
    if (!result.data) return;
    setLabels((prev) => {
      const next = new Map(prev);
      for (const i of result.data!) next.set(i.id, i.title);
      return next;
    });
  }, [result.data]);
  const timer = useRef<number | undefined>(undefined);
  const found = (result.data ?? []).filter((i) => i.id !== props.selfId);
  const options = [
    ...(props.value ?? [])
      .filter((id) => !found.some((f) => f.id === id))
      .map((id) => ({ value: id, label: labels.get(id) ?? `#${id}` })),
    ...found.map((i) => ({
      value: i.id,
      label: `${i.title}${i.status === 'published' ? '' : `（${i.statusName}）`}${i.indexNo ? ` · ${i.indexNo}` : ''}`,
    })),
  ];
  return (
    <Select
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      options={options}
      filterOption={false}
      popupMatchSelectWidth={480}
      showSearch={{
        onSearch: (text) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => setQ(text), 300);
        },
      }}
      loading={result.loading}
      placeholder="输入标题搜索本站的政策文件"
      notFoundContent={result.loading ? <Spin size="small" /> : '没有找到政策文件'}
      style={{ width: '100%' }}
    />
  );
}
