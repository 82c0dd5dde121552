import type { ErrorCode } from '../lib/errors.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

type Catalog = {
  errors: Record<ErrorCode, string>;
  fields: Record<string, string>;
  rules: Record<string, string>;
};

export const MESSAGES: Record<Locale, Catalog> = {
  en: {
    errors: {
      VALIDATION_FAILED: 'Some fields are invalid.',
      UNKNOWN_FIELD: 'The request contains fields that are not allowed: {fields}.',
      BAD_REQUEST: 'The request could not be understood.',
      UNAUTHENTICATED: 'Please sign in.',
      INVALID_CREDENTIALS: 'The email or password is incorrect.',
      SESSION_EXPIRED: 'Your session has ended. Please sign in again.',
      INVALID_API_KEY: 'The API key is invalid or revoked.',
      FORBIDDEN: 'You do not have permission to do this.',
      CSRF_FAILED: 'The request was rejected by the cross-site request check. Reload the page and try again.',
      NOT_FOUND: 'The {entity} was not found.',
      VERSION_CONFLICT: 'Someone else changed this record meanwhile. Reload it and apply your change again.',
      EMAIL_TAKEN: 'The email {email} is already used by another account.',
      ALREADY_SET_UP: 'Guanxi has already been set up.',
      ROLE_KEY_TAKEN: 'A role with the key {key} already exists.',
      BUILTIN_ROLE: 'Built-in roles cannot be deleted.',
      IN_USE: 'The {entity} is still in use ({count} records refer to it).',
      DEPARTMENT_CYCLE: 'A department cannot be moved under itself or its own sub-department.',
      DEPARTMENT_DELETED:
        'The department it belongs to is in the recycle bin. Restore that department first.',
      INVALID_REFERENCE: 'The {field} refers to a record that does not exist.',
      JOB_NOT_RETRYABLE: 'Only failed or cancelled jobs can be retried.',
      DUPLICATE_CUSTOMER:
        'This customer is probably in the archive already (same {matchedOn}), owned by {ownerName}.',
      CUSTOMER_CODE_TAKEN: 'The customer code {code} is already used by another customer.',
      CUSTOMER_MERGED:
        'This customer was merged into another one and cannot be restored; open the customer it was merged into.',
      POOL_NOT_CONFIGURED:
        'The public pool is not switched on for your organisation; an administrator can set it up.',
      NOT_IN_POOL: 'This customer is no longer in the public pool: someone else has taken it.',
      ALREADY_IN_POOL: 'This customer is already in the public pool.',
      CAP_REACHED:
        'You already own {ownedCount} customers, the most one rep may own ({cap}). Release one before claiming another.',
      COOL_DOWN:
        'You gave this customer up recently; you can claim it back from {until} (cool-down of {coolDownDays} days).',
      PAYLOAD_TOO_LARGE: 'The request is too large.',
      UNSUPPORTED_MEDIA_TYPE: 'This content type is not supported.',
      TOO_MANY_ATTEMPTS: 'Too many failed sign-in attempts. Try again in {seconds} seconds.',
      RATE_LIMITED: 'Too many requests. Try again later.',
      INTERNAL: 'An unexpected error occurred. It has been logged.',
      SERVICE_UNAVAILABLE: 'The service is temporarily unavailable.',
    },
    fields: {
      publicPool: 'the public pool',
      match_name: 'company name',
      match_creditCode: 'credit code',
      match_phone: 'phone',
      match_email: 'email',
    },
    rules: {
      required: '{field} is required.',
      type: '{field} must be of type {type}.',
      format: '{field} is not a valid {format}.',
      minLength: '{field} must be at least {limit} characters.',
      maxLength: '{field} must be at most {limit} characters.',
      minimum: '{field} must be at least {limit}.',
      maximum: '{field} must be at most {limit}.',
      enum: '{field} must be one of: {allowed}.',
      pattern: '{field} has an invalid format.',
      minItems: '{field} needs at least {limit} items.',
      maxItems: '{field} allows at most {limit} items.',
      unknownField: '{field} is not an allowed field.',
      invalid: '{field} is invalid.',
      notFound: '{field} refers to a record that does not exist.',
      weakPassword: 'The password needs at least 8 characters with letters and digits.',
      wrongPassword: 'The current password is incorrect.',
      taken: '{field} is already taken.',
      phone: '{field} is not a valid phone number.',
      fieldRule:
        'The field rule {key} is not allowed: name a maskable field as entity.field, with "mask" or "hide".',
      readOnly: '{field} cannot be changed.',
      creditCode: '{field} is not a valid unified social credit code.',
      email: '{field} is not a valid email address.',
      divisionNotFound: '{field} is not a known administrative division.',
      divisionMismatch: '{field} does not lie within the given province or city.',
      divisionAmbiguous: '{field} matches several divisions; give the province or city too.',
      divisionOutsideChina: '{field} applies to mainland China only.',
      date: '{field} is not a valid date (YYYY-MM-DD).',
      sameRecord: '{field} must be another record.',
      sameOwner: '{field} must differ from the current owner.',
      duplicateRule: '{field} repeats the grade and status of an earlier rule.',
      warnTooLate: '{field} must be shorter than the period it warns about ({limit} days).',
      notOwned: '{field} is not owned by the given owner.',
    },
  },
  'zh-CN': {
    errors: {
      VALIDATION_FAILED: '部分字段填写有误。',
      UNKNOWN_FIELD: '请求包含不允许的字段：{fields}。',
      BAD_REQUEST: '无法理解该请求。',
      UNAUTHENTICATED: '请先登录。',
      INVALID_CREDENTIALS: '邮箱或密码不正确。',
      SESSION_EXPIRED: '登录已失效，请重新登录。',
      INVALID_API_KEY: 'API 密钥无效或已被吊销。',
      FORBIDDEN: '您没有执行此操作的权限。',
      CSRF_FAILED: '请求未通过跨站校验，请刷新页面后重试。',
      NOT_FOUND: '未找到该{entity}。',
      VERSION_CONFLICT: '该记录已被他人修改，请刷新后重新提交您的修改。',
      EMAIL_TAKEN: '邮箱 {email} 已被其他账号使用。',
      ALREADY_SET_UP: '系统已完成初始化。',
      ROLE_KEY_TAKEN: '角色标识 {key} 已存在。',
      BUILTIN_ROLE: '内置角色不能删除。',
      IN_USE: '该{entity}仍在使用中（被 {count} 条记录引用）。',
      DEPARTMENT_CYCLE: '部门不能移动到自身或其下级部门之下。',
      DEPARTMENT_DELETED: '其所属部门在回收站中，请先恢复该部门。',
      INVALID_REFERENCE: '{field} 引用的记录不存在。',
      JOB_NOT_RETRYABLE: '只有失败或已取消的任务可以重试。',
      DUPLICATE_CUSTOMER: '该客户可能已在客户档案中（{matchedOn}相同），负责人：{ownerName}。',
      CUSTOMER_CODE_TAKEN: '客户编号 {code} 已被其他客户使用。',
      CUSTOMER_MERGED: '该客户已合并到其他客户，不能恢复；请打开合并后的客户。',
      POOL_NOT_CONFIGURED: '本组织尚未启用公海，请联系管理员设置。',
      NOT_IN_POOL: '该客户已不在公海中，已被他人领取。',
      ALREADY_IN_POOL: '该客户已在公海中。',
      CAP_REACHED: '您已拥有 {ownedCount} 个客户，达到每人上限（{cap} 个），请先释放客户再领取。',
      COOL_DOWN: '您最近释放过该客户，{until} 起才能再次领取（冷却期 {coolDownDays} 天）。',
      PAYLOAD_TOO_LARGE: '请求内容过大。',
      UNSUPPORTED_MEDIA_TYPE: '不支持该内容类型。',
      TOO_MANY_ATTEMPTS: '登录失败次数过多，请 {seconds} 秒后再试。',
      RATE_LIMITED: '请求过于频繁，请稍后再试。',
      INTERNAL: '发生意外错误，已记录日志。',
      SERVICE_UNAVAILABLE: '服务暂时不可用。',
    },
    fields: {
      name: '名称',
      email: '邮箱',
      phone: '手机号',
      password: '密码',
      role: '角色',
      departmentId: '部门',
      teamId: '团队',
      parentId: '上级部门',
      version: '版本号',
      key: '标识',
      scopes: '权限范围',
      orgName: '组织名称',
      adminName: '管理员姓名',
      adminEmail: '管理员邮箱',
      adminPassword: '管理员密码',
      currentPassword: '当前密码',
      newPassword: '新密码',
      dataScope: '数据范围',
      status: '状态',
      locale: '语言',
      managerId: '部门负责人',
      leaderId: '团队负责人',
      sortOrder: '排序',
      description: '描述',
      permissions: '权限',
      fieldRules: '字段规则',
      isPortal: '门户角色',
      entity: '对象类型',
      cursor: '分页游标',
      sort: '排序字段',
      limit: '每页条数',
      kind: '客户类别',
      shortName: '简称',
      code: '客户编号',
      phones: '电话',
      emails: '邮箱',
      creditCode: '统一社会信用代码',
      country: '国家/地区',
      province: '省份',
      city: '城市',
      district: '区县',
      address: '地址',
      website: '网址',
      industry: '行业',
      type: '客户类型',
      source: '来源渠道',
      sourceDetail: '来源详情',
      mainProducts: '主营产品',
      ownerId: '负责人',
      lifecycleStatus: '生命周期状态',
      relationshipLevel: '关系层级',
      paymentTerms: '付款条件',
      creditLimit: '信用额度',
      amount: '金额',
      currency: '币种',
      creditRating: '信用评级',
      grade: '客户等级',
      tags: '标签',
      tag: '标签',
      customFields: '自定义字段',
      keyAccount: '大客户档案',
      history: '经营历史',
      operatingModel: '经营模式',
      honours: '荣誉',
      achievements: '主要业绩',
      allowDuplicate: '允许重复',
      duplicateId: '重复客户',
      fromOwnerId: '原负责人',
      toOwnerId: '新负责人',
      customerIds: '客户',
      customerId: '客户',
      title: '职务',
      wechatId: '微信号',
      decisionRole: '决策角色',
      birthday: '生日',
      birthdayLunar: '农历生日',
      hobbies: '爱好',
      familyNotes: '家庭情况',
      isKeyPerson: '关键人',
      notes: '备注',
      publicPool: '公海',
      match_name: '公司名称',
      match_creditCode: '统一社会信用代码',
      match_phone: '电话',
      match_email: '邮箱',
    },
    rules: {
      required: '{field}为必填项。',
      type: '{field}的类型应为 {type}。',
      format: '{field}不是有效的 {format}。',
      minLength: '{field}至少需要 {limit} 个字符。',
      maxLength: '{field}最多 {limit} 个字符。',
      minimum: '{field}不能小于 {limit}。',
      maximum: '{field}不能大于 {limit}。',
      enum: '{field}只能是：{allowed}。',
      pattern: '{field}格式不正确。',
      minItems: '{field}至少需要 {limit} 项。',
      maxItems: '{field}最多允许 {limit} 项。',
      unknownField: '{field} 不是允许的字段。',
      invalid: '{field}无效。',
      notFound: '{field}引用的记录不存在。',
      weakPassword: '密码至少 8 位，且需同时包含字母和数字。',
      wrongPassword: '当前密码不正确。',
      taken: '{field}已被占用。',
      phone: '{field}不是有效的电话号码。',
      fieldRule: '字段规则 {key} 不允许：只能针对可脱敏字段（格式为 实体.字段），取值为 "mask" 或 "hide"。',
      readOnly: '{field}不可修改。',
      creditCode: '{field}不是有效的统一社会信用代码。',
      email: '{field}不是有效的邮箱地址。',
      divisionNotFound: '{field}不是有效的行政区划。',
      divisionMismatch: '{field}不属于所填的省份或城市。',
      divisionAmbiguous: '{field}有多个同名行政区划，请同时填写省份或城市。',
      divisionOutsideChina: '{field}仅适用于中国大陆地址。',
      date: '{field}不是有效的日期（YYYY-MM-DD）。',
      sameRecord: '{field}不能是同一条记录。',
      sameOwner: '{field}不能与原负责人相同。',
      duplicateRule: '{field}与前面的规则等级和状态重复。',
      warnTooLate: '{field}必须小于规则的天数（{limit} 天）。',
      notOwned: '{field}不属于原负责人。',
    },
  },
};

