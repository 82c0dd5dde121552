import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client';
import { FullPageSpin } from './FullPageSpin';
import { useMe } from './session';

/** Renders the app only for a signed-in user; others go to sign-in (which forwards to setup if needed). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const next = location.pathname + location.search;
      const params = new URLSearchParams();
      if (next !== '/') params.set('next', next);
      if (me.error.code === 'SESSION_EXPIRED') params.set('expired', '1');
      const query = params.toString();
      return <Navigate to={query ? `/login?${query}` : '/login'} replace />;
    }
    return (
      <div className="gx-fullscreen-center">
        <Result
          status="warning"
          title={t('app.unavailableTitle')}
          subTitle={me.error.message}
          extra={
            <Button type="primary" onClick={() => void me.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  return <>{children}</>;
}
