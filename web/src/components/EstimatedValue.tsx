import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A value read through lineage: tagged "ước tính" (estimated) when a partial share went into it, or
 * "cannot be carried through lineage" with the server's note when it has no value for that reason.
 */
export function EstimatedValue({
  row,
  fmt,
}: {
  row: { value: number | null; estimated?: boolean; note?: string | null } | undefined;
  fmt: (v: number | null | undefined) => string;
}) {
  const { t } = useTranslation();
  if (row && row.value === null && row.note)
    return (
      <Tooltip title={t(`time.note.${row.note}`, { defaultValue: row.note })}>
        <span className="chiso-muted" data-note={row.note}>
          {t('time.noValue')}
        </span>
      </Tooltip>
    );
  return (
    <span className="chiso-num" data-value={row?.value ?? ''}>
      {fmt(row?.value)}
      {row?.estimated && row.value !== null && (
        <Tag color="orange" style={{ marginLeft: 6, marginRight: 0 }}>
          {t('time.estimated')}
        </Tag>
      )}
    </span>
  );
}
