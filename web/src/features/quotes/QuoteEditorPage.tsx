import { ArrowLeftOutlined, FilePdfOutlined, SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { can, useMe } from '../../app/session';
import { HistoryTimeline, useApiFeedback, useDebouncedValue } from '../../ui';
import { CustomerPicker } from '../customers/CustomerPicker';
import { QuoteActions } from './QuoteActions';
import { QuoteLinesEditor } from './QuoteLinesEditor';
import { fromQuoteLine, newLine, toInput, type EditLine } from './quote-edit-lines';
import { moneyText, STATUS_COLOR } from './quote-format';
import {
  createQuote,
  fetchQuote,
  fetchQuoteHistory,
  fetchQuoteHtml,
  pdfUrl,
  previewQuote,
  quotesKey,
  updateQuote,
  type Quote,
} from './quotes.api';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

interface Head {
  customerId?: string;
  currency: string;
  validUntil: string;
  terms: string;
  notes: string;
}

/** 报价单: create or edit a draft with live server-side totals; then the steps, the printable page and the PDF. */
export function QuoteEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const isNew = !id;
  const quote = useQuery({
    queryKey: [...quotesKey, 'detail', id],
    queryFn: () => fetchQuote(id!),
    enabled: !isNew,
  });
  const [head, setHead] = useState<Head>({
    customerId: params.get('customerId') ?? undefined,
    currency: params.get('currency') ?? 'CNY',
    validUntil: dayjs().add(30, 'day').format('YYYY-MM-DD'),
    terms: '',
    notes: '',
  });
  const [lines, setLines] = useState<EditLine[]>(() => [newLine()]);
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);
  const q = quote.data;
  useEffect(() => {
    if (!q || q.version === loadedVersion) return;
    setLoadedVersion(q.version);
    setHead({
      customerId: q.customerId,
      currency: q.currency,
      validUntil: q.validUntil ?? '',
      terms: q.terms ?? '',
      notes: q.notes ?? '',
    });
    setLines((q.lines ?? []).map(fromQuoteLine));
  }, [q, loadedVersion]);

  const editable = isNew ? can(me, 'quotes', 'create') : q?.status === 'draft' && can(me, 'quotes', 'update');
  const { input, complete } = useMemo(() => toInput(lines), [lines]);
  const ask = useDebouncedValue(
    JSON.stringify({ customerId: head.customerId, currency: head.currency, lines: input }),
    300,
  );
  const preview = useQuery({
    queryKey: [...quotesKey, 'preview', ask],
    queryFn: () => previewQuote(JSON.parse(ask)),
    enabled: editable && input.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const totals = editable ? preview.data : q;
  const priced = editable ? (complete ? preview.data?.lines : undefined) : q?.lines;

  const save = useMutation({
    mutationFn: () => {
      const body = {
        customerId: head.customerId!,
        currency: head.currency,
        validUntil: head.validUntil,
        lines: input,
        terms: head.terms || null,
        notes: head.notes || null,
      };
      if (isNew)
        return createQuote({
          ...body,
          opportunityId: params.get('opportunityId') || null,
        });
      return updateQuote(id!, { ...body, version: q!.version });
    },
    onSuccess: (saved: Quote) => {
      showSuccess(t('quotes.saved', { number: saved.number }));
      void queryClient.invalidateQueries({ queryKey: quotesKey });
      if (isNew) navigate(`/quotes/${saved.id}`, { replace: true });
    },
    onError: (e) => showError(e),
  });

  if (!isNew && quote.isLoading) return <Skeleton active />;
  if (!isNew && quote.error)
    return (
      <Result
        status={quote.error instanceof ApiError && quote.error.status === 404 ? '404' : 'error'}
        title={quote.error instanceof Error ? quote.error.message : ''}
        extra={<Link to="/quotes">{t('quotes.list.title')}</Link>}
      />
    );

  const readyToSave = !!head.customerId && !!head.validUntil && complete;
  const editor = (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" disabled={!editable}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label={t('quotes.fields.customer')} required>
                <CustomerPicker
                  currentLabel={q?.customerName}
                  value={head.customerId}
                  onChange={(v) => setHead({ ...head, customerId: v })}
                  data-testid="quote-customer"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('quotes.fields.currency')} required>
                <Select
                  value={head.currency}
                  options={CURRENCIES.map((c) => ({ value: c, label: c }))}
                  onChange={(v) => setHead({ ...head, currency: v })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('quotes.fields.validUntil')} required>
                <DatePicker
                  style={{ width: '100%' }}
                  value={head.validUntil ? dayjs(head.validUntil) : null}
                  onChange={(d) => setHead({ ...head, validUntil: d ? d.format('YYYY-MM-DD') : '' })}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <QuoteLinesEditor
          lines={lines}
          onChange={setLines}
          priced={priced}
          currency={head.currency}
          readOnly={!editable}
        />
        {preview.error && editable ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message={preview.error instanceof Error ? preview.error.message : ''}
            description={
              preview.error instanceof ApiError
                ? preview.error.fieldIssues.map((f) => f.message ?? f.field).join('；')
                : undefined
            }
          />
        ) : null}
        <Flex justify="space-between" align="start" wrap gap={16} style={{ marginTop: 16 }}>
          <Form layout="vertical" disabled={!editable} style={{ flex: 1, minWidth: 280 }}>
            <Form.Item label={t('quotes.fields.terms')}>
              <Input.TextArea
                rows={2}
                value={head.terms}
                onChange={(e) => setHead({ ...head, terms: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('quotes.fields.notes')}>
              <Input.TextArea
                rows={2}
                value={head.notes}
                onChange={(e) => setHead({ ...head, notes: e.target.value })}
              />
            </Form.Item>
          </Form>
          <Descriptions column={1} size="small" bordered style={{ minWidth: 300 }} data-testid="quote-totals">
            <Descriptions.Item label={t('quotes.fields.subtotal')}>
              {totals ? moneyText(totals.subtotal, head.currency) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.discountTotal')}>
              {totals ? moneyText(totals.discountTotal, head.currency) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.taxTotal')}>
              {totals ? moneyText(totals.taxTotal, head.currency) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.total')}>
              <Typography.Text strong data-testid="quote-total">
                {totals ? moneyText(totals.total, head.currency) : '—'}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Flex>
        {editable && preview.data?.needsApproval ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="quote-needs-approval"
            message={t('quotes.needsApproval', {
              max: preview.data.maxDiscountPct,
              authority: preview.data.authorityPct,
            })}
          />
        ) : null}
        {editable ? (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            style={{ marginTop: 16 }}
            disabled={!readyToSave}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="quote-save"
          >
            {t('common.save')}
          </Button>
        ) : null}
      </Card>
    </>
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {isNew ? t('quotes.new') : `${t('quotes.title')} ${q?.number ?? ''}`}
          </Typography.Title>
          {q ? (
            <Tag color={STATUS_COLOR[q.status]} data-testid="quote-status" data-status={q.status}>
              {t(`quotes.status.${q.status}`)}
            </Tag>
          ) : null}
        </Space>
        {q ? (
          <Space wrap>
            <QuoteActions quote={q} />
            <Button icon={<FilePdfOutlined />} href={pdfUrl(q.id, i18n.language)} data-testid="quote-pdf">
              {t('quotes.actions.pdf')}
            </Button>
          </Space>
        ) : null}
      </Flex>
      {q ? <QuoteFacts quote={q} /> : null}
      {isNew ? (
        editor
      ) : (
        <Tabs
          items={[
            { key: 'edit', label: t('quotes.tabs.lines'), children: editor },
            { key: 'print', label: t('quotes.tabs.preview'), children: <PrintPreview quote={q!} /> },
            { key: 'history', label: t('quotes.tabs.history'), children: <QuoteHistory id={q!.id} /> },
          ]}
        />
      )}
    </>
  );
}

function QuoteFacts({ quote: q }: { quote: Quote }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('quotes.fields.customer')}>
          <Link to={`/customers/${q.customerId}`}>{q.customerName ?? '—'}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('quotes.fields.opportunity')}>
          {q.opportunityId ? <Link to={`/opportunities/${q.opportunityId}`}>{q.opportunityName}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('quotes.fields.owner')}>{q.ownerName ?? '—'}</Descriptions.Item>
        {q.approvedByName ? (
          <Descriptions.Item label={t('quotes.fields.approvedBy')}>
            {q.approvedByName}
            {q.approvalNote ? `（${q.approvalNote}）` : ''}
          </Descriptions.Item>
        ) : null}
        {q.orderId ? (
          <Descriptions.Item label={t('quotes.fields.order')}>
            <Link to={`/orders/${q.orderId}`} data-testid="quote-order-link">
              {t('quotes.openOrder')}
            </Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** The server's printable page in a sandboxed frame (no scripts, no same-origin access). */
function PrintPreview({ quote }: { quote: Quote }) {
  const { i18n } = useTranslation();
  const html = useQuery({
    queryKey: [...quotesKey, 'print', quote.id, quote.version, i18n.language],
    queryFn: () => fetchQuoteHtml(quote.id),
  });
  if (html.isLoading) return <Skeleton active />;
  return (
    <iframe
      title="quote-preview"
      sandbox=""
      srcDoc={html.data ?? ''}
      data-testid="quote-preview"
      style={{ width: '100%', height: 900, border: '1px solid #ddd', background: '#fff' }}
    />
  );
}

function QuoteHistory({ id }: { id: string }) {
  const history = useQuery({ queryKey: [...quotesKey, 'history', id], queryFn: () => fetchQuoteHistory(id) });
  return (
    <HistoryTimeline
      items={history.data?.items}
      loading={history.isLoading}
      error={history.error}
      entity="quotes"
    />
  );
}
