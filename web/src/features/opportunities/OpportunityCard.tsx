import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Opportunity } from './opportunities.api';
import { moneyText } from './opportunity-labels';

interface Props {
  opportunity: Opportunity;
  draggable: boolean;
  onDragStart: (o: Opportunity) => void;
  onDragEnd: () => void;
}

/** A kanban card: name, customer, amount, owner, expected close; dragged to another stage. */
export function OpportunityCard({ opportunity: o, draggable, onDragStart, onDragEnd }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`opportunity-card-${o.id}`}
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', o.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(o);
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: draggable ? 'grab' : 'default', marginBottom: 8 }}
    >
      <Link to={`/opportunities/${o.id}`} draggable={false}>
        <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
          {o.name}
        </Typography.Text>
      </Link>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {o.customerName ?? '—'}
      </Typography.Text>
      <Flex justify="space-between" style={{ marginTop: 4, fontSize: 12 }}>
        <Typography.Text data-testid="card-amount">{moneyText(o.amount, o.currency)}</Typography.Text>
        <Typography.Text type="secondary">{o.ownerName ?? ''}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('opportunities.card.expectedClose', { date: o.expectedCloseDate ?? '—' })}
      </Typography.Text>
    </Card>
  );
}
