import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageStates';
import { useMe } from '../../lib/hooks';
import { OrgTree } from './OrgTree';
import { UnitDetail } from './UnitDetail';

export default function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selected = params.get('unit') || me.data?.home || undefined;
  const select = (code: string) => setParams({ unit: code });
  return (
    <div>
      <PageTitle title={t('units.title')} sub={t('units.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('units.tree')}>
            <OrgTree selected={selected} onSelect={select} home={me.data?.home ?? undefined} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('units.detail')}>
            <UnitDetail code={selected} onSelect={select} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
