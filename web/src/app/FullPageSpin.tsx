import { Spin } from 'antd';

export function FullPageSpin() {
  return (
    <div className="gx-fullscreen-center">
      <Spin size="large" />
    </div>
  );
}
