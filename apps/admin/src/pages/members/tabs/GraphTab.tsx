import { Alert, Card, Empty, Flex, Segmented, Spin, Typography, theme } from 'antd';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { Member, MemberGraph } from '@regulars/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApiGet } from '../../../use-api';

// Only the pieces of ECharts this chart uses (this file is its own lazily loaded chunk).
echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

type Graph = z.infer<typeof MemberGraph>;
type Depth = 1 | 2 | 3;

const CONTACT_COLOR = '#8c8c8c';
const MEMBER_COLOR = '#5b8ff9';
/** Beyond this many relations, their names show on hover only (else they hide the people). */
const EDGE_LABELS_MAX = 60;

/** The relationship graph (人脈關係圖): the people around a member and how they are related. */
export default function GraphTab({ memberId, member }: { memberId: string; member: Member }) {
  const name = member.name;
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [depth, setDepth] = useState<Depth>(2);
  const graph = useApiGet<Graph>(`/members/${memberId}/graph?depth=${depth}`);
  const data = graph.data?.center === memberId ? graph.data : null;

  const kindLabel = useCallback((k: string) => t(`relations.kinds.${k}`, { defaultValue: k }), [t]);
  const kinds = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of data?.edges ?? []) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [data]);

  const legend = [
    {
      key: 'center',
      label: t('graph.center'),
      swatch: <Dot color={token.colorPrimary} size={14} />,
    },
    { key: 'member', label: t('graph.member'), swatch: <Dot color={MEMBER_COLOR} size={10} /> },
    {
      key: 'contact',
      label: t('graph.contact'),
      swatch: <Dot color={CONTACT_COLOR} size={10} square />,
    },
    { key: 'arrow', label: t('graph.introducedArrow'), swatch: <span aria-hidden>→</span> },
  ];

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('graph.depth')}</Typography.Text>
          <Segmented<Depth>
            data-testid="graph-depth"
            value={depth}
            onChange={setDepth}
            options={([1, 2, 3] as const).map((d) => ({
              value: d,
              label: t('graph.steps', { count: d }),
            }))}
          />
        </Flex>
        {data && (
          <Typography.Text type="secondary" data-testid="graph-count">
            {t('graph.people', { count: data.nodes.length, relations: data.edges.length })}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={graph.error} />
      {data?.truncated && (
        <Alert
          type="info"
          showIcon
          title={t('graph.truncated')}
          data-testid="graph-truncated"
          style={{ marginBottom: 12 }}
        />
      )}
      {!data ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : data.edges.length === 0 ? (
        <Empty description={t('graph.alone')} />
      ) : (
        <>
          <Flex wrap gap={16} data-testid="graph-legend" style={{ marginBottom: 8 }}>
            {legend.map((l) => (
              <Flex key={l.key} align="center" gap={6}>
                {l.swatch}
                <Typography.Text>{l.label}</Typography.Text>
              </Flex>
            ))}
          </Flex>
          <Flex wrap gap={8} data-testid="graph-kinds" style={{ marginBottom: 8 }}>
            {kinds.map(([kind, n]) => (
              <Typography.Text key={kind} type="secondary">
                {kindLabel(kind)} × {n}
              </Typography.Text>
            ))}
          </Flex>
          <Chart
            graph={data}
            label={t('graph.chartLabel', { name })}
            kindLabel={kindLabel}
            fontFamily={token.fontFamily}
            centerColor={token.colorPrimary}
            language={i18n.language}
            loading={graph.loading}
            onOpen={(id) => navigate(`/members/${id}`)}
          />
          <Typography.Text type="secondary">{t('graph.clickHint')}</Typography.Text>
        </>
      )}
    </Card>
  );
}

function Dot({ color, size, square }: { color: string; size: number; square?: boolean }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: square ? 2 : '50%',
        background: square ? '#fff' : color,
        border: `2px ${square ? 'dashed' : 'solid'} ${color}`,
      }}
    />
  );
}

