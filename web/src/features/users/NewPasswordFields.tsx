/** The "new password" + "confirm password" pair of form items shared by my account (change password) and the
 * admin's reset-password modal. `name` is the form field holding the new password; the confirm field is `confirm`. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export function NewPasswordFields({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={t('usr.newPassword')}
        extra={t('usr.passwordHelp')}
        rules={[{ required: true, message: t('usr.required') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('usr.confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('usr.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('usr.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
