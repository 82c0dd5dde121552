import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../ui';
import { searchProducts, type CatalogueProduct, type QuoteLine } from './quotes.api';
import { moneyText } from './quote-format';
import type { EditLine } from './quote-edit-lines';
import { newLine } from './quote-edit-lines';

function ProductPicker({ line, onPick }: { line: EditLine; onPick: (p: CatalogueProduct | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['products', 'picker', q],
    queryFn: () => searchProducts(q),
    staleTime: 15_000,
  });
  const items = found.data?.items ?? [];
  const options = items.map((p) => ({ value: p.id, label: `${p.sku} ${p.name}` }));
  if (line.productId && !options.some((o) => o.value === line.productId))
    options.unshift({ value: line.productId, label: line.productLabel ?? line.productId });
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      style={{ width: '100%' }}
      placeholder={t('quotes.lines.pickProduct')}
      value={line.productId ?? undefined}
      options={options}
      onSearch={setSearch}
      onChange={(id) => onPick(items.find((p) => p.id === id) ?? null)}
      data-testid="quote-line-product"
    />
  );
}

interface Props {
  lines: EditLine[];
  onChange: (lines: EditLine[]) => void;
  /** Server-computed lines of the preview, in the same order (when every line is complete). */
  priced?: QuoteLine[];
  currency: string;
  readOnly: boolean;
}

export function QuoteLinesEditor({ lines, onChange, priced, currency, readOnly }: Props) {
  const { t } = useTranslation();
  const set = (key: string, patch: Partial<EditLine>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const text = (
    l: EditLine,
    field: 'quantity' | 'unitPrice' | 'discountPct' | 'taxRate',
    placeholder?: string,
  ) => (
    <Input
      value={l[field]}
      disabled={readOnly}
      placeholder={placeholder}
      inputMode="decimal"
      data-testid={`quote-line-${field}`}
      onChange={(e) => set(l.key, { [field]: e.target.value.trim() })}
    />
  );
  const columns: TableProps<EditLine>['columns'] = [
    {
      key: 'item',
      title: t('quotes.lines.item'),
      width: '34%',
      render: (_, l) => (
        <>
          {readOnly ? (
            (l.productLabel ?? l.name)
          ) : (
            <ProductPicker
              line={l}
              onPick={(p) =>
                set(l.key, {
                  productId: p?.id ?? null,
                  productLabel: p ? `${p.sku} ${p.name}` : null,
                  unitPrice: '',
                  taxRate: '',
                })
              }
            />
          )}
          {!l.productId && !readOnly ? (
            <Input
              style={{ marginTop: 4 }}
              placeholder={t('quotes.lines.freeName')}
              value={l.name}
              onChange={(e) => set(l.key, { name: e.target.value })}
            />
          ) : null}
        </>
      ),
    },
    { key: 'quantity', title: t('quotes.lines.quantity'), render: (_, l) => text(l, 'quantity') },
    {
      key: 'unitPrice',
      title: t('quotes.lines.unitPrice'),
      render: (_, l) => text(l, 'unitPrice', l.productId ? t('quotes.lines.cataloguePrice') : undefined),
    },
    {
      key: 'discountPct',
      title: t('quotes.lines.discountPct'),
      render: (_, l) => text(l, 'discountPct', '0'),
    },
    {
      key: 'taxRate',
      title: t('quotes.lines.taxRate'),
      render: (_, l) => text(l, 'taxRate', l.productId ? '13' : '0'),
    },
    {
      key: 'lineTotal',
      title: t('quotes.lines.lineTotal'),
      align: 'right',
      render: (_, l, i) => {
        const p = priced?.[i];
        return p ? (
          <span>
            {moneyText(p.lineTotal, currency)}
            {l.productId && !l.unitPrice ? (
              <div style={{ color: '#888', fontSize: 12 }}>@ {p.unitPrice}</div>
            ) : null}
          </span>
        ) : (
          '—'
        );
      },
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'remove',
            width: 48,
            render: (_: unknown, l: EditLine) => (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
              />
            ),
          },
        ]),
  ];
  return (
    <>
      <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={lines} />
      {readOnly ? null : (
        <Button
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => onChange([...lines, newLine()])}
          data-testid="quote-add-line"
        >
          {t('quotes.lines.add')}
        </Button>
      )}
    </>
  );
}
