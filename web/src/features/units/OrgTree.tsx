import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Input, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { api } from '../../lib/api';
import type { OrgUnit, Page } from '../../lib/types';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  selected?: string;
  onSelect: (code: string) => void;
  /** Extra root to show when it is not among the level-1 units (the user's home unit). */
  home?: string;
  /** The tree on this date (YYYY-MM-DD): the unit versions valid then. */
  asOf?: string;
}

function toNode(u: OrgUnit, t: (k: string) => string): DataNode {
  const closed = u.validTo ? ` · ${t('units.closed')}` : '';
  return {
    key: u.code,
    title: (
      <span>
        {u.name}{' '}
        <span className="chiso-muted" style={{ fontSize: 12 }}>
          ({u.code}){closed}
        </span>
      </span>
    ),
    isLeaf: u.kind === 'hamlet' || u.kind === 'community_team',
  };
}

function insertChildren(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children, isLeaf: children.length === 0 };
    if (n.children) return { ...n, children: insertChildren(n.children, key, children) };
    return n;
  });
}

/** The org tree, loading each level on demand, with a search box (diacritics ignored). */
export function OrgTree({ selected, onSelect, home, asOf }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<DataNode[]>([]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());

  const roots = useQuery({
    queryKey: ['org-units', { level: 1, limit: 200, asOf }],
    queryFn: () => api<Page<OrgUnit>>('/org-units', { query: { level: 1, limit: 200, asOf } }),
  });
  const homeUnit = useQuery({
    queryKey: ['org-unit', home, asOf],
    queryFn: () => api<OrgUnit>(`/org-units/${encodeURIComponent(home!)}`, { query: { asOf } }),
    enabled: !!home && !!roots.data && !roots.data.items.some((u) => u.code === home),
  });
  const search = useQuery({
    queryKey: ['org-units', { q: debounced, limit: 50, asOf }],
    queryFn: () => api<Page<OrgUnit>>('/org-units', { query: { q: debounced, limit: 50, asOf } }),
    enabled: debounced.length > 0,
  });

  useEffect(() => {
    if (!roots.data) return;
    const list = [...roots.data.items];
    if (homeUnit.data && !list.some((u) => u.code === homeUnit.data.code)) list.unshift(homeUnit.data);
    setNodes(list.map((u) => toNode(u, t)));
    if (list.length === 1) setExpanded([list[0].code]);
  }, [roots.data, homeUnit.data, t]);

  async function loadData(node: { key: React.Key; children?: DataNode[] }) {
    if (node.children) return;
    const key = String(node.key);
    const page = await queryClient.fetchQuery({
      queryKey: ['org-units', { parent: key, limit: 500, asOf }],
      queryFn: () => api<Page<OrgUnit>>('/org-units', { query: { parent: key, limit: 500, asOf } }),
    });
    setNodes((prev) =>
      insertChildren(
        prev,
        key,
        page.items.map((u) => toNode(u, t)),
      ),
    );
  }

  return (
    <div>
      <label htmlFor="unit-search" className="chiso-muted" style={{ fontSize: 12 }}>
        {t('units.search')}
      </label>
      <Input.Search
        id="unit-search"
        allowClear
        placeholder={t('units.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {debounced ? (
        search.isPending ? (
          <BlockSkeleton rows={5} />
        ) : search.isError ? (
          <ErrorState error={search.error} onRetry={() => search.refetch()} />
        ) : search.data.items.length === 0 ? (
          <EmptyState description={t('common.noMatch')} />
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('units.results')}>
            {search.data.items.map((u) => (
              <li key={u.code}>
                <button
                  type="button"
                  onClick={() => onSelect(u.code)}
                  className="ant-btn ant-btn-text"
                  style={{
                    width: '100%',
                    textAlign: 'left',
                    padding: '6px 8px',
                    border: 0,
                    borderRadius: 6,
                    background: selected === u.code ? '#e6f0f4' : 'transparent',
                    cursor: 'pointer',
                    font: 'inherit',
                  }}
                >
                  {u.name}{' '}
                  <span className="chiso-muted">
                    ({u.code}) · {t(`unitKind.${u.kind}`)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : roots.isPending ? (
        <BlockSkeleton rows={8} />
      ) : roots.isError ? (
        <ErrorState error={roots.error} onRetry={() => roots.refetch()} />
      ) : nodes.length === 0 ? (
        <EmptyState />
      ) : (
        <Tree
          treeData={nodes}
          loadData={loadData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
          blockNode
          aria-label={t('units.tree')}
          style={{ maxHeight: 560, overflow: 'auto' }}
        />
      )}
    </div>
  );
}
