import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../components/PageStates';
import { useLocalName } from '../../lib/hooks';
import { OpenIndicatorView, useOpenIndicator } from './OpenIndicatorView';

/** /open/CODE: the public page of one published indicator (no login). */
export default function OpenIndicatorPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const code = useParams().code ?? '';
  // the view's query (one request): the title comes from its answer
  const meta = useOpenIndicator(code);
  return (
    <div>
      <Link to="/open">
        <ArrowLeftOutlined /> {t('open.back')}
      </Link>
      <PageTitle title={meta.data ? localName(meta.data) : code} sub={t('open.sub')} />
      <Card>
        <OpenIndicatorView code={code} />
      </Card>
    </div>
  );
}
