// New / edit one item: the form for its type, the rich-text body, uploads; the actions 保存草稿, 提交审查,
// 定时发布/撤稿, 撤稿, 在网站上查看; the versions and the review history. Reviewers see it read-only.
import { Link } from 'react-router-dom';
import { Alert, Card, Space, Spin, Tabs } from 'antd';
import type { SubmitResult } from '../../../../src/modules/review/review.schema.ts';
import { CONTENT_STATUSES } from '../../../../src/modules/content/content-types.ts';
import { PageLoading } from '../../components/busy';
import { PageHeader } from '../../components/PageHeader';
import { SiteSelect } from '../../components/SiteSelect';
import { modal, toastSuccess } from '../../feedback';
import { sentence } from '../../format';
import { usePageTitle } from '../../hooks';
import { ReviewHistory } from '../review/ReviewHistory';
import { SubmitModal } from '../review/SubmitModal';
import { ScheduleModal, WithdrawModal } from './ContentActions';
import { ContentPreview } from './ContentPreview';
import { ContentForm } from './editor/ContentForm';
import { EditorActions } from './editor/EditorActions';
import { EditorSummary } from './editor/EditorSummary';
import { useContentEditor } from './editor/useContentEditor';
import { CheckPanel, useLiveCheck } from './editor/CheckPanel';
import { VersionsPanel } from './VersionsPanel';
import './content.css';

export default function ContentEditorPage() {
  const editor = useContentEditor();
  const check = useLiveCheck(editor);
  editor.onChangeRef.current = check.schedule;
  const { isNew, detail, item, scope, me, siteId, readOnly, tab, setTab, dialog, setDialog, columnLabel } = editor;
  usePageTitle(isNew ? '新建信息' : detail ? `编辑：${detail.title}` : '信息');

  if (!isNew && !detail) {
    return item.loading || !item.error ? (
      <PageLoading />
    ) : (
      <Alert
        type="error"
        showIcon
        title="无法打开该信息"
        description="信息不存在，或您没有查看它的权限。"
        action={<Link to="/content">返回信息列表</Link>}
      />
    );
  }

  const afterSubmit = (r: SubmitResult) => {
    setDialog(null);
    if (r.state === 'closed') {
      modal().warning({
        title: '已登记为涉密不发布',
        content: `登记序号 ${r.serial}。涉密信息不得在网站发布，此信息不能再编辑或发布。`,
        okText: '知道了',
      });
      // A 涉密 item's body is now for its department's 分管领导 and the 保密审查员 only: the server refuses the
      // 承办人 a fresh copy, so the page marks the copy it holds as registered instead of loading it again.
      if (detail) item.setData({ ...detail, status: 'classified', statusName: CONTENT_STATUSES.classified });
      return;
    }
    toastSuccess(`已提交审查（登记序号 ${r.serial}），当前环节：${sentence(r.stateName)}${r.routedTo}`);
    void item.reload();
  };

  const contentTab = () => {
    if (readOnly && detail)
      return (
        <Card size="small">
          <ContentPreview item={detail} columnLabel={columnLabel(detail.columnId) || detail.columnName} />
        </Card>
      );
    return siteId ? (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ContentForm editor={editor} siteId={siteId} />
        <CheckPanel check={check} />
      </Space>
    ) : (
      <Spin />
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="content-editor">
      <PageHeader
        title={isNew ? '新建信息' : detail?.title}
        back={{ to: '/content', label: '返回信息列表' }}
        extra={
          isNew && scope.sites.data ? (
            <SiteSelect sites={scope.sites.data} value={scope.site} onChange={scope.chooseSite} />
          ) : null
        }
      />
      <EditorSummary
        detail={detail}
        readOnlyReason={editor.readOnlyReason}
        noColumns={editor.writer && !!editor.writable.data && editor.columnOptions.length === 0}
        type={editor.type}
      />
      <EditorActions editor={editor} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'content', label: '内容', children: contentTab() },
          ...(detail
            ? [
                {
                  key: 'versions',
                  label: `版本记录（${detail.version}）`,
                  children: <VersionsPanel item={detail} canRestore={!readOnly} onRestored={editor.restored} />,
                },
                {
                  key: 'reviews',
                  label: `审查记录（${detail.reviews.length}）`,
                  children: <ReviewHistory reviews={detail.reviews} />,
                },
              ]
            : []),
        ]}
      />
      {detail && (
        <>
          <SubmitModal
            open={dialog === 'submit'}
            item={detail}
            department={me.departmentName}
            column={columnLabel(detail.columnId) || detail.columnName}
            onClose={() => setDialog(null)}
            onDone={afterSubmit}
          />
          <ScheduleModal
            open={dialog === 'schedule'}
            item={detail}
            onClose={() => setDialog(null)}
            onDone={(d) => {
              setDialog(null);
              item.setData(d);
            }}
          />
          <WithdrawModal
            open={dialog === 'withdraw'}
            item={detail}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              void item.reload();
            }}
          />
        </>
      )}
    </Space>
  );
}