function Chart(props: {
  graph: Graph;
  label: string;
  kindLabel: (kind: string) => string;
  fontFamily: string;
  centerColor: string;
  language: string;
  loading: boolean;
  onOpen: (memberId: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onOpen = useRef(props.onOpen);
  useEffect(() => {
    onOpen.current = props.onOpen;
  });

  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const d = p.data as { id?: string; kind?: string } | undefined;
      if (p.dataType === 'node' && d?.kind === 'member' && d.id) onOpen.current(d.id);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const { graph, kindLabel, fontFamily, centerColor } = props;
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const many = graph.edges.length > EDGE_LABELS_MAX;
    const big = graph.nodes.length > 60;
    c.setOption(
      {
        textStyle: { fontFamily },
        tooltip: {
          formatter: (p: { dataType?: string; data: Record<string, unknown> }) =>
            p.dataType === 'edge'
              ? escape(String(p.data.text ?? ''))
              : escape([p.data.name, p.data.cardNumber].filter(Boolean).join(' · ') as string),
        },
        series: [
          {
            type: 'graph',
            layout: 'force',
            roam: true,
            draggable: true,
            force: {
              repulsion: big ? 90 : 260,
              edgeLength: big ? [30, 70] : [70, 130],
              gravity: 0.08,
            },
            label: {
              show: true,
              position: 'right',
              fontSize: 12,
              color: '#262626',
              fontFamily,
            },
            labelLayout: { hideOverlap: true },
            edgeLabel: {
              show: !many,
              fontSize: 11,
              color: '#595959',
              fontFamily,
              formatter: (p: { data: { text?: string } }) => p.data.text ?? '',
            },
            lineStyle: { color: '#bfbfbf', width: 1.2, curveness: 0.08, opacity: 0.9 },
            emphasis: {
              focus: 'adjacency',
              lineStyle: { width: 2 },
              edgeLabel: { show: true },
            },
            edgeSymbolSize: [4, 9],
            data: graph.nodes.map((n) => {
              const center = n.id === graph.center;
              const contact = n.type === 'contact';
              return {
                id: n.id,
                name: n.name,
                kind: n.type,
                cardNumber: n.cardNumber,
                symbol: contact ? 'roundRect' : 'circle',
                symbolSize: center ? 40 : contact ? 14 : Math.max(12, 22 - n.depth * 3),
                cursor: contact || center ? 'default' : 'pointer',
                itemStyle: center
                  ? {
                      color: centerColor,
                      borderColor: '#fff',
                      borderWidth: 3,
                      shadowBlur: 12,
                      shadowColor: 'rgba(0,0,0,0.25)',
                    }
                  : contact
                    ? {
                        color: '#fff',
                        borderColor: CONTACT_COLOR,
                        borderWidth: 1.5,
                        borderType: 'dashed',
                      }
                    : { color: MEMBER_COLOR, borderColor: '#fff', borderWidth: 1 },
                label: center
                  ? { fontSize: 14, fontWeight: 'bold', position: 'bottom' }
                  : contact
                    ? { color: '#8c8c8c' }
                    : { show: !big || n.depth <= 1 },
              };
            }),
            links: graph.edges.map((e) => {
              const introduced = e.kind === 'introduced_by';
              return {
                source: e.source,
                target: e.target,
                text: kindLabel(e.kind),
                symbol: introduced ? ['none', 'arrow'] : ['none', 'none'],
                lineStyle: introduced ? { color: '#d4a373', width: 1.6 } : undefined,
              };
            }),
          },
        ],
      },
      { notMerge: true },
    );
  }, [graph, kindLabel, fontFamily, centerColor, props.language]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={props.label}
      data-testid="graph-chart"
      style={{ width: '100%', height: 520, opacity: props.loading ? 0.5 : 1 }}
    />
  );
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
