// The organization tree: the units the caller's roles cover as roots, children loaded when opened (one request
// per level), and a diacritic-insensitive search over every unit in scope. Enter or a click opens a unit. A date
// shows the tree as it was that day (restructuring keeps the history: merged and split units appear before it).
import { Card, Empty, Input, List, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { orgApi } from '../api/org';
import { DateField } from '../components/date_field';
import type { TreeNode, Unit } from '../api/types';
import { ErrorBox, Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const LEAF_KINDS = ['cell', 'grassroots_cell'];

interface Node extends TreeDataNode {
  key: string;
  unit: { id: number; kind: string; name: string; code: string; members?: number };
  children?: Node[];
}

export function TreePage() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [asOf, setAsOf] = useState<string | undefined>();
  useEffect(() => {
    const id = setTimeout(() => setDebounced(query.trim()), 300);
    return () => clearTimeout(id);
  }, [query]);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }}>
        {t('tree.title')}
      </Typography.Title>
      <div className="toolbar">
        <Input.Search
          allowClear
          size="large"
          placeholder={t('tree.search')}
          aria-label={t('tree.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={(v) => setDebounced(v.trim())}
          data-testid="tree-search"
        />
      </div>
      {!debounced && (
        <div className="toolbar tree-as-of">
          <label htmlFor="tree-as-of">{t('org.asOf')}</label>
          <DateField id="tree-as-of" value={asOf} onChange={setAsOf} />
          {asOf && <Typography.Text data-testid="tree-as-of-note">{t('org.asOfNote')}</Typography.Text>}
        </div>
      )}
      {debounced ? <SearchResults q={debounced} /> : <UnitTree key={asOf ?? 'today'} asOf={asOf} />}
    </>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useI18n();
  const results = useLoad(() => api.units({ q, page_size: 50 }), [q]);
  return (
    <Card title={<h2 className="card-title">{t('tree.results')}</h2>}>
      <Show loaded={results}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty description={t('tree.noResults')} />
          ) : (
            <>
              <List
                dataSource={page.items}
                renderItem={(u: Unit) => (
                  <List.Item data-testid="unit-result">
                    <List.Item.Meta
                      title={<Link to={`/units/${u.id}`}>{u.name}</Link>}
                      description={`${t(`kind.${u.kind}`)} · ${u.code}`}
                    />
                  </List.Item>
                )}
              />
              <Typography.Text>{t('common.total', { total: page.total })}</Typography.Text>
            </>
          )
        }
      </Show>
    </Card>
  );
}

function toNode(n: TreeNode | Unit, label: (u: Node['unit']) => React.ReactNode): Node {
  const unit = { id: n.id, kind: n.kind, name: n.name, code: n.code, members: 'members' in n ? n.members : undefined };
  return { key: String(n.id), unit, title: label(unit), isLeaf: LEAF_KINDS.includes(n.kind) };
}

function replaceChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children, isLeaf: children.length === 0 } : n.children
      ? { ...n, children: replaceChildren(n.children, key, children) }
      : n,
  );
}

function UnitTree({ asOf }: { asOf?: string }) {
  const { t } = useI18n();
  const { account } = useSession();
  const navigate = useNavigate();
  const label = (u: Node['unit']) => (
    <span className="tree-node-title" data-testid="tree-node">
      <strong>{u.name}</strong>
      <span className="tree-node-meta">
        {t(`kind.${u.kind as 'cell'}`)} · {u.code}
        {u.members !== undefined ? ` · ${t('tree.members', { count: u.members })}` : ''}
      </span>
    </span>
  );
  // Roots: the units of the caller's grants, without those already below another root.
  const roots = useLoad(async () => {
    const ids = [...new Set(account?.roles.map((g) => g.unit_id) ?? [])];
    const units = await Promise.all(ids.map((id) => api.unit(id)));
    return units.filter((u) => !units.some((o) => o.id !== u.id && o.id === u.parent_id));
  }, [account?.id]);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (roots.data) setNodes(roots.data.map((u) => toNode(u, label)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roots.data, t]);

  const loadData = async (node: { key: React.Key }) => {
    try {
      const { unit: tree } = await orgApi.tree(Number(node.key), { depth: 1, as_of: asOf });
      setNodes((all) => replaceChildren(all, String(node.key), (tree.children ?? []).map((c) => toNode(c, label))));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Card>
      {error !== null && <ErrorBox error={error} />}
      <Show loaded={roots}>
        {() => (
          <Tree
            treeData={nodes}
            loadData={loadData}
            blockNode
            showLine
            aria-label={t('tree.title')}
            onSelect={(keys) => keys.length && navigate(`/units/${keys[0]}`)}
            data-testid="org-tree"
          />
        )}
      </Show>
    </Card>
  );
}
