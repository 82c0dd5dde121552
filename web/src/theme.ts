import type { ThemeConfig } from 'antd';

export const BRAND_BLUE = '#1d4ed8';
export const SIDER_BG = '#0b1733';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    borderRadius: 6,
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: SIDER_BG, triggerBg: '#0a1430', headerBg: '#ffffff', bodyBg: '#f3f5f9' },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#08122a',
      darkItemSelectedBg: BRAND_BLUE,
    },
    Table: { headerBg: '#f7f8fa' },
  },
};
