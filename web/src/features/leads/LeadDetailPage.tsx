import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { HistoryTimeline, PageHeader, formatDateTime, useApiFeedback } from '../../ui';
import { useDictionaries } from '../customization';
import { LeadFormModal } from './LeadFormModal';
import { statusColor } from './LeadsPage';
import {
  convertLead,
  getLead,
  leadHistory,
  leadsKey,
  MAN_ANSWERS,
  qualifyLead,
  updateLead,
  type Lead,
  type LeadStatus,
  type ManAnswer,
} from './leads.api';

function ManPanel({ lead, editable }: { lead: Lead; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [answers, setAnswers] = useState({
    money: lead.manMoney,
    authority: lead.manAuthority,
    need: lead.manNeed,
  });
  const qualify = useMutation({
    mutationFn: () => qualifyLead(lead.id, { ...answers, version: lead.version }),
    onSuccess: (l) => queryClient.setQueryData([...leadsKey, l.id], l),
    onError: (e) => showError(e),
  });
  const disabled = !editable || lead.status === 'converted' || lead.status === 'disqualified';
  return (
    <Card title={t('leads.man.title')} size="small" data-testid="man-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        {(['money', 'authority', 'need'] as const).map((k) => (
          <Space key={k} style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text>{t(`leads.man.${k}`)}</Typography.Text>
            <Radio.Group
              size="small"
              optionType="button"
              disabled={disabled}
              value={answers[k]}
              onChange={(e) => setAnswers((a) => ({ ...a, [k]: e.target.value as ManAnswer }))}
              options={MAN_ANSWERS.map((a) => ({ value: a, label: t(`leads.man.answers.${a}`) }))}
              data-testid={`man-${k}`}
            />
          </Space>
        ))}
        <Alert
          type={lead.nextAction === 'qualifyFirst' ? 'info' : 'success'}
          message={t('leads.man.next')}
          description={t(`leads.man.actions.${lead.nextAction}`)}
          data-testid="man-next-action"
        />
        {!disabled ? (
          <Button
            type="primary"
            loading={qualify.isPending}
            onClick={() => qualify.mutate()}
            data-testid="man-save"
          >
            {t('leads.man.save')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

function ConvertModal({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm();
  const convert = useMutation({
    mutationFn: (v: {
      withOpportunity: boolean;
      name?: string;
      amount?: string;
      currency?: string;
      createContact: boolean;
    }) =>
      convertLead(lead.id, {
        ...(lead.matchedCustomerId ? { customerId: lead.matchedCustomerId } : {}),
        createContact: v.createContact,
        opportunity: v.withOpportunity
          ? { name: v.name || undefined, amount: v.amount || undefined, currency: v.currency || undefined }
          : null,
      }),
    onSuccess: (r) => {
      queryClient.setQueryData([...leadsKey, lead.id], r.lead);
      void queryClient.invalidateQueries({ queryKey: leadsKey });
      onClose();
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      open={open}
      title={t('leads.convert.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={convert.isPending}
      destroyOnHidden
    >
      {lead.matchedCustomerId ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          message={t('leads.convert.reuse', { name: lead.matchedCustomerName ?? '' })}
        />
      ) : (
        <Typography.Paragraph>{t('leads.convert.newCustomer')}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ withOpportunity: true, createContact: true, currency: 'USD' }}
        onFinish={(v) => convert.mutate(v)}
        data-testid="convert-form"
      >
        <Form.Item name="createContact" valuePropName="checked">
          <Checkbox>{t('leads.convert.createContact')}</Checkbox>
        </Form.Item>
        <Form.Item name="withOpportunity" valuePropName="checked">
          <Checkbox>{t('leads.convert.withOpportunity')}</Checkbox>
        </Form.Item>
        <Form.Item name="name" label={t('leads.convert.opportunityName')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item
            name="amount"
            label={t('leads.convert.amount')}
            rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/ }]}
          >
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="currency" label={t('leads.convert.currency')}>
            <Select
              style={{ width: 100 }}
              options={['USD', 'CNY', 'EUR', 'GBP', 'JPY'].map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const dict = useDictionaries();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const [reason, setReason] = useState<string | undefined>();
  const lead = useQuery({ queryKey: [...leadsKey, id], queryFn: () => getLead(id) });
  const history = useQuery({
    queryKey: [...leadsKey, id, 'history', lead.data?.version],
    queryFn: () => leadHistory(id),
  });
  const setStatus = useMutation({
    mutationFn: (v: { status: LeadStatus; disqualifyReason?: string }) =>
      updateLead(id, { version: lead.data!.version, ...v }),
    onSuccess: (l) => {
      queryClient.setQueryData([...leadsKey, id], l);
      setDisqualifying(false);
    },
    onError: (e) => showError(e),
  });

  if (lead.isError)
    return (
      <Result
        status="404"
        title={t('leads.notFound')}
        extra={<Button onClick={() => navigate('/leads')}>{t('leads.back')}</Button>}
      />
    );
  const l = lead.data;
  if (!l) return <Card loading />;
  const editable = can(me, 'leads', 'update');
  const open = l.status !== 'converted' && l.status !== 'disqualified';

  return (
    <>
      <PageHeader
        title={
          <Space>
            {l.name ?? l.company}
            <Tag color={statusColor[l.status]} data-testid="lead-status">
              {t(`leads.status.${l.status}`)}
            </Tag>
            {l.sleeping ? <Tag color="red">{t('leads.sleeping')}</Tag> : null}
          </Space>
        }
        description={l.name ? (l.company ?? '') : ''}
        extra={
          editable ? (
            <Space wrap>
              {l.status === 'new' ? (
                <Button
                  onClick={() => setStatus.mutate({ status: 'contacted' })}
                  data-testid="lead-contacted"
                >
                  {t('leads.actions.contacted')}
                </Button>
              ) : null}
              {open ? (
                <Button danger onClick={() => setDisqualifying(true)} data-testid="lead-disqualify">
                  {t('leads.actions.disqualify')}
                </Button>
              ) : null}
              {l.status === 'disqualified' ? (
                <Button onClick={() => setStatus.mutate({ status: 'contacted' })}>
                  {t('leads.actions.reopen')}
                </Button>
              ) : null}
              {open ? <Button onClick={() => setEditing(true)}>{t('leads.edit')}</Button> : null}
              {open ? (
                <Button type="primary" onClick={() => setConverting(true)} data-testid="lead-convert">
                  {t('leads.actions.convert')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      {l.status === 'converted' ? (
        <Alert
          style={{ marginBottom: 16 }}
          type="success"
          data-testid="lead-converted"
          message={t('leads.convert.done')}
          description={
            <Space wrap>
              {l.convertedCustomerId ? (
                <Link to={`/customers/${l.convertedCustomerId}`}>{t('leads.convert.customer')}</Link>
              ) : null}
              {l.convertedOpportunityId ? (
                <Link to={`/opportunities/${l.convertedOpportunityId}`}>
                  {t('leads.convert.opportunity')}
                </Link>
              ) : null}
            </Space>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('leads.profile')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('leads.fields.title')}>{l.title}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.phones')}>{l.phones.join(', ')}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.emails')}>{l.emails.join(', ')}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.wechat')}>{l.wechat}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.country')}>
                {[l.country, l.provinceName, l.cityName].filter(Boolean).join(' · ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.address')}>{l.address}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.website')}>{l.website}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.channel')}>
                {dict.labelOf('leadChannel', l.channel)}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.campaign')}>{l.campaign}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.productInterest')}>
                {l.productInterest.map((p) => dict.labelOf('productLine', p)).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.language')}>{l.language}</Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.tags')}>
                {l.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Descriptions.Item>
              {l.disqualifyReason ? (
                <Descriptions.Item label={t('leads.fields.disqualifyReason')}>
                  {dict.labelOf('leadDisqualifyReason', l.disqualifyReason)}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('leads.fields.notes')} span={2}>
                {l.notes}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('leads.history')} size="small">
            <HistoryTimeline
              items={history.data?.items}
              loading={history.isLoading}
              error={history.error}
              entity="leads"
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('leads.assignment')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('leads.fields.owner')}>
                {l.ownerName ?? t('leads.unassigned')}
                {l.assignmentReason ? ` (${t(`leads.reasons.${l.assignmentReason}`)})` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.due')}>
                {l.firstContactDueAt ? formatDateTime(l.firstContactDueAt) : ''}
                {l.sleeping ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('leads.sleeping')}
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('leads.fields.firstContactedAt')}>
                {l.firstContactedAt ? formatDateTime(l.firstContactedAt) : ''}
              </Descriptions.Item>
              {l.matchedCustomerId ? (
                <Descriptions.Item label={t('leads.matched')}>
                  <Link to={`/customers/${l.matchedCustomerId}`} data-testid="lead-matched-customer">
                    {l.matchedCustomerName ?? t('leads.matchedCustomer')}
                  </Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <ManPanel key={l.version} lead={l} editable={editable} />
        </Col>
      </Row>
      <LeadFormModal
        open={editing}
        lead={l}
        onClose={() => setEditing(false)}
        onSaved={(s) => {
          queryClient.setQueryData([...leadsKey, id], s);
          setEditing(false);
        }}
      />
      <ConvertModal lead={l} open={converting} onClose={() => setConverting(false)} />
      <Modal
        open={disqualifying}
        title={t('leads.actions.disqualify')}
        onCancel={() => setDisqualifying(false)}
        okButtonProps={{ disabled: !reason, danger: true, loading: setStatus.isPending }}
        onOk={() => setStatus.mutate({ status: 'disqualified', disqualifyReason: reason })}
      >
        <Select
          style={{ width: '100%' }}
          placeholder={t('leads.fields.disqualifyReason')}
          value={reason}
          onChange={setReason}
          options={dict.options('leadDisqualifyReason')}
          data-testid="disqualify-reason"
        />
      </Modal>
    </>
  );
}
