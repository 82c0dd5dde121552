import { describe, expect, it } from 'vitest';
import { toCreateBody, toUpdateBody } from './user-form';
import type { User } from './users.api';

const user: User = {
  id: 'u1',
  version: 3,
  createdAt: '2026-01-01T00:00:00+08:00',
  createdBy: null,
  updatedAt: '2026-01-01T00:00:00+08:00',
  updatedBy: null,
  name: '王芳',
  email: 'wang@example.cn',
  phone: '138****1234',
  roleId: 'r1',
  roleKey: 'sales',
  roleName: '销售',
  departmentId: 'd1',
  departmentName: '销售部',
  teamId: null,
  teamName: null,
  status: 'active',
  locale: 'zh-CN',
  lastLoginAt: null,
};

describe('user form bodies', () => {
  it('a create body leaves out empty optional fields', () => {
    expect(
      toCreateBody({
        name: ' 李雷 ',
        email: 'li@example.cn',
        password: 'abc12345',
        role: 'sales',
        phone: '',
        departmentId: null,
      }),
    ).toEqual({ name: '李雷', email: 'li@example.cn', password: 'abc12345', role: 'sales' });
  });

  it('an untouched masked phone is not sent back', () => {
    const body = toUpdateBody(user, {
      name: '王芳',
      email: user.email,
      phone: '138****1234',
      role: 'sales',
      departmentId: 'd1',
      status: 'active',
      locale: 'zh-CN',
    });
    expect(body).toEqual({ version: 3 });
  });

  it('sends only the changed fields with the version', () => {
    const body = toUpdateBody(user, {
      name: '王芳',
      email: user.email,
      phone: '138****1234',
      role: 'manager',
      departmentId: null,
      status: 'disabled',
      locale: 'zh-CN',
    });
    expect(body).toEqual({ version: 3, role: 'manager', departmentId: null, status: 'disabled' });
  });
});
