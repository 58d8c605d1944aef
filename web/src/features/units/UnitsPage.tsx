import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { AsOfPicker } from '../../components/AsOfPicker';
import { PageTitle } from '../../components/PageStates';
import { useAsOf } from '../../lib/asOf';
import { useMe } from '../../lib/hooks';
import { useSearchPatch } from '../../lib/searchParams';
import { OrgTree } from './OrgTree';
import { UnitDetail } from './UnitDetail';

export default function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, update] = useSearchPatch({ replace: false });
  const [asOf] = useAsOf();
  const selected = params.get('unit') || me.data?.home || undefined;
  const select = (code: string) => update({ unit: code });
  return (
    <div>
      <PageTitle title={t('units.title')} sub={t('units.sub')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('units.tree')} extra={<AsOfPicker />}>
            <OrgTree selected={selected} onSelect={select} home={me.data?.home ?? undefined} asOf={asOf} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('units.detail')}>
            <UnitDetail code={selected} asOf={asOf} onSelect={select} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
