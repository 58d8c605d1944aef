/** Asks the reason for returning or unlocking a report. */
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import './messages';

export function ReasonModal({
  action,
  busy,
  onCancel,
  onOk,
}: {
  action: 'return' | 'unlock' | null;
  busy: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={action !== null}
      title={action === 'unlock' ? t('rep.unlockTitle') : t('rep.returnTitle')}
      okText={action === 'unlock' ? t('rep.unlock') : t('rep.return')}
      okButtonProps={{ danger: action === 'return', loading: busy }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      // an empty reason: the field says so (the form validates; nothing is thrown)
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('rep.reason')}
          rules={[{ required: true, whitespace: true, message: t('rep.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
