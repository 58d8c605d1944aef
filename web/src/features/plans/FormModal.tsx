/** The modal frame shared by the plan, target and task forms: title, save/cancel, the API's error on top
 * (cleared on open and on each try), validation problems from the API onto their fields. */
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../lib/formErrors';
import { useFormDirty } from '../../lib/unsavedGuard';
import './messages';

export function FormModal<V extends object>({
  open,
  title,
  form,
  name,
  initialValues,
  save,
  onCancel,
  saving,
  width = 720,
  children,
}: {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  name: string;
  initialValues: Partial<V>;
  /** Saves the values (and closes); what it throws is shown. */
  save: (v: V) => Promise<void>;
  onCancel: () => void;
  saving: boolean;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const guard = useFormDirty(open);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  async function submit(v: V) {
    setError(null);
    // Saved edits do not hold the page: a save that opens what it created is not asked "leave?". A
    // refused save marks the form unsaved again.
    guard.reset();
    try {
      await save(v);
    } catch (err) {
      guard.onValuesChange();
      setError(applyServerErrors(form, err).message);
    }
  }
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={width}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={guard.onValuesChange}
      >
        {children}
      </Form>
    </Modal>
  );
}
