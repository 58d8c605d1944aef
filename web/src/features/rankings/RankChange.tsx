/** A change of rank as an arrow tag: places gained (green, up), lost (red, down) or kept. */
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import './messages';

export function RankChange({ change }: { change: number | null | undefined }) {
  const { t } = useTranslation();
  if (change === null || change === undefined) return <>—</>;
  if (change > 0)
    return (
      <Tag color="green" icon={<ArrowUpOutlined />} title={t('rankings.review.up', { n: change })}>
        {change}
      </Tag>
    );
  if (change < 0)
    return (
      <Tag color="red" icon={<ArrowDownOutlined />} title={t('rankings.review.down', { n: -change })}>
        {-change}
      </Tag>
    );
  return <Tag icon={<MinusOutlined />} title={t('rankings.review.same')} />;
}