const ENTITY_NAMES: Record<Locale, Record<string, string>> = {
  en: {},
  'zh-CN': {
    user: '用户',
    users: '用户',
    department: '部门',
    departments: '部门',
    team: '团队',
    teams: '团队',
    role: '角色',
    roles: '角色',
    apiKey: 'API 密钥',
    apiKeys: 'API 密钥',
    job: '任务',
    jobs: '任务',
    record: '记录',
    org: '组织',
    customer: '客户',
    customers: '客户',
    customerPool: '公海',
    contact: '联系人',
    contacts: '联系人',
  },
};

export function pickLocale(header: string | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!header) return fallback;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

function interpolate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  });
}

export function fieldLabel(locale: Locale, field: string): string {
  const base =
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field;
  return MESSAGES[locale].fields[base] ?? field;
}

export function translateError(locale: Locale, code: ErrorCode, params: Record<string, unknown>): string {
  const entity =
    typeof params.entity === 'string' ? (ENTITY_NAMES[locale][params.entity] ?? params.entity) : 'record';
  return interpolate(MESSAGES[locale].errors[code], { ...params, entity });
}

export function translateRule(
  locale: Locale,
  rule: string,
  field: string,
  params: Record<string, unknown> = {},
): string {
  const template = MESSAGES[locale].rules[rule] ?? MESSAGES[locale].rules.invalid!;
  return interpolate(template, { ...params, field: fieldLabel(locale, field) });
}
