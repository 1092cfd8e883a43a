// 错敏词库: the site's word lists for the pre-publish check — 禁用词 (always blocking), 易错词 (wrong → right,
// a hint), 领导姓名职务 (a leader written with another post blocks until confirmed). Site administrators edit;
// editors, reviewers, leaders and secrecy reviewers of the site read.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Select, Space, Spin, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useBusy } from '../../components/busy';
import { toastError, toastSuccess } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { SitePageHeader } from '../../components/PageHeader';
import type { Dictionaries } from '../../../../src/modules/prepublish/prepublish.schema.ts';
import '../content/content.css';

interface WordRow {
  key: number;
  wrong: string;
  right: string;
}

interface LeaderRow {
  key: number;
  name: string;
  posts: string[];
}

let seq = 0;
const nextKey = () => ++seq;

const lines = (text: string) => [
  ...new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/** Chinese problems with the lists as typed, or [] when they can be saved. */
function problems(forbidden: string[], words: WordRow[], leaders: LeaderRow[]): string[] {
  const out: string[] = [];
  const long = forbidden.filter((w) => w.length > 50);
  if (long.length) out.push(`禁用词每个不超过 50 个字：${long.slice(0, 3).join('、')}`);
  words.forEach((w, i) => {
    if (!w.wrong.trim() || !w.right.trim()) out.push(`易错词第 ${i + 1} 行：错误写法和正确写法都要填写`);
    else if (w.wrong.trim() === w.right.trim()) out.push(`易错词第 ${i + 1} 行：错误写法与正确写法相同`);
    if (w.wrong.length > 50 || w.right.length > 50) out.push(`易错词第 ${i + 1} 行：每项不超过 50 个字`);
  });
  leaders.forEach((l, i) => {
    const name = l.name.trim();
    if (name.length < 2 || name.length > 20) out.push(`领导第 ${i + 1} 行：姓名应为 2–20 个字`);
    if (l.posts.length === 0) out.push(`领导第 ${i + 1} 行（${name || '未填姓名'}）：至少填写一个职务`);
    if (l.posts.length > 10) out.push(`领导第 ${i + 1} 行：职务最多 10 个`);
  });
  return out;
}

export default function DictionariesPage() {
  usePageTitle('错敏词库');
  const { can } = useAuth();
  const editable = can('site.manage');
  const scope = useSiteScope();
  const { site } = scope;
  const siteId = site?.id;
  const dict = useLoad(siteId ? () => api.get<Dictionaries>(`/api/sites/${siteId}/prepublish/dictionaries`) : null, [
    siteId,
  ]);
  const [forbiddenText, setForbiddenText] = useState('');
  const [words, setWords] = useState<WordRow[]>([]);
  const [leaders, setLeaders] = useState<LeaderRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const saving = useBusy();
  const [wordFilter, setWordFilter] = useState('');

  /** Shows the lists as stored (on load, after saving, on 放弃修改). */
  const apply = useCallback((d: Dictionaries) => {
    setForbiddenText(d.forbidden.join('\n'));
    setWords(d.errorProne.map((w) => ({ key: nextKey(), ...w })));
    setLeaders(d.leaders.map((l) => ({ key: nextKey(), name: l.name, posts: l.posts })));
    setDirty(false);
  }, []);
  useEffect(() => {
    if (dict.data) apply(dict.data);
  }, [dict.data, apply]);

  const forbidden = useMemo(() => lines(forbiddenText), [forbiddenText]);
  const issues = problems(forbidden, words, leaders);

  const save = () => {
    if (!siteId) return;
    if (issues.length) {
      toastError(issues[0]);
      return;
    }
    return saving.run(async () => {
      const body: Dictionaries = {
        forbidden,
        errorProne: words.map((w) => ({ wrong: w.wrong.trim(), right: w.right.trim() })),
        leaders: leaders.map((l) => ({
          name: l.name.trim(),
          posts: [...new Set(l.posts.map((p) => p.trim()).filter(Boolean))],
        })),
      };
      const saved = await api.put<Dictionaries>(`/api/sites/${siteId}/prepublish/dictionaries`, body);
      apply(saved);
      dict.setData(saved);
      toastSuccess('错敏词库已保存，之后提交和发布的信息按新词库检查');
    });
  };

  const changeWord = (key: number, patch: Partial<WordRow>) => {
    setWords((list) => list.map((w) => (w.key === key ? { ...w, ...patch } : w)));
    setDirty(true);
  };
  const changeLeader = (key: number, patch: Partial<LeaderRow>) => {
    setLeaders((list) => list.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setDirty(true);
  };

  const shownWords = wordFilter.trim()
    ? words.filter((w) => w.wrong.includes(wordFilter.trim()) || w.right.includes(wordFilter.trim()))
    : words;

  const wordColumns: TableColumnsType<WordRow> = [
    { title: '序号', key: 'i', width: 70, render: (_, w) => words.indexOf(w) + 1 },
    {
      title: '错误写法',
      dataIndex: 'wrong',
      render: (_, w) =>
        editable ? (
          <Input
            value={w.wrong}
            maxLength={50}
            aria-label={`第 ${words.indexOf(w) + 1} 行错误写法`}
            onChange={(e) => changeWord(w.key, { wrong: e.target.value })}
          />
        ) : (
          w.wrong
        ),
    },
    {
      title: '正确写法',
      dataIndex: 'right',
      render: (_, w) =>
        editable ? (
          <Input
            value={w.right}
            maxLength={50}
            aria-label={`第 ${words.indexOf(w) + 1} 行正确写法`}
            onChange={(e) => changeWord(w.key, { right: e.target.value })}
          />
        ) : (
          w.right
        ),
    },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, w: WordRow) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`删除第 ${words.indexOf(w) + 1} 行（${w.wrong || '空'}）`}
                onClick={() => {
                  setWords((list) => list.filter((x) => x.key !== w.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  const leaderColumns: TableColumnsType<LeaderRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 180,
      render: (_, l) =>
        editable ? (
          <Input
            value={l.name}
            maxLength={20}
            aria-label={`第 ${leaders.indexOf(l) + 1} 行姓名`}
            onChange={(e) => changeLeader(l.key, { name: e.target.value })}
          />
        ) : (
          l.name
        ),
    },
    {
      title: '现任职务（可填多个）',
      dataIndex: 'posts',
      render: (_, l) =>
        !editable ? (
          l.posts.join('、')
        ) : (
          <Select
            mode="tags"
            value={l.posts}
            style={{ width: '100%' }}
            tokenSeparators={['、', '，', ',', '；', ';']}
            placeholder="输入职务后按回车，如：党组书记、主任"
            aria-label={`第 ${leaders.indexOf(l) + 1} 行职务`}
            open={false}
            suffixIcon={null}
            onChange={(posts: string[]) =>
              changeLeader(l.key, {
                posts: posts
                  .map((p) => p.trim())
                  .filter(Boolean)
                  .slice(0, 10),
              })
            }
          />
        ),
    },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, l: LeaderRow) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`删除领导“${l.name || '未填姓名'}”`}
                onClick={() => {
                  setLeaders((list) => list.filter((x) => x.key !== l.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  const forbiddenError = dict.error instanceof ApiError && dict.error.status === 403;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="错敏词库" scope={scope} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        编辑提交审查时和信息发布前，系统用本站点的词库检查标题、副标题、摘要和正文：含禁用词的不能提交；易错词给出修改建议；领导姓名与职务不符的须审查人确认。已发布的“领导信息”中的姓名和职务会自动加入检查，无需在此重复填写。
      </Typography.Paragraph>
      {!editable && !forbiddenError && <Alert type="info" showIcon title="词库由站点管理员维护，您可以查看。" />}
      {forbiddenError && (
        <Alert
          type="warning"
          showIcon
          title="无法读取错敏词库"
          description="读取词库需要本站点的编辑或站点管理员权限。"
        />
      )}
      {dict.loading && !dict.data ? (
        <Spin />
      ) : dict.data ? (
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'forbidden',
                label: `禁用词（${forbidden.length}）`,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <label htmlFor="forbidden-words">
                      每行一个禁用词或表述；含有禁用词的信息不能提交审查，也不能由审查人确认放行。
                    </label>
                    <Input.TextArea
                      id="forbidden-words"
                      value={forbiddenText}
                      readOnly={!editable}
                      autoSize={{ minRows: 10, maxRows: 24 }}
                      onChange={(e) => {
                        setForbiddenText(e.target.value);
                        setDirty(true);
                      }}
                      data-testid="forbidden-words"
                    />
                    <Typography.Text type="secondary">
                      共 {forbidden.length} 个（空行和重复的会自动去掉）
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'errorProne',
                label: `易错词（${words.length}）`,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      {editable && (
                        <Button
                          icon={<PlusOutlined aria-hidden />}
                          onClick={() => {
                            setWordFilter('');
                            setWords((list) => [{ key: nextKey(), wrong: '', right: '' }, ...list]);
                            setDirty(true);
                          }}
                        >
                          添加易错词
                        </Button>
                      )}
                      <Input.Search
                        allowClear
                        placeholder="查找"
                        aria-label="查找易错词"
                        style={{ width: 200 }}
                        value={wordFilter}
                        onChange={(e) => setWordFilter(e.target.value)}
                      />
                    </Space>
                    <Table<WordRow>
                      rowKey="key"
                      size="small"
                      columns={wordColumns}
                      dataSource={shownWords}
                      pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
                      locale={{ emptyText: <Empty description="没有易错词" /> }}
                      data-testid="error-prone-table"
                    />
                  </Space>
                ),
              },
              {
                key: 'leaders',
                label: `领导姓名职务（${leaders.length}）`,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {editable && (
                      <Button
                        icon={<PlusOutlined aria-hidden />}
                        onClick={() => {
                          setLeaders((list) => [...list, { key: nextKey(), name: '', posts: [] }]);
                          setDirty(true);
                        }}
                      >
                        添加领导
                      </Button>
                    )}
                    <Table<LeaderRow>
                      rowKey="key"
                      size="small"
                      columns={leaderColumns}
                      dataSource={leaders}
                      pagination={false}
                      locale={{ emptyText: <Empty description="未单独设置领导；已发布的领导信息会自动用于检查" /> }}
                      data-testid="leaders-table"
                    />
                  </Space>
                ),
              },
            ]}
          />
          {editable && (
            <Space wrap style={{ marginTop: 16 }}>
              <Button
                type="primary"
                icon={<SaveOutlined aria-hidden />}
                onClick={() => void save()}
                loading={saving.busy}
                disabled={!dirty}
              >
                保存词库
              </Button>
              <Button disabled={!dirty} onClick={() => dict.data && apply(dict.data)}>
                放弃修改
              </Button>
              {dirty && issues.length > 0 && <Typography.Text type="danger">{issues[0]}</Typography.Text>}
              {dirty && issues.length === 0 && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
            </Space>
          )}
        </Card>
      ) : null}
    </Space>
  );
}
