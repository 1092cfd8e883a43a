// A small modal that asks for one or two texts (image alt text, link address) and resolves a promise.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Form, Input, Modal, Typography } from 'antd';

export interface PromptField {
  name: string;
  label: string;
  initial?: string;
  required?: string;
  placeholder?: string;
  help?: string;
  /** Returns a Chinese error, or null when the value is fine. */
  validate?: (value: string) => string | null;
}

export interface PromptOptions {
  title: string;
  fields: PromptField[];
  okText?: string;
  extra?: ReactNode;
}

type Values = Record<string, string>;

export function usePrompt(): [ReactNode, (options: PromptOptions) => Promise<Values | null>] {
  const [options, setOptions] = useState<PromptOptions | null>(null);
  const resolver = useRef<((v: Values | null) => void) | null>(null);
  const [form] = Form.useForm<Values>();
  const [seq, setSeq] = useState(0);

  const ask = useCallback(
    (next: PromptOptions) =>
      new Promise<Values | null>((resolve) => {
        resolver.current?.(null);
        resolver.current = resolve;
        setSeq((n) => n + 1);
        setOptions(next);
      }),
    [],
  );

  const finish = (value: Values | null) => {
    resolver.current?.(value);
    resolver.current = null;
    setOptions(null);
  };

  const element = (
    <Modal
      title={options?.title}
      open={!!options}
      okText={options?.okText ?? '确定'}
      cancelText="取消"
      onCancel={() => finish(null)}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {options?.extra}
      <Form<Values>
        key={seq}
        form={form}
        layout="vertical"
        onFinish={(v) => finish(v)}
        initialValues={Object.fromEntries((options?.fields ?? []).map((f) => [f.name, f.initial ?? '']))}
      >
        {options?.fields.map((f, i) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            extra={f.help ? <Typography.Text type="secondary">{f.help}</Typography.Text> : undefined}
            rules={[
              ...(f.required ? [{ required: true, whitespace: true, message: f.required }] : []),
              ...(f.validate
                ? [
                    {
                      validator: (_: unknown, v: string | undefined) => {
                        const problem = v ? f.validate!(v) : null;
                        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                      },
                    },
                  ]
                : []),
            ]}
          >
            <Input autoFocus={i === 0} placeholder={f.placeholder} maxLength={500} onPressEnter={() => form.submit()} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
  return [element, ask];
}
