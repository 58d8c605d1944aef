import { Card, Col, Row, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageStates';
import { useMe } from '../../lib/hooks';
import { OrgTree } from '../units/OrgTree';
import { UnitDetail } from '../units/UnitDetail';
import { CsvImport } from './CsvImport';
import { GeoImport } from './GeoImport';

export default function AdminUnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selected = params.get('unit') || me.data?.home || undefined;
  const tab = params.get('tab') || 'tree';
  const set = (patch: Record<string, string>) =>
    setParams({ ...Object.fromEntries(params), ...patch }, { replace: true });
  return (
    <div>
      <PageTitle title={t('admin.unitsTitle')} sub={t('admin.unitsSub')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          {
            key: 'tree',
            label: t('admin.tabTree'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={9}>
                  <Card title={t('units.tree')}>
                    <OrgTree
                      selected={selected}
                      onSelect={(c) => set({ unit: c })}
                      home={me.data?.home ?? undefined}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={15}>
                  <Card title={t('units.detail')}>
                    <UnitDetail code={selected} onSelect={(c) => set({ unit: c })} />
                  </Card>
                </Col>
              </Row>
            ),
          },
          {
            key: 'csv',
            label: t('admin.tabCsv'),
            children: (
              <Card title={t('admin.csvTitle')}>
                <CsvImport />
              </Card>
            ),
          },
          {
            key: 'geo',
            label: t('admin.tabGeo'),
            children: (
              <Card title={t('admin.geoTitle')}>
                <GeoImport />
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
