import {
  ApartmentOutlined,
  ApiOutlined,
  ClusterOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { MODULES } from '../../app/navigation';
import { can, useMe } from '../../app/session';
import { ACTION_COLORS, formatDateTime } from '../../ui';
import { auditRecordLabel, listAudit } from '../audit-log/audit-log.api';
import { countOf, dashboardKey } from './dashboard.api';

function greetingKey(hour: number): string {
  if (hour < 6) return 'dashboard.greetingNight';
  if (hour < 12) return 'dashboard.greetingMorning';
  if (hour < 18) return 'dashboard.greetingAfternoon';
  return 'dashboard.greetingEvening';
}

function StatCard({
  title,
  value,
  icon,
  color,
  loading,
  onClick,
  testId,
}: {
  title: string;
  value: number | undefined;
  icon: ReactNode;
  color: string;
  loading: boolean;
  onClick?: () => void;
  testId: string;
}) {
  return (
    <Card hoverable={!!onClick} onClick={onClick} loading={loading}>
      <Flex justify="space-between" align="center">
        <Statistic title={title} value={value ?? '—'} data-testid={testId} />
        <Flex
          align="center"
          justify="center"
          style={{ width: 48, height: 48, borderRadius: 12, background: `${color}14`, color, fontSize: 22 }}
        >
          {icon}
        </Flex>
      </Flex>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const users = useQuery({
    queryKey: [...dashboardKey, 'users'],
    queryFn: () => countOf('/users'),
    enabled: can(me, 'users', 'read'),
  });
  const departments = useQuery({
    queryKey: [...dashboardKey, 'departments'],
    queryFn: () => countOf('/departments'),
    enabled: can(me, 'departments', 'read'),
  });
  const running = useQuery({
    queryKey: [...dashboardKey, 'jobs'],
    queryFn: async () =>
      (await countOf('/jobs', { status: 'running' })) + (await countOf('/jobs', { status: 'queued' })),
    enabled: can(me, 'jobs', 'read'),
    refetchInterval: 10_000,
  });
  const roles = useQuery({
    queryKey: [...dashboardKey, 'roles'],
    queryFn: () => countOf('/roles'),
    enabled: can(me, 'roles', 'read'),
  });
  const activity = useQuery({
    queryKey: [...dashboardKey, 'activity'],
    queryFn: () => listAudit({ limit: 8 }),
    enabled: can(me, 'auditLog', 'read'),
  });

  if (!me) return null;

  const quick = [
    {
      key: 'user',
      icon: <UserAddOutlined />,
      label: t('dashboard.quickUser'),
      path: '/admin/users',
      show: can(me, 'users', 'create'),
    },
    {
      key: 'dept',
      icon: <ApartmentOutlined />,
      label: t('dashboard.quickDepartments'),
      path: '/admin/departments',
      show: can(me, 'departments', 'read'),
    },
    {
      key: 'roles',
      icon: <SafetyCertificateOutlined />,
      label: t('dashboard.quickRoles'),
      path: '/admin/roles',
      show: can(me, 'roles', 'read'),
    },
    {
      key: 'keys',
      icon: <ApiOutlined />,
      label: t('dashboard.quickApiKeys'),
      path: '/admin/api-keys',
      show: can(me, 'apiKeys', 'read'),
    },
  ].filter((q) => q.show);

  return (
    <Flex vertical gap={16}>
      <Card
        styles={{ body: { padding: '28px 32px' } }}
        style={{ background: 'linear-gradient(100deg, #0b1733 0%, #1d4ed8 100%)', border: 'none' }}
      >
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="dashboard-welcome">
          {t(greetingKey(dayjs().hour()), { name: me.name })}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.8)', fontSize: 15 }}>
          {t('dashboard.welcome', { org: me.orgName })} · {dayjs().format(t('dashboard.dateFormat'))}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.users')}
            value={users.data}
            icon={<UserOutlined />}
            color="#1d4ed8"
            loading={users.isLoading}
            onClick={() => navigate('/admin/users')}
            testId="stat-users"
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.departments')}
            value={departments.data}
            icon={<ClusterOutlined />}
            color="#0891b2"
            loading={departments.isLoading}
            onClick={() => navigate('/admin/departments')}
            testId="stat-departments"
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.roles')}
            value={roles.data}
            icon={<SafetyCertificateOutlined />}
            color="#7c3aed"
            loading={roles.isLoading}
            onClick={() => navigate('/admin/roles')}
            testId="stat-roles"
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.jobsRunning')}
            value={running.data}
            icon={<ScheduleOutlined />}
            color="#ea580c"
            loading={running.isLoading}
            onClick={() => navigate('/admin/jobs')}
            testId="stat-jobs"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('dashboard.recentActivity')}
            extra={
              can(me, 'auditLog', 'read') ? (
                <Typography.Link onClick={() => navigate('/admin/audit-log')}>
                  {t('dashboard.viewAll')}
                </Typography.Link>
              ) : null
            }
          >
            {activity.data?.items.length ? (
              <List
                size="small"
                dataSource={activity.data.items}
                renderItem={(entry) => (
                  <List.Item>
                    <Flex gap={8} align="center" style={{ width: '100%' }}>
                      <Tag color={ACTION_COLORS[entry.action]}>
                        {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                      </Tag>
                      <Typography.Text>{entry.actorName ?? t('audit.system')}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t(`entities.${entry.entity}`, { defaultValue: entry.entity })}
                      </Typography.Text>
                      {auditRecordLabel(entry) ? (
                        <Typography.Text>{auditRecordLabel(entry)}</Typography.Text>
                      ) : null}
                      <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: 12 }}>
                        {formatDateTime(entry.at)}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noActivity')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('dashboard.quickActions')}>
              <Row gutter={[12, 12]}>
                {quick.map((q) => (
                  <Col span={12} key={q.key}>
                    <Card
                      size="small"
                      hoverable
                      onClick={() => navigate(q.path)}
                      styles={{ body: { textAlign: 'center', padding: '14px 8px' } }}
                    >
                      <div style={{ fontSize: 20, color: '#1d4ed8' }}>{q.icon}</div>
                      <div style={{ marginTop: 6, fontSize: 13 }}>{q.label}</div>
                    </Card>
                  </Col>
                ))}
              </Row>
            </Card>
            <Card title={t('dashboard.roadmap')}>
              <Flex wrap gap={8}>
                {MODULES.filter((m) => m.comingSoon).map((m) => (
                  <Tag key={m.key} icon={m.icon} style={{ padding: '4px 10px' }}>
                    {t(m.labelKey)}
                  </Tag>
                ))}
              </Flex>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
                {t('dashboard.roadmapHint')}
              </Typography.Paragraph>
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
