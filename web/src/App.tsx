import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, configureApi } from './api/client';
import { currentLanguage } from './i18n';
import { router } from './router';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not fix itself by retrying.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

configureApi({
  language: currentLanguage,
  onUnauthenticated: (error) => {
    queryClient.clear();
    const here = window.location.pathname + window.location.search;
    if (window.location.pathname.startsWith('/login') || window.location.pathname.startsWith('/setup'))
      return;
    const reason = error.code === 'SESSION_EXPIRED' ? '&expired=1' : '';
    void router.navigate(`/login?next=${encodeURIComponent(here)}${reason}`, { replace: true });
  },
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
