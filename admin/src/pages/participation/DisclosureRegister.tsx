// Registering an application received by letter, fax or in person: the same fields the applicant states online
// (条例 第二十九条) and the time of receipt, from which the statutory clock starts (the server moves it to the next
// working day when it falls on a holiday).
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { fromShanghaiPicker, shanghaiNowPicker } from '../../time';
import type { RegisterBody } from '../../../../src/modules/disclosure/disclosure.schema';

type Values = Omit<RegisterBody, 'receivedAt' | 'idempotencyKey'> & { receivedAt: Dayjs };

// Record<union, label>: the compiler checks every value of the server's enumerations has its label.
const APPLICANT_TYPES: Record<RegisterBody['applicantType'], string> = {
  person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他组织',
};
const ID_TYPES: Record<RegisterBody['idType'], string> = {
  id_card: '居民身份证',
  passport: '护照',
  hk_macao: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
  credit_code: '统一社会信用代码',
  other: '其他有效证件',
};
const CHANNELS: Record<Exclude<RegisterBody['channel'], 'online'>, string> = {
  letter: '信函申请',
  in_person: '当面申请',
  fax: '传真申请',
};
const FORMS: Record<RegisterBody['deliveryForm'], string> = { paper: '纸质', electronic: '电子' };
const METHODS: Record<RegisterBody['deliveryMethod'], string> = {
  post: '邮寄',
  email: '电子邮件',
  pickup: '当面领取',
  online: '网上获取',
};

/** crypto.randomUUID needs a secure context; the console may be served over plain HTTP inside the intranet. */
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const options = <K extends string>(table: Record<K, string>) =>
  (Object.entries(table) as [K, string][]).map(([value, label]) => ({ value, label }));

export function DisclosureRegister({
  siteId,
  open,
  onClose,
  onSaved,
}: {
  siteId: number;
  open: boolean;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const busy = useBusy();
  // One key per dialog: a double click or a retry after a lost answer registers the letter once.
  const [key, setKey] = useState(() => newKey());
  const applicantType = Form.useWatch('applicantType', form);
  const deliveryMethod = Form.useWatch('deliveryMethod', form);

  const save = async () => {
    const v = await form.validateFields();
    const body: RegisterBody = { ...v, receivedAt: fromShanghaiPicker(v.receivedAt), idempotencyKey: key };
    const done = await busy.run(
      () => api.post<{ id: number; serial: string }>(`/api/disclosure/applications?siteId=${siteId}`, body),
      { onError: (err) => showFormError(form, err) },
    );
    if (!done) return;
    toastSuccess(`已登记：${done.serial}`);
    form.resetFields();
    setKey(newKey());
    onSaved(done.id);
  };

  return (
    <Modal
      open={open}
      title="登记信函、传真或当面提交的申请"
      onCancel={onClose}
      onOk={() => void save()}
      okText="登记"
      confirmLoading={busy.busy}
      width={760}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          channel: 'letter',
          applicantType: 'person',
          idType: 'id_card',
          deliveryForm: 'paper',
          deliveryMethod: 'post',
          receivedAt: shanghaiNowPicker(),
        }}
      >
        <Space wrap align="start">
          <Form.Item name="channel" label="申请方式" rules={[{ required: true }]}>
            <Select style={{ width: 130 }} options={options(CHANNELS)} />
          </Form.Item>
          <Form.Item
            name="receivedAt"
            label="收到时间（签收或提交之时）"
            rules={[{ required: true, message: '请选择收到时间' }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="applicantType" label="申请人类型" rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={options(APPLICANT_TYPES)} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="name" label="姓名或单位名称" rules={[{ required: true, message: '请填写申请人' }]}>
            <Input maxLength={200} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="idType" label="证件类型" rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={options(ID_TYPES)} />
          </Form.Item>
          <Form.Item name="idNumber" label="证件号码" rules={[{ required: true, message: '请填写证件号码' }]}>
            <Input maxLength={30} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          {applicantType && applicantType !== 'person' ? (
            <Form.Item name="contactPerson" label="联系人">
              <Input maxLength={50} />
            </Form.Item>
          ) : null}
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item
            name="email"
            label="电子邮箱"
            rules={[{ required: deliveryMethod === 'email', message: '以电子邮件获取须填写电子邮箱' }]}
          >
            <Input maxLength={254} />
          </Form.Item>
          <Form.Item name="postalCode" label="邮政编码">
            <Input maxLength={10} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="address"
          label="通信地址"
          rules={[{ required: deliveryMethod === 'post', message: '以邮寄方式获取须填写通信地址' }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="description"
          label="所需信息的名称、文号或者便于查询的特征性描述"
          rules={[{ required: true, message: '请填写所需信息' }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="docNumber" label="文号">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="deliveryForm" label="提供形式" rules={[{ required: true }]}>
            <Select style={{ width: 100 }} options={options(FORMS)} />
          </Form.Item>
          <Form.Item name="deliveryMethod" label="获取方式" rules={[{ required: true }]}>
            <Select style={{ width: 130 }} options={options(METHODS)} />
          </Form.Item>
        </Space>
        <Form.Item name="purpose" label="用途（选填）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
