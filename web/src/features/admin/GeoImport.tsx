import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Row, Space, Tag, Typography, Upload } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/charts/Chart';
import { echarts } from '../../components/charts/echarts';
import { ErrorState } from '../../components/PageStates';
import { tooltipHtml } from '../../lib/safe';
import type { GeoFeatureCollection, GeoImportResult } from '../../lib/types';
import { useImportGeo } from './api';

const MAX_BYTES = 50 * 1024 * 1024;
let previewSeq = 0;

/** Boundaries: read a GeoJSON file, preview it, dry-run the match by code, then save. */
export function GeoImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importGeo = useImportGeo();
  const [name, setName] = useState<string | null>(null);
  const [geo, setGeo] = useState<GeoFeatureCollection | null>(null);
  const [mapName, setMapName] = useState<string | null>(null);
  const [dry, setDry] = useState<GeoImportResult | null>(null);
  const [saved, setSaved] = useState<GeoImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function read(file: File) {
    setError(null);
    setDry(null);
    setSaved(null);
    setGeo(null);
    setName(file.name);
    try {
      const data = JSON.parse(await file.text()) as GeoFeatureCollection;
      if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features))
        throw new Error(t('admin.geoNotCollection'));
      const missing = data.features.filter((f) => !f?.properties?.code).length;
      if (missing > 0) throw new Error(t('admin.geoMissingCode', { count: missing }));
      // Codes are strings on the server ("01" ≠ 1).
      for (const f of data.features) f.properties.code = String(f.properties.code);
      const mn = `chiso-preview-${++previewSeq}`;
      echarts.registerMap(mn, data as unknown as Parameters<typeof echarts.registerMap>[1]);
      setMapName(mn);
      setGeo(data);
      await run(data, true);
    } catch (err) {
      setError(err instanceof SyntaxError ? t('admin.geoNotJson') : err);
    }
  }

  async function run(data: GeoFeatureCollection, dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await importGeo.mutateAsync({ data, dryRun });
      if (dryRun) setDry(res);
      else {
        setSaved(res);
        message.success(t('admin.geoSaved', { count: res.updated }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const unmatched = useMemo(() => new Set(dry?.unmatched ?? []), [dry]);
  const option: EChartsOption | null =
    geo && mapName
      ? {
          tooltip: {
            trigger: 'item',
            formatter: (p: unknown) => {
              const code = (p as { name: string }).name;
              const f = geo.features.find((x) => x.properties.code === code);
              const status = unmatched.has(code) ? t('admin.unmatched') : dry ? t('admin.matched') : '';
              // an HTML string: the names come from the uploaded file, so they are escaped
              return tooltipHtml(`${String(f?.properties.name ?? code)} (${code})`, [status]);
            },
          },
          series: [
            {
              type: 'map',
              map: mapName,
              nameProperty: 'code',
              roam: true,
              itemStyle: { areaColor: '#cfe3ea', borderColor: '#1f5f7a', borderWidth: 0.6 },
              emphasis: { itemStyle: { areaColor: '#9fd8e6' }, label: { show: false } },
              data: geo.features.map((f) => ({
                name: String(f.properties.code),
                itemStyle: { areaColor: unmatched.has(String(f.properties.code)) ? '#f4b3ad' : '#cfe3ea' },
              })),
            },
          ],
        }
      : null;

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('admin.geoHelp')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".geojson,.json,application/geo+json,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          if (f.size > MAX_BYTES) {
            message.error(t('admin.fileTooBig'));
            return Upload.LIST_IGNORE;
          }
          void read(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{name ?? t('admin.dropGeo')}</p>
      </Upload.Dragger>
      {error != null && (
        <div style={{ marginTop: 12 }}>
          <ErrorState error={error} title={t('admin.importFailed')} />
        </div>
      )}
      {geo && option && (
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} md={14}>
            <Chart option={option} height={360} ariaLabel={t('admin.geoPreview')} />
          </Col>
          <Col xs={24} md={10}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <div>{t('admin.geoFeatures', { count: geo.features.length })}</div>
              {dry && (
                <>
                  <Alert
                    type={dry.unmatched.length ? 'warning' : 'success'}
                    showIcon
                    title={t('admin.geoDry', {
                      matched: dry.matched.length,
                      unmatched: dry.unmatched.length,
                    })}
                  />
                  {dry.unmatched.length > 0 && (
                    <div>
                      <div className="chiso-muted" style={{ fontSize: 12, marginBottom: 4 }}>
                        {t('admin.unmatchedCodes')}
                      </div>
                      <div style={{ maxHeight: 120, overflow: 'auto' }}>
                        {dry.unmatched.map((c) => (
                          <Tag key={c} color="red">
                            {c}
                          </Tag>
                        ))}
                      </div>
                    </div>
                  )}
                  {dry.matched.length > 0 && (
                    <div className="chiso-muted" style={{ fontSize: 12, maxHeight: 120, overflow: 'auto' }}>
                      {t('admin.matched')}: {dry.matched.map((m) => `${m.name} (${m.code})`).join(', ')}
                    </div>
                  )}
                  <Button
                    type="primary"
                    loading={busy}
                    disabled={dry.matched.length === 0 || !!saved}
                    onClick={() => void run(geo, false)}
                  >
                    {t('admin.geoSave', { count: dry.matched.length })}
                  </Button>
                </>
              )}
              {saved && (
                <Alert type="success" showIcon title={t('admin.geoSaved', { count: saved.updated })} />
              )}
            </Space>
          </Col>
        </Row>
      )}
    </div>
  );
}
