import { Checkbox, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  actionState,
  catalogActions,
  entityState,
  hasAction,
  setActionAll,
  setEntityAll,
  toggleAction,
} from './permission-matrix';
import type { CatalogEntity, Permissions } from './roles.api';

interface Props {
  catalog: CatalogEntity[];
  value: Permissions;
  onChange: (next: Permissions) => void;
  disabled?: boolean;
}

/** Entities × actions; a row or column header checks the whole row or column. */
export function PermissionMatrix({ catalog, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const actions = catalogActions(catalog);
  return (
    <Table<CatalogEntity>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={catalog}
      data-testid="permission-matrix"
      columns={[
        {
          title: t('roles.entity'),
          key: 'entity',
          width: 200,
          render: (_, entity) => {
            const state = entityState(value, entity);
            return (
              <Checkbox
                disabled={disabled}
                checked={state === 'all'}
                indeterminate={state === 'some'}
                onChange={(e) => onChange(setEntityAll(value, entity, e.target.checked))}
              >
                <Typography.Text strong>
                  {t(`entities.${entity.key}`, { defaultValue: entity.key })}
                </Typography.Text>
              </Checkbox>
            );
          },
        },
        ...actions.map((action) => {
          const state = actionState(value, catalog, action);
          return {
            title: (
              <Checkbox
                disabled={disabled}
                checked={state === 'all'}
                indeterminate={state === 'some'}
                onChange={(e) => onChange(setActionAll(value, catalog, action, e.target.checked))}
              >
                {t(`actions.${action}`, { defaultValue: action })}
              </Checkbox>
            ),
            key: action,
            align: 'center' as const,
            render: (_: unknown, entity: CatalogEntity) =>
              entity.actions.includes(action) ? (
                <Checkbox
                  disabled={disabled}
                  checked={hasAction(value, entity.key, action)}
                  onChange={(e) => onChange(toggleAction(value, entity, action, e.target.checked))}
                  data-testid={`perm-${entity.key}-${action}`}
                  aria-label={`${entity.key}:${action}`}
                />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          };
        }),
      ]}
    />
  );
}
