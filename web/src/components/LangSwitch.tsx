import { useQueryClient } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AppLang, setLang } from '../i18n';
import { useLang } from '../lib/hooks';

/** Tiếng Việt / English. The choice is kept in localStorage and sent as Accept-Language. */
export function LangSwitch() {
  const lang = useLang();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Segmented
      size="small"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(v) => {
        setLang(v as AppLang);
        // Server messages and names come in the request's language: fetch again.
        void queryClient.invalidateQueries();
      }}
      options={[
        { value: 'vi', label: <span title="Tiếng Việt">VI</span> },
        { value: 'en', label: <span title="English">EN</span> },
      ]}
    />
  );
}
