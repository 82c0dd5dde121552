import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('fastify', async (orig) => (await import('./helpers/routes.ts')).withRouteCollector(await orig()));
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestApp,
  createOrg,
  setupInstance,
  ADMIN_PASSWORD,
  Client,
  type TestWorld,
} from './helpers/app.ts';
import { routesOf } from './helpers/routes.ts';
import {
  changedTables,
  insertDepartmentRow,
  insertTeamRow,
  rows,
  snapshotTables,
} from './helpers/db-state.ts';
import { withTenant } from '../server/src/db/tenant.ts';
import { API_SCOPES, insertRoles } from '../server/src/modules/access/index.ts';
import { insertUser } from '../server/src/modules/users/index.ts';
import { hashPassword } from '../server/src/modules/auth/index.ts';
import { enqueueJob } from '../server/src/modules/jobs/index.ts';
import { importFiles, runImport } from '../server/src/modules/imports/index.ts';
import { newId } from '../server/src/db/columns.ts';

// The authorization matrix: every route of the app × every kind of caller.
//
// Columns (the order of every `expect` row):
//   anon     no credentials
//   admin    org A administrator (also the instance administrator)
//   mgr      org A manager, data scope "department" (销售部)
//   sales    org A sales rep, data scope "own", team 一组
//   salesB   org A sales rep of another team (二组), data scope "own"
//   ro       org A read-only role (org scope, phone and email masked)
//   portal   org A portal user (role "portal": no back-office permissions)
//   key+     API key of an org A administrator with exactly the route's scopes
//   key-     API key of the same administrator with every scope except those
//   otherB   administrator of organisation B
//
// Status legend: 2xx allowed; 401 not signed in; 403 not permitted (role, scope, or
// API keys never allowed); 404 in an "otherB" column: the record belongs to another
// tenant; 404 in a sales/salesB column: the record is outside the caller's data scope;
// 409 on POST /setup: the instance is already set up (refused for everyone).
// Every non-2xx write is also checked to have changed zero rows in any table.

const ACTORS = ['anon', 'admin', 'mgr', 'sales', 'salesB', 'ro', 'portal', 'key+', 'key-', 'otherB'] as const;
type ActorName = (typeof ACTORS)[number];
type Expect = [
  anon: number,
  admin: number,
  mgr: number,
  sales: number,
  salesB: number,
  ro: number,
  portal: number,
  keyWith: number,
  keyWithout: number,
  otherB: number,
];
type Body = Record<string, unknown> | undefined;

interface RouteSpec {
  /** Scopes the route needs from an API key; null when it needs none (both keys behave alike). */
  scope: string[] | null;
  /** Scopes of the key- column; default: every scope except `scope`. */
  without?: string[];
  expect: Expect;
  /** The :id to call, evaluated before each cell: destructive routes get a fresh target every time. */
  id?: (m: Matrix) => Promise<string> | string;
  /** The :stageId of nested stage routes (pipelines), evaluated like `id`. */
  stageId?: (m: Matrix) => Promise<string> | string;
  /** The :imageId of product image routes, evaluated like `id`. */
  imageId?: (m: Matrix) => Promise<string> | string;
  query?: string;
  body?: (m: Matrix, actor: ActorName) => Promise<Body> | Body;
  /** A raw body with its content type instead of JSON (multipart uploads). */
  raw?: () => { payload: Buffer; contentType: string };
  /** The request ends the caller's session (logout, password change): sign the actor in again afterwards. */
  endsSession?: boolean;
}

// prettier-ignore
const MATRIX: Record<string, RouteSpec> = {
  //                                         anon admin  mgr sales salesB  ro portal key+ key- otherB
  'GET /api/v1/setup':               { scope: null, expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/v1/setup':              { scope: null, expect: [409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    body: (m) => ({ orgName: '又一家', adminName: '又一个', adminEmail: m.email('setup'), adminPassword: 'Passw0rd1' }) },
  'POST /api/v1/orgs':               { scope: null, expect: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403],
    body: (m) => ({ name: `矩阵组织${m.seq()}`, adminEmail: m.email('org'), adminPassword: 'Passw0rd1' }) },
  'POST /api/v1/auth/login':         { scope: null, expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    body: (m) => ({ email: m.loginTarget.email, password: m.loginTarget.password }) },
  'POST /api/v1/auth/logout':        { scope: null, expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204], endsSession: true },
  'GET /api/v1/me':                  { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/divisions':           { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  // /me belongs to people: an API key may read whom it acts for, never change that person.
  'PATCH /api/v1/me':                { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 403, 403, 200],
    body: (m, a) => ({ name: `${a} ${m.seq()}` }) },
  'POST /api/v1/me/password':        { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 403, 403, 200], endsSession: true,
    body: (m, a) => ({ currentPassword: m.passwordOf(a), newPassword: m.passwordOf(a) }) },

  // API keys: never minted by another API key.
  'GET /api/v1/api-keys/scopes':     { scope: ['apiKeys:read'],   expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/v1/api-keys':            { scope: ['apiKeys:read'],   expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/v1/api-keys':           { scope: ['apiKeys:create'], expect: [401, 201, 403, 403, 403, 403, 403, 403, 403, 201],
    body: () => ({ name: '矩阵密钥', scopes: ['users:read'] }) },
  'DELETE /api/v1/api-keys/:id':     { scope: ['apiKeys:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404],
    id: (m) => m.fresh.apiKey() },

  // Users: the target is in 销售部 (the manager's department) and team 二组, neither sales rep itself.
  'GET /api/v1/users':               { scope: ['users:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/users/export':        { scope: ['users:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/users':              { scope: ['users:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: '矩阵新人', email: m.email('user'), password: 'Passw0rd1', role: 'sales' }) },
  'GET /api/v1/users/:id':           { scope: ['users:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => m.ids.targetUser },
  'PATCH /api/v1/users/:id':         { scope: ['users:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.ids.targetUser,
    body: async (m) => ({ version: await m.version('users', m.ids.targetUser), name: `目标用户${m.seq()}` }) },
  'DELETE /api/v1/users/:id':        { scope: ['users:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => m.fresh.user(false) },
  'POST /api/v1/users/:id/restore':  { scope: ['users:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.user(true) },
  'GET /api/v1/users/:id/history':   { scope: ['users:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => m.ids.targetUser },
  'POST /api/v1/users/:id/reveal':   { scope: ['users:reveal'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.ids.targetUser,
    body: () => ({ field: 'phone' }) },

  'GET /api/v1/audit-log':           { scope: ['auditLog:read'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200] },

  'GET /api/v1/jobs':                { scope: ['jobs:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/jobs/:id':            { scope: ['jobs:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => m.ids.job },
  'POST /api/v1/jobs/:id/cancel':    { scope: ['jobs:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.job('queued') },
  'POST /api/v1/jobs/:id/retry':     { scope: ['jobs:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.job('failed') },
  'POST /api/v1/demo-data':          { scope: ['jobs:create'], expect: [401, 202, 403, 403, 403, 403, 403, 202, 403, 202] },

  // Organisation chart (docs/api-internal.md): every back-office role reads it, only admins change it.
  'GET /api/v1/departments':               { scope: ['departments:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/departments':              { scope: ['departments:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵部门${m.seq()}` }) },
  'GET /api/v1/departments/:id':           { scope: ['departments:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => m.ids.department },
  'PATCH /api/v1/departments/:id':         { scope: ['departments:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.ids.department,
    body: async (m) => ({ version: await m.version('departments', m.ids.department), name: `矩阵部门${m.seq()}` }) },
  'DELETE /api/v1/departments/:id':        { scope: ['departments:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => m.fresh.record('departments', false) },
  'POST /api/v1/departments/:id/restore':  { scope: ['departments:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.record('departments', true) },
  'GET /api/v1/departments/:id/history':   { scope: ['departments:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => m.ids.department },

  'GET /api/v1/teams':                     { scope: ['teams:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/teams':                    { scope: ['teams:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵团队${m.seq()}` }) },
  'GET /api/v1/teams/:id':                 { scope: ['teams:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => m.ids.team },
  'PATCH /api/v1/teams/:id':               { scope: ['teams:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.ids.team,
    body: async (m) => ({ version: await m.version('teams', m.ids.team), name: `矩阵团队${m.seq()}` }) },
  'DELETE /api/v1/teams/:id':              { scope: ['teams:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => m.fresh.record('teams', false) },
  'POST /api/v1/teams/:id/restore':        { scope: ['teams:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.record('teams', true) },
  'GET /api/v1/teams/:id/history':         { scope: ['teams:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => m.ids.team },

  // Roles: managers and read-only users may read them, sales reps may not.
  'GET /api/v1/permissions/catalog':       { scope: ['roles:read'],   expect: [401, 200, 200, 403, 403, 200, 403, 200, 403, 200] },
  'GET /api/v1/roles':                     { scope: ['roles:read'],   expect: [401, 200, 200, 403, 403, 200, 403, 200, 403, 200] },
  'POST /api/v1/roles':                    { scope: ['roles:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ key: `matrix_${m.seq()}`, name: '矩阵角色', permissions: { users: ['read'] }, dataScope: 'own' }) },
  'GET /api/v1/roles/:id':                 { scope: ['roles:read'],   expect: [401, 200, 200, 403, 403, 200, 403, 200, 403, 404], id: (m) => m.ids.role },
  'PATCH /api/v1/roles/:id':               { scope: ['roles:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.ids.role,
    body: async (m) => ({ version: await m.version('roles', m.ids.role), name: `矩阵角色${m.seq()}` }) },
  'DELETE /api/v1/roles/:id':              { scope: ['roles:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => m.fresh.record('roles', false) },
  'POST /api/v1/roles/:id/restore':        { scope: ['roles:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => m.fresh.record('roles', true) },
  'GET /api/v1/roles/:id/history':         { scope: ['roles:read'],   expect: [401, 200, 200, 403, 403, 200, 403, 200, 403, 404], id: (m) => m.ids.role },

  // Recycle bin: seeing deleted records of an entity takes the right to delete (and so restore) them.
  'GET /api/v1/recycle-bin':               { scope: ['users:read', 'users:delete'], without: API_SCOPES.filter((s) => s !== 'users:delete'),
    query: '?entity=users', expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 200] },

  // Customer archive: the target customer belongs to 目标用户 (销售部, 二组): in the manager's department,
  // outside both reps' own scope. 400 on a contact for a customer one cannot see: the body names a wrong customerId.
  'GET /api/v1/customers':                 { scope: ['customers:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/customers/export':          { scope: ['customers:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'GET /api/v1/customers/duplicates':      { scope: ['customers:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200],
    query: `?name=${encodeURIComponent('矩阵目标客户')}` },
  'POST /api/v1/customers':                { scope: ['customers:create'], expect: [401, 201, 201, 201, 201, 403, 403, 201, 403, 201],
    body: (m) => ({ kind: 'company', name: `矩阵新客户${m.seq()}号` }) },
  'POST /api/v1/customers/transfer':       { scope: ['customers:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 400],
    body: async (m) => ({ fromOwnerId: m.ids.targetUser, toOwnerId: await userId(m, 'salesB@a.test'), customerIds: [await archiveCustomer(m, 'fresh')] }) },
  'GET /api/v1/customers/:id':             { scope: ['customers:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'PATCH /api/v1/customers/:id':           { scope: ['customers:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m),
    body: async (m) => ({ version: await recordVersion(m, 'customers', await archiveCustomer(m)), address: `矩阵路${m.seq()}号` }) },
  'DELETE /api/v1/customers/:id':          { scope: ['customers:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => archiveCustomer(m, 'fresh') },
  'POST /api/v1/customers/:id/restore':    { scope: ['customers:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m, 'deleted') },
  'GET /api/v1/customers/:id/history':     { scope: ['customers:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'GET /api/v1/customers/:id/owners':      { scope: ['customers:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'GET /api/v1/customers/:id/contacts':    { scope: ['contacts:read'],    expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'POST /api/v1/customers/:id/merge':      { scope: ['customers:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m, 'fresh'),
    body: async (m) => ({ duplicateId: await archiveCustomer(m, 'fresh'), version: 1 }) },
  'POST /api/v1/customers/:id/reveal':     { scope: ['customers:reveal'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m),
    body: () => ({ field: 'phones' }) },

  // Public pool (公海): everyone in the back office reads it; managers and admins set its rules; reps
  // claim (create) and release (delete). Release: the fresh customer belongs to 目标用户, outside both reps' scope.
  'GET /api/v1/customer-pool/settings':    { scope: ['customerPool:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'PUT /api/v1/customer-pool/settings':    { scope: ['customerPool:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200],
    body: () => POOL_SETTINGS },
  'GET /api/v1/customer-pool':             { scope: ['customerPool:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/customers/:id/claim':      { scope: ['customerPool:create'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 404], id: (m) => poolCustomer(m) },
  'POST /api/v1/customers/:id/release':    { scope: ['customerPool:delete'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m, 'fresh'),
    body: () => ({ reason: '矩阵释放' }) },

  // Custom fields and dictionaries: everyone in the back office reads them, administrators change them.
  'GET /api/v1/custom-fields':             { scope: ['customFields:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/custom-fields':            { scope: ['customFields:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ entity: 'customers', key: `matrix_${m.seq()}`, label: { 'zh-CN': '矩阵字段', en: 'Matrix field' }, type: 'text' }) },
  'PATCH /api/v1/custom-fields/:id':       { scope: ['customFields:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => customFieldFixture(m),
    body: async (m) => ({ version: await tableVersion(m, 'custom_field_defs', await customFieldFixture(m)), position: m.seq() }) },
  'DELETE /api/v1/custom-fields/:id':      { scope: ['customFields:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => customFieldFixture(m, true) },
  // :dictionary is "source" in every row (see the runner).
  'GET /api/v1/dictionaries':              { scope: ['dictionaries:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/dictionaries/:dictionary/items': { scope: ['dictionaries:read'], expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/dictionaries/:dictionary/items': { scope: ['dictionaries:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ key: `矩阵来源${m.seq()}`, label: { 'zh-CN': '矩阵来源', en: 'Matrix source' } }) },
  'PATCH /api/v1/dictionaries/:dictionary/items/:id': { scope: ['dictionaries:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => dictionaryItemFixture(m),
    body: async (m) => ({ version: await tableVersion(m, 'dictionary_items', await dictionaryItemFixture(m)), position: m.seq() }) },
  'DELETE /api/v1/dictionaries/:dictionary/items/:id': { scope: ['dictionaries:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => dictionaryItemFixture(m, true) },
  // Saved views: a private view needs only read access to its list; the target is a view the fixture administrator
  // shared: seen by all of org A, changed only by its owner or an organisation-wide administrator.
  'GET /api/v1/saved-views':               { scope: ['customers:read'], expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200], query: '?entity=customers' },
  'POST /api/v1/saved-views':              { scope: ['customers:read'], expect: [401, 201, 201, 201, 201, 201, 403, 201, 403, 201],
    body: (m) => ({ entity: 'customers', name: `矩阵视图${m.seq()}`, config: { filters: { grade: 'A' } } }) },
  'PATCH /api/v1/saved-views/:id':         { scope: ['customers:read', 'savedViews:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => savedViewFixture(m),
    body: async (m) => ({ version: await tableVersion(m, 'saved_views', await savedViewFixture(m)), name: `矩阵共享视图${m.seq()}` }) },
  'DELETE /api/v1/saved-views/:id':        { scope: ['customers:read', 'savedViews:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => savedViewFixture(m, true) },
  // Bulk transfer: reps may not reassign; org B names an owner it does not have (400 before any customer).
  'POST /api/v1/customers/bulk':           { scope: ['customers:read', 'customers:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 400],
    body: async (m) => ({ action: 'transfer', ids: [await archiveCustomer(m, 'fresh')], ownerId: await userId(m, 'salesB@a.test') }) },

  'GET /api/v1/contacts':                  { scope: ['contacts:read'],    expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/contacts':                 { scope: ['contacts:create'],  expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), name: `矩阵联系人${m.seq()}` }) },
  'GET /api/v1/contacts/:id':              { scope: ['contacts:read'],    expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveContact(m) },
  'PATCH /api/v1/contacts/:id':            { scope: ['contacts:update'],  expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveContact(m),
    body: async (m) => ({ version: await recordVersion(m, 'contacts', await archiveContact(m)), title: `经理${m.seq()}` }) },
  'DELETE /api/v1/contacts/:id':           { scope: ['contacts:delete'],  expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => archiveContact(m, 'fresh') },
  'POST /api/v1/contacts/:id/restore':     { scope: ['contacts:delete'],  expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveContact(m, 'deleted') },
  'GET /api/v1/contacts/:id/history':      { scope: ['contacts:read'],    expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveContact(m) },
  'POST /api/v1/contacts/:id/reveal':      { scope: ['contacts:reveal'],  expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveContact(m),
    body: () => ({ field: 'phones' }) },
  // Tasks (engineer C): the data scope applies to the assignee; the target task is assigned to 目标用户
  // (销售部, 二组): in the manager's department, outside both reps' own scope. Reps may not delete.
  'GET /api/v1/tasks':                     { scope: ['tasks:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/tasks':                    { scope: ['tasks:create'], expect: [401, 201, 201, 201, 201, 403, 403, 201, 403, 201],
    body: (m) => ({ title: `矩阵任务${m.seq()}`, dueAt: '2026-06-10T02:00:00Z' }) },
  'GET /api/v1/tasks/:id':                 { scope: ['tasks:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixTask(m) },
  'PATCH /api/v1/tasks/:id':               { scope: ['tasks:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixTask(m),
    body: async (m) => ({ version: await taskVersion(m, await matrixTask(m)), title: `矩阵任务${m.seq()}` }) },
  'DELETE /api/v1/tasks/:id':              { scope: ['tasks:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixTask(m, true) },
  'POST /api/v1/tasks/:id/restore':        { scope: ['tasks:delete'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixTask(m, true, true) },
  'POST /api/v1/tasks/:id/complete':       { scope: ['tasks:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixTask(m, true) },
  'POST /api/v1/tasks/:id/reopen':         { scope: ['tasks:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixTask(m) },
  'GET /api/v1/tasks/:id/history':         { scope: ['tasks:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixTask(m) },
  // Greeting settings: read with tasks, changed by administrators (organisation administration = roles:update).
  'GET /api/v1/settings/greetings':        { scope: ['tasks:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'PUT /api/v1/settings/greetings':        { scope: ['roles:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 200],
    body: () => ({ enabled: true, daysAhead: 3, holidays: ['springFestival'], grades: ['A', 'B'] }) },
  // Contact-frequency targets: read with customers, set by those who set the pool's rules.
  'GET /api/v1/settings/contact-frequency':  { scope: ['customers:read'],      expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'PUT /api/v1/settings/contact-frequency':  { scope: ['customerPool:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200],
    body: () => ({ targets: { A: 30, B: 90, C: 365 } }) },
  'GET /api/v1/contact-frequency/overdue':   { scope: ['customers:read'],      expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  // Notifications: everyone signed in has their own and only their own; the target belongs to admin.
  'GET /api/v1/notifications':               { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/notifications/unread-count':  { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/v1/notifications/read-all':     { scope: null, expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/v1/notifications/:id/read':     { scope: null, expect: [401, 200, 404, 404, 404, 404, 404, 404, 404, 404], id: (m) => adminNotification(m) },
  // Interactions (engineer B): visible exactly when their customer is.
  'GET /api/v1/interactions':              { scope: ['interactions:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/interactions':             { scope: ['interactions:create'], expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), channel: 'call', occurredAt: new Date().toISOString(), subject: `电话${m.seq()}` }) },
  'GET /api/v1/interactions/:id':          { scope: ['interactions:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveInteraction(m) },
  'PATCH /api/v1/interactions/:id':        { scope: ['interactions:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveInteraction(m),
    body: async (m) => ({ version: await interactionVersion(m, await archiveInteraction(m)), subject: `拜访${m.seq()}` }) },
  'DELETE /api/v1/interactions/:id':       { scope: ['interactions:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => archiveInteraction(m, 'fresh') },
  'POST /api/v1/interactions/:id/restore': { scope: ['interactions:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveInteraction(m, 'deleted') },
  'GET /api/v1/interactions/:id/history':  { scope: ['interactions:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveInteraction(m) },
  'POST /api/v1/interactions/:id/attachments': { scope: ['interactions:create'], expect: [401, 201, 201, 404, 404, 403, 403, 201, 403, 404], id: (m) => archiveInteraction(m),
    raw: () => multipartFile(`备忘${Date.now()}.txt`, 'text/plain', Buffer.from('会议纪要')) },
  'GET /api/v1/attachments/:id':           { scope: ['interactions:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveAttachment(m) },
  'DELETE /api/v1/attachments/:id':        { scope: ['interactions:update'], expect: [401, 204, 204, 404, 404, 403, 403, 204, 403, 404], id: (m) => archiveAttachment(m, 'fresh') },
  'GET /api/v1/customers/:id/activity':    { scope: ['customers:read'],      expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'GET /api/v1/customers/:id/timeline':    { scope: ['customers:read'],      expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  // Exports: streamed with the entity's export permission; as a job, seen and downloaded by its creator only
  // (the fixture administrator, whom both API keys act for; the file also needs the export permission).
  'GET /api/v1/contacts/export':           { scope: ['contacts:export'],  expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/exports':                  { scope: ['customers:export'], expect: [401, 202, 202, 403, 403, 403, 403, 202, 403, 202],
    body: () => ({ entity: 'customers', format: 'csv', query: { grade: 'A' } }) },
  'GET /api/v1/exports/:id':               { scope: null,                 expect: [401, 404, 404, 404, 404, 404, 404, 200, 200, 404], id: (m) => exportFixture(m) },
  'GET /api/v1/exports/:id/file':          { scope: ['customers:export'], expect: [401, 404, 404, 404, 404, 404, 404, 200, 403, 404], id: (m) => exportFixture(m) },
  // Imports: seen through their creator (the fixture administrator, whom both keys act for); drafts only by them.
  'GET /api/v1/imports/entities':          { scope: ['imports:create'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200] },
  'GET /api/v1/imports/template':          { scope: ['imports:create'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200], query: '?entity=customers&format=csv' },
  'POST /api/v1/imports/uploads':          { scope: ['imports:create', 'customers:create'], expect: [401, 201, 201, 201, 201, 403, 403, 201, 403, 201],
    raw: () => importForm({ entity: 'customers' }) },
  'POST /api/v1/imports/uploads/:id/preview': { scope: ['imports:create'], expect: [401, 404, 404, 404, 404, 403, 403, 200, 403, 404], id: (m) => importDraft(m),
    body: () => ({ mode: 'create' }) },
  'POST /api/v1/imports':                  { scope: ['imports:create', 'customers:create'], expect: [401, 404, 404, 404, 404, 403, 403, 202, 403, 404],
    body: async (m) => ({ uploadId: await importDraft(m, 'fresh'), mode: 'create' }) },
  'GET /api/v1/imports':                   { scope: ['imports:read'],   expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200] },
  'GET /api/v1/imports/:id':               { scope: ['imports:read'],   expect: [401, 200, 404, 404, 404, 403, 403, 200, 403, 404], id: (m) => importDone(m) },
  'GET /api/v1/imports/:id/errors':        { scope: ['imports:read'],   expect: [401, 200, 404, 404, 404, 403, 403, 200, 403, 404], id: (m) => importDone(m) },
  'POST /api/v1/imports/:id/undo':         { scope: ['imports:delete', 'customers:create'], expect: [401, 202, 404, 404, 404, 403, 403, 202, 403, 404], id: (m) => importDone(m, 'fresh') },
  'GET /api/v1/import-templates':          { scope: ['imports:create'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200] },
  'POST /api/v1/import-templates':         { scope: ['imports:create'], expect: [401, 201, 201, 201, 201, 403, 403, 201, 403, 201],
    body: (m) => ({ entity: 'customers', name: `矩阵模板${m.seq()}`, mapping: [{ header: '公司', field: 'name' }] }) },
  'DELETE /api/v1/import-templates/:id':   { scope: ['imports:create'], expect: [401, 204, 204, 204, 204, 403, 403, 204, 403, 404], id: (m) => importTemplate(m) },
  // Pipelines (helper OPPORTUNITIES): everyone who sees opportunities reads them, administrators shape them.
  'GET /api/v1/pipelines':                 { scope: ['pipelines:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/pipelines':                { scope: ['pipelines:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵流程${m.seq()}`, stages: [{ name: '询盘', probability: 10 }] }) },
  'GET /api/v1/pipelines/:id':             { scope: ['pipelines:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixPipeline(m) },
  'PATCH /api/v1/pipelines/:id':           { scope: ['pipelines:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPipeline(m),
    body: async (m) => ({ version: await pipelineVersion(m, 'pipelines', await matrixPipeline(m)), name: `矩阵流程${m.seq()}` }) },
  'DELETE /api/v1/pipelines/:id':          { scope: ['pipelines:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixPipeline(m, true) },
  'POST /api/v1/pipelines/:id/stages':     { scope: ['pipelines:update'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 404], id: (m) => matrixPipeline(m),
    body: (m) => ({ name: `矩阵阶段${m.seq()}`, probability: 30 }) },
  'POST /api/v1/pipelines/:id/stages/reorder': { scope: ['pipelines:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPipeline(m),
    body: async (m) => ({ ids: (await openStages(m, await matrixPipeline(m))).reverse() }) },
  'PATCH /api/v1/pipelines/:id/stages/:stageId':  { scope: ['pipelines:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPipeline(m),
    stageId: async (m) => (await openStages(m, await matrixPipeline(m)))[0]!,
    body: async (m) => ({ version: await pipelineVersion(m, 'pipeline_stages', (await openStages(m, await matrixPipeline(m)))[0]!), probability: 15 }) },
  'DELETE /api/v1/pipelines/:id/stages/:stageId': { scope: ['pipelines:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPipeline(m),
    stageId: (m) => freshStage(m) },
  // Opportunities: the standing one belongs to 目标用户 (销售部, 二组) on the standing customer: in the manager's
  // department, outside both reps' own scope. 400 on create for a customer the caller cannot see.
  'GET /api/v1/opportunities':             { scope: ['opportunities:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/opportunities/board':       { scope: ['opportunities:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/opportunities/export':      { scope: ['opportunities:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/opportunities':            { scope: ['opportunities:create'], expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ name: `矩阵商机${m.seq()}`, customerId: await archiveCustomer(m), amount: '1000' }) },
  'GET /api/v1/opportunities/:id':         { scope: ['opportunities:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOpportunity(m) },
  'PATCH /api/v1/opportunities/:id':       { scope: ['opportunities:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixOpportunity(m),
    body: async (m) => ({ version: await pipelineVersion(m, 'opportunities', await matrixOpportunity(m)), amount: `${m.seq()}` }) },
  'DELETE /api/v1/opportunities/:id':      { scope: ['opportunities:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixOpportunity(m, 'fresh') },
  'POST /api/v1/opportunities/:id/restore': { scope: ['opportunities:delete'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixOpportunity(m, 'deleted') },
  'GET /api/v1/opportunities/:id/history': { scope: ['opportunities:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOpportunity(m) },
  'GET /api/v1/opportunities/:id/stages':  { scope: ['opportunities:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOpportunity(m) },
  'POST /api/v1/opportunities/:id/stage':  { scope: ['opportunities:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixOpportunity(m),
    body: async (m) => nextStageBody(m, await matrixOpportunity(m)) },
  // Orders (helper ORDERS): the standing draft belongs to 目标用户 (销售部, 二组): the manager sees it, the reps do
  // not. Moving one forward also needs the step's role: submitting is the manager's and the administrator's too.
  'GET /api/v1/orders':                    { scope: ['orders:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/orders/queue':              { scope: ['orders:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/orders/export':             { scope: ['orders:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/orders':                   { scope: ['orders:create'], expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), lines: [{ name: `矩阵货品${m.seq()}`, quantity: '1', unitPrice: '10' }] }) },
  'POST /api/v1/orders/preview':           { scope: ['orders:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200],
    body: () => ({ lines: [{ name: '矩阵货品', quantity: '2', unitPrice: '10' }] }) },
  'GET /api/v1/orders/:id':                { scope: ['orders:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOrder(m) },
  'PATCH /api/v1/orders/:id':              { scope: ['orders:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixOrder(m),
    body: async (m) => ({ version: await pipelineVersion(m, 'orders', await matrixOrder(m)), notes: `备注${m.seq()}` }) },
  'DELETE /api/v1/orders/:id':             { scope: ['orders:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixOrder(m, 'fresh') },
  'POST /api/v1/orders/:id/restore':       { scope: ['orders:delete'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixOrder(m, 'deleted') },
  'GET /api/v1/orders/:id/history':        { scope: ['orders:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOrder(m) },
  'GET /api/v1/orders/:id/timeline':       { scope: ['orders:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixOrder(m) },
  'POST /api/v1/orders/:id/notes':         { scope: ['orders:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixOrder(m),
    body: (m) => ({ note: `矩阵备注${m.seq()}` }) },
  'POST /api/v1/orders/:id/transition':    { scope: ['orders:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixOrder(m, 'fresh'),
    body: () => ({ to: 'submitted', version: 1 }) },
  // Quotes (helper QUOTES): the quotes belong to 目标用户 (销售部, 二组): the manager sees them, the reps do not.
  // Approving needs quoteApproval:update (managers, administrators); accepting creates the order (orders:create).
  'GET /api/v1/quotes':                    { scope: ['quotes:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/quotes':                   { scope: ['quotes:create'], expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), currency: 'CNY', validUntil: '2099-12-31', lines: [{ name: `矩阵报价品${m.seq()}`, quantity: '1', unitPrice: '10' }] }) },
  'POST /api/v1/quotes/preview':           { scope: ['quotes:create', 'quotes:update'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200],
    body: () => ({ currency: 'CNY', lines: [{ name: '矩阵报价品', quantity: '2', unitPrice: '10', discountPct: '5' }] }) },
  'GET /api/v1/quotes/settings':           { scope: ['quotes:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'PUT /api/v1/quotes/settings':           { scope: ['roles:update'],  expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 200],
    body: () => ({ discountAuthority: { sales: '10', manager: '25', admin: '100' } }) },
  'GET /api/v1/quotes/:id':                { scope: ['quotes:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixQuote(m) },
  'PATCH /api/v1/quotes/:id':              { scope: ['quotes:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m),
    body: async (m) => ({ version: await quoteVersion(m, await matrixQuote(m)), notes: `备注${m.seq()}` }) },
  'DELETE /api/v1/quotes/:id':             { scope: ['quotes:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixQuote(m, 'fresh') },
  'POST /api/v1/quotes/:id/restore':       { scope: ['quotes:delete'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'deleted') },
  'GET /api/v1/quotes/:id/history':        { scope: ['quotes:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixQuote(m) },
  'GET /api/v1/quotes/:id/print':          { scope: ['quotes:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixQuote(m) },
  'GET /api/v1/quotes/:id/pdf':            { scope: ['quotes:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixQuote(m) },
  'POST /api/v1/quotes/:id/submit':        { scope: ['quotes:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'fresh') },
  'POST /api/v1/quotes/:id/approve':       { scope: ['quoteApproval:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'fresh', 'pendingApproval'),
    body: () => ({ note: '同意' }) },
  'POST /api/v1/quotes/:id/reject':        { scope: ['quoteApproval:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'fresh', 'pendingApproval'),
    body: () => ({ note: '折扣过大' }) },
  'POST /api/v1/quotes/:id/send':          { scope: ['quotes:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'fresh', 'approved') },
  'POST /api/v1/quotes/:id/accept':        { scope: ['quotes:update', 'orders:create'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixQuote(m, 'fresh', 'approved') },
  // Leads (helper LEADS): the target lead belongs to 目标用户 (销售部, 二组): the manager sees it, the reps do not.
  'GET /api/v1/leads':                     { scope: ['leads:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/leads/export':              { scope: ['leads:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/leads':                    { scope: ['leads:create'], expect: [401, 201, 201, 201, 201, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵线索${m.seq()}`, channel: 'tradeFair' }) },
  'POST /api/v1/leads/intake':             { scope: ['leads:create'], expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200],
    body: (m) => ({ source: 'matrix', leads: [{ externalId: `M${m.seq()}`, company: '矩阵平台客户' }] }) },
  'GET /api/v1/leads/:id':                 { scope: ['leads:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixLead(m) },
  'PATCH /api/v1/leads/:id':               { scope: ['leads:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixLead(m),
    body: async (m) => ({ version: await leadVersion(m, await matrixLead(m)), notes: `备注${m.seq()}` }) },
  'DELETE /api/v1/leads/:id':              { scope: ['leads:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixLead(m, 'fresh') },
  'POST /api/v1/leads/:id/restore':        { scope: ['leads:delete'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixLead(m, 'deleted') },
  'GET /api/v1/leads/:id/history':         { scope: ['leads:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixLead(m) },
  'POST /api/v1/leads/:id/qualify':        { scope: ['leads:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => matrixLead(m),
    body: async (m) => ({ money: 'yes', authority: 'no', need: 'yes', version: await leadVersion(m, await matrixLead(m)) }) },
  // Lead forms: kept by administrators, managers (and marketing); the public endpoint needs no one.
  'GET /api/v1/lead-forms':                { scope: ['leadForms:read'],   expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/v1/lead-forms':               { scope: ['leadForms:create'], expect: [401, 201, 201, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵表单${m.seq()}`, fields: ['name', 'email'] }) },
  'GET /api/v1/lead-forms/:id':            { scope: ['leadForms:read'],   expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixForm(m) },
  'GET /api/v1/lead-forms/:id/snippet':    { scope: ['leadForms:read'],   expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixForm(m) },
  'PATCH /api/v1/lead-forms/:id':          { scope: ['leadForms:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixForm(m),
    body: async (m) => ({ version: await formVersion(m, await matrixForm(m)), name: `矩阵表单${m.seq()}` }) },
  'DELETE /api/v1/lead-forms/:id':         { scope: ['leadForms:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixForm(m, true) },
  // :key is the form's public key (a fresh form per cell: the rate limit counts per form and IP).
  'POST /api/v1/public/forms/:key':        { scope: null, expect: [202, 202, 202, 202, 202, 202, 202, 202, 202, 202], id: (m) => matrixFormKey(m),
    body: (m) => ({ name: `访客${m.seq()}`, email: 'visitor@example.com' }) },
  'OPTIONS /api/v1/public/forms/:key':     { scope: null, expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204], id: (m) => matrixFormKey(m) },
  // Lead conversion: a fresh qualified lead of 目标用户 per cell (converting takes leads:update plus the creates).
  'POST /api/v1/leads/:id/convert':        { scope: ['leads:update', 'customers:create', 'contacts:create', 'opportunities:create'],
    expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => qualifiedLead(m), body: () => ({}) },
  // Lead assignment (helper ASSIGNMENT): rules and settings kept by administrators and managers; org B's
  // administrator names org A's people or rules and is refused (400) or finds nothing (404).
  'GET /api/v1/lead-rules':                { scope: ['leadAssignment:read'],   expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/v1/lead-rules':               { scope: ['leadAssignment:update'], expect: [401, 201, 201, 403, 403, 403, 403, 201, 403, 400],
    body: (m) => ({ name: `矩阵规则${m.seq()}`, kind: 'roundRobin', assigneeIds: [m.ids.targetUser] }) },
  'POST /api/v1/lead-rules/reorder':       { scope: ['leadAssignment:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 400],
    body: async (m) => ({ ids: [...(await matrixRuleIds(m))].reverse() }) },
  'PATCH /api/v1/lead-rules/:id':          { scope: ['leadAssignment:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixRule(m),
    body: async (m) => ({ version: await tableVersion(m, 'lead_rules', await matrixRule(m)), name: `矩阵规则${m.seq()}` }) },
  'DELETE /api/v1/lead-rules/:id':         { scope: ['leadAssignment:update'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixRule(m, true) },
  'GET /api/v1/lead-assignment/settings':  { scope: ['leadAssignment:read'],   expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200] },
  'PUT /api/v1/lead-assignment/settings':  { scope: ['leadAssignment:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200],
    body: () => ({ firstContactHours: 24, fallbackOwnerId: null, requireQualification: true, escalate: true }) },
  'POST /api/v1/leads/bulk-assign':        { scope: ['leadAssignment:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 400],
    body: async (m) => ({ ids: [await matrixLead(m)], ownerId: m.ids.targetUser }) },
  // Sales analytics: every back-office role with salesAnalytics:read sees the figures of its own data scope;
  // exports take salesAnalytics:export (administrators and managers).
  'GET /api/v1/sales-analytics/funnel':              { scope: ['salesAnalytics:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/sales-analytics/funnel/export':       { scope: ['salesAnalytics:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'GET /api/v1/sales-analytics/acquisition':         { scope: ['salesAnalytics:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/sales-analytics/acquisition/export':  { scope: ['salesAnalytics:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=xlsx' },
  // Market statistics: read by all back-office roles, kept by administrators, managers (and marketing).
  'GET /api/v1/market-stats':              { scope: ['marketStats:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/market-stats/potential':    { scope: ['marketStats:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/market-stats':             { scope: ['marketStats:create'], expect: [401, 201, 201, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ region: '德国', category: `矩阵品类${m.seq()}`, year: 2025, importValue: '1000.00' }) },
  'PATCH /api/v1/market-stats/:id':        { scope: ['marketStats:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => marketStat(m),
    body: async (m) => ({ version: await tableVersion(m, 'market_stats', await marketStat(m)), importValue: `${m.seq()}` }) },
  'DELETE /api/v1/market-stats/:id':       { scope: ['marketStats:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => marketStat(m, true) },
  // Dealer reports (helper DEALER): the standing report is of the standing customer (目标用户's): the manager
  // sees it, the reps do not (a write naming that customer is a 400 on customerId); deleting and exporting take a manager.
  'GET /api/v1/dealer-reports':            { scope: ['dealerReports:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/dealer-reports/metrics':    { scope: ['dealerReports:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200], query: '?customerId=00000000-0000-4000-8000-000000000000' },
  'GET /api/v1/dealer-reports/diagnosis':  { scope: ['dealerReports:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/dealer-reports/export':     { scope: ['dealerReports:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/dealer-reports':           { scope: ['dealerReports:create'], expect: [401, 201, 201, 400, 400, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), productId: await dealerProduct(m), month: dealerMonth(m), openingStock: '1', purchased: '0', sold: '0', closingStock: '1' }) },
  'PUT /api/v1/dealer-reports/grid':       { scope: ['dealerReports:create', 'dealerReports:update'], expect: [401, 200, 200, 400, 400, 403, 403, 200, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), month: dealerMonth(m), rows: [{ productId: await dealerProduct(m), openingStock: '1', purchased: '0', sold: '0', closingStock: '1' }] }) },
  'GET /api/v1/dealer-reports/:id':        { scope: ['dealerReports:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => dealerReport(m) },
  'PATCH /api/v1/dealer-reports/:id':      { scope: ['dealerReports:update'], expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => dealerReport(m),
    body: async (m) => ({ version: await tableVersion(m, 'dealer_reports', await dealerReport(m)), sold: `${m.seq() % 1000}` }) },
  'DELETE /api/v1/dealer-reports/:id':     { scope: ['dealerReports:delete'], expect: [401, 204, 204, 403, 403, 403, 403, 204, 403, 404], id: (m) => dealerReport(m, true) },
  // Receivables and credit (helper RECEIVABLES): they follow the customer's visibility (the standing customer is
  // 目标用户's: the manager sees it, the reps do not); finance and administrators write, managers read and export.
  'GET /api/v1/invoices':                  { scope: ['receivables:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/invoices':                 { scope: ['receivables:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), amount: '10', currency: 'CNY', issueDate: '2026-01-01' }) },
  'GET /api/v1/invoices/:id':              { scope: ['receivables:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixInvoice(m) },
  'PATCH /api/v1/invoices/:id':            { scope: ['receivables:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixInvoice(m),
    body: async (m) => ({ version: await tableVersion(m, 'invoices', await matrixInvoice(m)), notes: `备注${m.seq()}` }) },
  'DELETE /api/v1/invoices/:id':           { scope: ['receivables:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixInvoice(m, true) },
  'GET /api/v1/payments':                  { scope: ['receivables:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/payments':                 { scope: ['receivables:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 400],
    body: async (m) => ({ customerId: await archiveCustomer(m), amount: '10', currency: 'CNY', receivedOn: '2026-01-02' }) },
  'GET /api/v1/payments/:id':              { scope: ['receivables:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => matrixPayment(m) },
  'DELETE /api/v1/payments/:id':           { scope: ['receivables:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixPayment(m, true) },
  'GET /api/v1/customers/:id/statement':   { scope: ['receivables:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m), query: '?from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/customers/:id/receivables': { scope: ['receivables:read'],   expect: [401, 200, 200, 404, 404, 200, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'GET /api/v1/receivables/ageing':        { scope: ['receivables:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/credit/holds':              { scope: ['credit:read'],        expect: [401, 200, 200, 200, 200, 403, 403, 200, 403, 200] },
  'POST /api/v1/orders/:id/release-hold':  { scope: ['credit:update'],      expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => heldOrder(m),
    body: () => ({ note: '客户已付款' }) },
  'GET /api/v1/customers/:id/credit':      { scope: ['credit:read'],        expect: [401, 200, 200, 404, 404, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m) },
  'POST /api/v1/customers/:id/credit/suspend': { scope: ['credit:update'],  expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m),
    body: (m) => ({ reason: `逾期${m.seq()}` }) },
  'POST /api/v1/customers/:id/credit/resume':  { scope: ['credit:update'],  expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => archiveCustomer(m),
    body: () => ({}) },
  // Products (helper PRODUCTS): the catalogue is org-wide; administrators keep it, managers read and export it.
  'GET /api/v1/product-categories':         { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/product-categories':        { scope: ['products:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵分类${m.seq()}` }) },
  'PATCH /api/v1/product-categories/:id':   { scope: ['products:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixCategory(m),
    body: async (m) => ({ version: await tableVersion(m, 'product_categories', await matrixCategory(m)), sortOrder: m.seq() % 1000 }) },
  'DELETE /api/v1/product-categories/:id':  { scope: ['products:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixCategory(m, true) },
  'GET /api/v1/products':                   { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/products/prices':            { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200], query: '?productIds=00000000-0000-4000-8000-000000000000' },
  'GET /api/v1/products/export':            { scope: ['products:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/products':                  { scope: ['products:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ sku: `MX-${m.seq()}`, name: '矩阵产品', listPrice: '10.00' }) },
  'GET /api/v1/products/:id':               { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixProduct(m) },
  'PATCH /api/v1/products/:id':             { scope: ['products:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixProduct(m),
    body: async (m) => ({ version: await tableVersion(m, 'products', await matrixProduct(m)), listPrice: `${m.seq()}.00` }) },
  'DELETE /api/v1/products/:id':            { scope: ['products:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixProduct(m, 'fresh') },
  'POST /api/v1/products/:id/restore':      { scope: ['products:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixProduct(m, 'deleted') },
  'GET /api/v1/products/:id/history':       { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixProduct(m) },
  'POST /api/v1/products/:id/images':       { scope: ['products:update'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 404], id: (m) => matrixProduct(m),
    raw: () => multipartFile('正面.png', 'image/png', MATRIX_PNG) },
  'GET /api/v1/products/:id/images/:imageId':    { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixProduct(m),
    imageId: (m) => matrixImage(m) },
  'DELETE /api/v1/products/:id/images/:imageId': { scope: ['products:update'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixProduct(m),
    imageId: (m) => matrixImage(m, true) },
  'GET /api/v1/price-lists':                { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'POST /api/v1/price-lists':               { scope: ['products:create'], expect: [401, 201, 403, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ name: `矩阵价格表${m.seq()}`, validFrom: '2025-01-01', validTo: '2025-12-31' }) },
  'GET /api/v1/price-lists/:id':            { scope: ['products:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixPriceList(m) },
  'PATCH /api/v1/price-lists/:id':          { scope: ['products:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPriceList(m),
    body: async (m) => ({ version: await tableVersion(m, 'price_lists', await matrixPriceList(m)), name: `矩阵价格表${m.seq()}` }) },
  'PUT /api/v1/price-lists/:id/items':      { scope: ['products:update'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPriceList(m),
    body: async (m) => [{ productId: await matrixProduct(m), price: `${m.seq() % 1000}.50` }] as unknown as Body },
  'DELETE /api/v1/price-lists/:id':         { scope: ['products:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixPriceList(m, true) },
  // Partners (helper PRODUCTS): everyone in the back office reads the directory; managers keep it, administrators delete.
  'GET /api/v1/partners':                   { scope: ['partners:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 200] },
  'GET /api/v1/partners/export':            { scope: ['partners:export'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 200], query: '?format=csv' },
  'POST /api/v1/partners':                  { scope: ['partners:create'], expect: [401, 201, 201, 403, 403, 403, 403, 201, 403, 201],
    body: (m) => ({ kind: 'courier', name: `矩阵快递${m.seq()}`, contacts: [{ name: '王', phone: '13800138000' }] }) },
  'GET /api/v1/partners/:id':               { scope: ['partners:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixPartner(m) },
  'PATCH /api/v1/partners/:id':             { scope: ['partners:update'], expect: [401, 200, 200, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPartner(m),
    body: async (m) => ({ version: await tableVersion(m, 'partners', await matrixPartner(m)), qualityRating: (m.seq() % 5) + 1 }) },
  'DELETE /api/v1/partners/:id':            { scope: ['partners:delete'], expect: [401, 204, 403, 403, 403, 403, 403, 204, 403, 404], id: (m) => matrixPartner(m, 'fresh') },
  'POST /api/v1/partners/:id/restore':      { scope: ['partners:delete'], expect: [401, 200, 403, 403, 403, 403, 403, 200, 403, 404], id: (m) => matrixPartner(m, 'deleted') },
  'GET /api/v1/partners/:id/history':       { scope: ['partners:read'],   expect: [401, 200, 200, 200, 200, 200, 403, 200, 403, 404], id: (m) => matrixPartner(m) },
};

/** A multipart form with text fields and a small customers CSV. */
function importForm(fields: Record<string, string>) {
  const boundary = `----matrix${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const csv = `客户名称,手机\r\n矩阵导入${Date.now()}${Math.random().toString(36).slice(2, 6)}有限公司,\r\n`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(parts.join('') + head),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const importFixtures: { draft?: string; done?: string } = {};

/** An uploaded, not yet started import of the fixture administrator. */
async function importDraft(m: Matrix, kind: 'standing' | 'fresh' = 'standing'): Promise<string> {
  if (kind === 'standing' && importFixtures.draft) return importFixtures.draft;
  const form = importForm({ entity: 'customers' });
  const res = await m.w.app.inject({
    method: 'POST',
    url: '/api/v1/imports/uploads',
    headers: {
      'content-type': form.contentType,
      cookie: m.fixtures.cookie!,
      'x-csrf-token': m.fixtures.csrf!,
    },
    payload: form.payload,
  });
  if (res.statusCode !== 201) throw new Error(`import draft fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().uploadId as string;
  orgAIds.push(id);
  if (kind === 'standing') importFixtures.draft = id;
  return id;
}

/** A finished import of the fixture administrator (a fresh one per cell for undo). */
async function importDone(m: Matrix, kind: 'standing' | 'fresh' = 'standing'): Promise<string> {
  if (kind === 'standing' && importFixtures.done) return importFixtures.done;
  const res = await m.fixtures.post('/api/v1/imports', {
    uploadId: await importDraft(m, 'fresh'),
    mode: 'create',
  });
  if (res.statusCode !== 202) throw new Error(`import fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  // Run it here: draining the whole queue would also run other cells' jobs (the demo seed).
  await runImport(m.w.database.db, importFiles(m.w.config), m.orgA, id);
  if (kind === 'standing') importFixtures.done = id;
  return id;
}

/** A market figure of org A (the standing one, or a fresh one to delete). */
let standingMarketStat: string | undefined;
async function marketStat(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && standingMarketStat) return standingMarketStat;
  const res = await m.fixtures.post('/api/v1/market-stats', {
    region: 'US',
    category: `矩阵目标品类${m.seq()}`,
    year: 2024,
    importValue: '5000',
  });
  if (res.statusCode !== 201) throw new Error(`market stat fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) standingMarketStat = id;
  return id;
}

/** A 1×1 PNG for product image cells. */
const MATRIX_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa6a35a0000000049454e44ae426082',
  'hex',
);

/** Catalogue fixtures of org A (helper PRODUCTS): the standing record, or a fresh / deleted one. */
const catalogue: {
  category?: string;
  product?: string;
  priceList?: string;
  image?: string;
  partner?: string;
} = {};
async function fixture(m: Matrix, url: string, body: Record<string, unknown>): Promise<string> {
  const res = await m.fixtures.post(url, body);
  if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  return id;
}
async function matrixCategory(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && catalogue.category) return catalogue.category;
  const id = await fixture(m, '/api/v1/product-categories', { name: `矩阵目标分类${m.seq()}` });
  if (!fresh) catalogue.category = id;
  return id;
}
async function matrixProduct(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && catalogue.product) return catalogue.product;
  const id = await fixture(m, '/api/v1/products', {
    sku: `MXT-${m.seq()}`,
    name: '矩阵目标产品',
    cost: '5.00',
  });
  if (kind === 'deleted') await m.fixtures.del(`/api/v1/products/${id}`);
  if (kind === 'standing') catalogue.product = id;
  return id;
}
async function matrixPriceList(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && catalogue.priceList) return catalogue.priceList;
  const id = await fixture(m, '/api/v1/price-lists', { name: `矩阵目标价格表${m.seq()}` });
  if (!fresh) catalogue.priceList = id;
  return id;
}
async function matrixImage(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && catalogue.image) return catalogue.image;
  const form = multipartFile('图.png', 'image/png', MATRIX_PNG);
  const res = await m.w.app.inject({
    method: 'POST',
    url: `/api/v1/products/${await matrixProduct(m)}/images`,
    headers: {
      'content-type': form.contentType,
      cookie: m.fixtures.cookie!,
      'x-csrf-token': m.fixtures.csrf!,
    },
    payload: form.payload,
  });
  if (res.statusCode !== 201) throw new Error(`image fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) catalogue.image = id;
  return id;
}
async function matrixPartner(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && catalogue.partner) return catalogue.partner;
  const id = await fixture(m, '/api/v1/partners', { kind: 'supplier', name: `矩阵目标供应商${m.seq()}` });
  if (kind === 'deleted') await m.fixtures.del(`/api/v1/partners/${id}`);
  if (kind === 'standing') catalogue.partner = id;
  return id;
}

/** A product of org A for dealer reports (made once, in SQL: the catalogue has its own rows). */
let matrixDealerProduct: string | undefined;
async function dealerProduct(m: Matrix): Promise<string> {
  if (matrixDealerProduct) return matrixDealerProduct;
  const id = newId();
  await m.w.database.db.execute(
    sql`insert into products (org_id, id, sku, name) values (${m.orgA}, ${id}, 'MATRIX-DR', '矩阵进销存产品')`,
  );
  orgAIds.push(id);
  return (matrixDealerProduct = id);
}

/** A month no other dealer-report cell used: 'YYYY-MM'. */
function dealerMonth(m: Matrix): string {
  const n = m.seq();
  return `${2000 + (Math.floor(n / 12) % 90)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** A dealer report of org A on the standing customer (the standing one, or a fresh one to delete). */
let standingDealerReport: string | undefined;
async function dealerReport(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && standingDealerReport) return standingDealerReport;
  const res = await m.fixtures.post('/api/v1/dealer-reports', {
    customerId: await archiveCustomer(m),
    productId: await dealerProduct(m),
    month: dealerMonth(m),
    openingStock: '10',
    purchased: '5',
    sold: '3',
    closingStock: '12',
  });
  if (res.statusCode !== 201) throw new Error(`dealer report fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) standingDealerReport = id;
  return id;
}

async function importTemplate(m: Matrix): Promise<string> {
  const res = await m.fixtures.post('/api/v1/import-templates', {
    entity: 'customers',
    name: `矩阵模板${m.seq()}`,
    mapping: [{ header: '公司', field: 'name' }],
  });
  if (res.statusCode !== 201) throw new Error(`import template fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  return id;
}

/** A finished customers export of the fixture administrator, its file on disk. */
let exportJobId: string | undefined;
async function exportFixture(m: Matrix): Promise<string> {
  if (exportJobId) return exportJobId;
  const creator = (await m.fixtures.get('/api/v1/me')).json().id as string;
  const id = await enqueueJob(m.w.database.db, {
    name: 'exports.run',
    orgId: m.orgA,
    createdBy: creator,
    payload: { entity: 'customers', format: 'csv', encoding: 'utf-8', columns: null, query: {} },
  });
  await m.w.database.db.execute(
    sql`update jobs set status = 'done', result = ${JSON.stringify({ fileName: 'customers.csv' })}::jsonb where id = ${id}`,
  );
  const dir = path.join(m.w.config.filesDir, 'exports', m.orgA);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${id}.csv`), '\uFEFFName\r\n');
  orgAIds.push(id);
  exportJobId = id;
  return id;
}

// Customer-archive fixtures, made through the API by the fixture administrator: one standing
// customer and contact (owned by 目标用户), or a fresh (or fresh and deleted) one per cell.
const archiveFixtures: { customer?: string; contact?: string } = {};

async function archiveCustomer(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && archiveFixtures.customer) return archiveFixtures.customer;
  const name = kind === 'standing' ? '矩阵目标客户' : `矩阵客户${m.seq()}号`;
  const phones = kind === 'standing' ? ['13800138000'] : [];
  const res = await m.fixtures.post('/api/v1/customers', {
    kind: 'company',
    name,
    phones,
    ownerId: m.ids.targetUser,
  });
  if (res.statusCode !== 201) throw new Error(`customer fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/customers/${id}`)).statusCode !== 204)
    throw new Error('delete customer fixture');
  if (kind === 'standing') archiveFixtures.customer = id;
  return id;
}

const POOL_SETTINGS = { enabled: true, rules: [], capPerRep: null, coolDownDays: 0 };

/** A fresh customer in org A's pool (the pool switched on, with neither cap nor cool-down). */
async function poolCustomer(m: Matrix): Promise<string> {
  const put = await m.fixtures.request('PUT', '/api/v1/customer-pool/settings', POOL_SETTINGS);
  if (put.statusCode !== 200) throw new Error(`pool settings fixture: ${put.statusCode} ${put.body}`);
  const res = await m.fixtures.post('/api/v1/customers', {
    kind: 'company',
    name: `矩阵公海客户${m.seq()}号`,
    ownerId: null,
  });
  if (res.statusCode !== 201) throw new Error(`pool customer fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  return id;
}

async function archiveContact(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && archiveFixtures.contact) return archiveFixtures.contact;
  const body = {
    customerId: await archiveCustomer(m),
    name: `矩阵联系人${m.seq()}`,
    phones: ['13900139000'],
  };
  const res = await m.fixtures.post('/api/v1/contacts', body);
  if (res.statusCode !== 201) throw new Error(`contact fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/contacts/${id}`)).statusCode !== 204)
    throw new Error('delete contact fixture');
  if (kind === 'standing') archiveFixtures.contact = id;
  return id;
}

async function recordVersion(m: Matrix, table: 'customers' | 'contacts', id: string): Promise<number> {
  return (
    await rows<{ v: number }>(
      m.w.database.db,
      sql`select version as v from ${sql.identifier(table)} where id = ${id}`,
    )
  )[0]!.v;
}

async function userId(m: Matrix, email: string): Promise<string> {
  return (await rows<{ id: string }>(m.w.database.db, sql`select id from users where email = ${email}`))[0]!
    .id;
}

// Interaction fixtures (engineer B): on the standing customer, made by the fixture administrator.
const interactionFixtures: { interaction?: string; attachment?: string } = {};

async function archiveInteraction(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && interactionFixtures.interaction) return interactionFixtures.interaction;
  const res = await m.fixtures.post('/api/v1/interactions', {
    customerId: await archiveCustomer(m),
    channel: 'visit',
    occurredAt: new Date().toISOString(),
    subject: `矩阵拜访${m.seq()}`,
  });
  if (res.statusCode !== 201) throw new Error(`interaction fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/interactions/${id}`)).statusCode !== 204)
    throw new Error('delete interaction fixture');
  if (kind === 'standing') interactionFixtures.interaction = id;
  return id;
}

function multipartFile(name: string, type: string, bytes: Buffer) {
  const boundary = `----matrix${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function archiveAttachment(m: Matrix, kind: 'standing' | 'fresh' = 'standing'): Promise<string> {
  if (kind === 'standing' && interactionFixtures.attachment) return interactionFixtures.attachment;
  const file = multipartFile(`矩阵附件${m.seq()}.txt`, 'text/plain', Buffer.from('纪要'));
  const res = await m.w.app.inject({
    method: 'POST',
    url: `/api/v1/interactions/${await archiveInteraction(m)}/attachments`,
    headers: {
      'content-type': file.contentType,
      cookie: m.fixtures.cookie!,
      'x-csrf-token': m.fixtures.csrf!,
    },
    payload: file.payload,
  });
  if (res.statusCode !== 201) throw new Error(`attachment fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'standing') interactionFixtures.attachment = id;
  return id;
}

async function interactionVersion(m: Matrix, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(m.w.database.db, sql`select version as v from interactions where id = ${id}`)
  )[0]!.v;
}

// Task fixtures (engineer C): one standing task for 目标用户, or a fresh one per cell.
let standingTask: string | undefined;
async function matrixTask(m: Matrix, fresh = false, deleted = false): Promise<string> {
  if (!fresh && standingTask) return standingTask;
  const res = await m.fixtures.post('/api/v1/tasks', {
    title: `矩阵目标任务${m.seq()}`,
    dueAt: '2026-06-10T02:00:00Z',
    assigneeId: m.ids.targetUser,
  });
  if (res.statusCode !== 201) throw new Error(`task fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (deleted && (await m.fixtures.del(`/api/v1/tasks/${id}`)).statusCode !== 204)
    throw new Error('delete task fixture');
  if (!fresh) standingTask = id;
  return id;
}

async function taskVersion(m: Matrix, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(m.w.database.db, sql`select version as v from tasks where id = ${id}`)
  )[0]!.v;
}

/** A notification of org A's administrator (admin@a.test), written straight into the table. */
async function adminNotification(m: Matrix): Promise<string> {
  const admin = await userId(m, 'admin@a.test');
  const res = await rows<{ id: string }>(
    m.w.database.db,
    sql`insert into notifications (org_id, id, user_id, kind, params) values (${m.orgA}, gen_random_uuid(), ${admin}, 'taskDue', '{}'::jsonb) returning id`,
  );
  orgAIds.push(res[0]!.id);
  return res[0]!.id;
}

// Customization fixtures, made through the API by the fixture administrator: a standing custom field,
// dictionary entry and shared saved view, or a fresh one per cell.
const customization: Partial<Record<'field' | 'item' | 'view', string>> = {};

async function customizationFixture(
  m: Matrix,
  kind: 'field' | 'item' | 'view',
  fresh: boolean,
): Promise<string> {
  if (!fresh && customization[kind]) return customization[kind];
  const label = { 'zh-CN': `矩阵${m.seq()}`, en: 'Matrix' };
  const [url, body] =
    kind === 'field'
      ? ['/api/v1/custom-fields', { entity: 'customers', key: `fixture_${m.seq()}`, label, type: 'text' }]
      : kind === 'item'
        ? ['/api/v1/dictionaries/source/items', { key: `矩阵夹具${m.seq()}`, label }]
        : [
            '/api/v1/saved-views',
            { entity: 'customers', name: `矩阵共享${m.seq()}`, shared: true, config: { filters: {} } },
          ];
  const res = await m.fixtures.post(url, body);
  if (res.statusCode !== 201) throw new Error(`${kind} fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) customization[kind] = id;
  return id;
}
const customFieldFixture = (m: Matrix, fresh = false) => customizationFixture(m, 'field', fresh);
const dictionaryItemFixture = (m: Matrix, fresh = false) => customizationFixture(m, 'item', fresh);
const savedViewFixture = (m: Matrix, fresh = false) => customizationFixture(m, 'view', fresh);

async function tableVersion(m: Matrix, table: string, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(
      m.w.database.db,
      sql`select version as v from ${sql.identifier(table)} where id = ${id}`,
    )
  )[0]!.v;
}

/** Routes outside the matrix: documentation and the health probe. */
const isExcluded = (url: string) =>
  url === '/docs' || url.startsWith('/docs/') || url === '/api/openapi.json' || url === '/health';

interface Caller {
  cookie?: string;
  csrf?: string;
  bearer?: string;
  email?: string;
  password?: string;
}

interface Matrix {
  w: TestWorld;
  orgA: string;
  fixtures: Client;
  loginTarget: { email: string; password: string };
  ids: { targetUser: string; job: string; department: string; team: string; role: string };
  seq(): number;
  email(kind: string): string;
  passwordOf(actor: ActorName): string;
  version(table: 'users' | 'departments' | 'teams' | 'roles', id: string): Promise<number>;
  fresh: {
    user(deleted: boolean): Promise<string>;
    apiKey(): Promise<string>;
    job(status: 'queued' | 'failed'): Promise<string>;
    record(kind: 'departments' | 'teams' | 'roles', deleted: boolean): Promise<string>;
  };
}

const PASSWORD = 'Passw0rd!';
let m: Matrix;
let callers: Record<Exclude<ActorName, 'key+' | 'key-'>, Caller>;
/** org A identifiers that must never appear in anything org B is shown. */
let orgAIds: string[];
const keyCache = new Map<string, string>();

async function signIn(c: Caller): Promise<void> {
  const res = await m.w.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: c.email, password: c.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${c.email} failed: ${res.statusCode} ${res.body}`);
  c.cookie = `gx_session=${res.cookies.find((k) => k.name === 'gx_session')!.value}`;
  c.csrf = res.json().csrfToken;
}

async function keyWith(scopes: string[]): Promise<string> {
  const k = [...scopes].sort().join(' ');
  if (!keyCache.has(k)) {
    const res = await m.fixtures.post('/api/v1/api-keys', { name: `矩阵 ${k}`.slice(0, 100), scopes });
    if (res.statusCode !== 201) throw new Error(`api key failed: ${res.body}`);
    keyCache.set(k, res.json().token);
  }
  return keyCache.get(k)!;
}

async function callerFor(actor: ActorName, spec: RouteSpec): Promise<Caller> {
  if (actor === 'key+') return { bearer: await keyWith(spec.scope ?? [...API_SCOPES]) };
  if (actor === 'key-')
    return {
      bearer: await keyWith(
        spec.without ?? (spec.scope ? API_SCOPES.filter((s) => !spec.scope!.includes(s)) : ['jobs:read']),
      ),
    };
  return callers[actor];
}

function send(
  c: Caller,
  method: string,
  url: string,
  body: Body,
  raw?: { payload: Buffer; contentType: string },
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (raw) {
    headers['content-type'] = raw.contentType;
    if (c.cookie) headers.cookie = c.cookie;
    if (c.csrf) headers['x-csrf-token'] = c.csrf;
    if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
    return m.w.app.inject({ method: method as 'GET', url, headers, payload: raw.payload });
  }
  if (c.cookie) headers.cookie = c.cookie;
  if (c.csrf && method !== 'GET') headers['x-csrf-token'] = c.csrf;
  if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
  return m.w.app.inject({ method: method as 'GET', url, headers, payload: body });
}

beforeAll(async () => {
  const w = await createTestApp();
  const db = w.database.db;
  const admin = await setupInstance(w.app);
  const meA = (await admin.get('/api/v1/me')).json();
  const orgA: string = meA.orgId;
  const adminB = await createOrg(w.app, admin, '另一家公司', 'admin@b.test');
  const meB = (await adminB.get('/api/v1/me')).json();

  const sales = await insertDepartmentRow(db, orgA, '销售部');
  const service = await insertDepartmentRow(db, orgA, '客服部');
  const team1 = await insertTeamRow(db, orgA, '一组', sales.id);
  const team2 = await insertTeamRow(db, orgA, '二组', sales.id);

  let n = 0;
  const people: Record<string, string> = {};
  const addUser = async (key: string, body: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/users', {
      password: PASSWORD,
      email: `${key}@a.test`,
      name: key,
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`user ${key}: ${res.body}`);
    people[key] = res.json().id;
    return { email: `${key}@a.test`, password: PASSWORD } as Caller;
  };
  const fixtureCaller = await addUser('fixtures', { role: 'admin', name: '夹具管理员' });
  const mgr = await addUser('mgr', { role: 'manager', departmentId: sales.id });
  const salesRep = await addUser('sales', { role: 'sales', departmentId: sales.id, teamId: team1 });
  const salesB = await addUser('salesB', { role: 'sales', departmentId: sales.id, teamId: team2 });
  const ro = await addUser('ro', { role: 'readonly', departmentId: service.id });
  const portal = await addUser('portal', { role: 'portal' });
  const loginTarget = await addUser('login-target', { role: 'readonly' });
  await addUser('target', {
    role: 'sales',
    departmentId: sales.id,
    teamId: team2,
    phone: '13800138000',
    name: '目标用户',
  });

  const adminCaller: Caller = { email: 'admin@a.test', password: ADMIN_PASSWORD };
  const otherB: Caller = { email: 'admin@b.test', password: ADMIN_PASSWORD };
  callers = { anon: {}, admin: adminCaller, mgr, sales: salesRep, salesB, ro, portal, otherB };

  const fixtures = new Client(w.app);
  await fixtures.login(fixtureCaller.email!, PASSWORD);

  const hash = await hashPassword(PASSWORD);
  const salesRole = (
    await rows<{ id: string }>(db, sql`select id from roles where org_id = ${orgA} and key = 'sales'`)
  )[0]!.id;
  const department = await insertDepartmentRow(db, orgA, '矩阵部门', sales);
  const team = await insertTeamRow(db, orgA, '矩阵团队', sales.id);
  const [role] = await withTenant(db, orgA, (tx) =>
    insertRoles(tx, [
      {
        orgId: orgA,
        key: 'matrix_target',
        name: '矩阵角色',
        permissions: { users: ['read'] },
        dataScope: 'own',
      },
    ]),
  );
  const job = await enqueueJob(db, { name: 'matrix.noop', orgId: orgA, createdBy: people.fixtures });

  const seq = () => ++n;
  const fresh: Matrix['fresh'] = {
    user: (deleted) => {
      const k = seq();
      return withTenant(db, orgA, (tx) =>
        insertUser(tx, {
          orgId: orgA,
          name: `待删用户${k}`,
          email: `fresh${k}@a.test`,
          passwordHash: hash,
          roleId: salesRole,
          departmentId: sales.id,
          teamId: team2,
          deletedAt: deleted ? new Date() : null,
          deletedBy: deleted ? people.fixtures : null,
        }),
      );
    },
    apiKey: async () =>
      (await fixtures.post('/api/v1/api-keys', { name: `待吊销${seq()}`, scopes: ['users:read'] })).json().id,
    job: async (status) => {
      const id = await enqueueJob(db, { name: 'matrix.noop', orgId: orgA });
      if (status === 'failed')
        await db.execute(sql`update jobs set status = 'failed', error = 'boom' where id = ${id}`);
      return id;
    },
    record: async (kind, deleted) => {
      const body = kind === 'roles' ? { key: `fresh_${seq()}`, name: '待删角色' } : { name: `待删${seq()}` };
      const res = await fixtures.post(`/api/v1/${kind}`, body);
      if (res.statusCode !== 201) throw new Error(`fixture ${kind}: ${res.statusCode} ${res.body}`);
      const id = res.json().id as string;
      if (deleted && (await fixtures.del(`/api/v1/${kind}/${id}`)).statusCode !== 204)
        throw new Error(`delete ${kind} fixture`);
      return id;
    },
  };

  m = {
    w,
    orgA,
    fixtures,
    loginTarget: { email: loginTarget.email!, password: PASSWORD },
    ids: { targetUser: people.target!, job, department: department.id, team, role: role!.id },
    seq,
    email: (kind) => `${kind}${seq()}@matrix.test`,
    passwordOf: (a) => (a === 'admin' || a === 'otherB' ? ADMIN_PASSWORD : PASSWORD),
    version: async (table, id) =>
      (
        await rows<{ v: number }>(db, sql`select version as v from ${sql.identifier(table)} where id = ${id}`)
      )[0]!.v,
    fresh,
  };
  orgAIds = [
    orgA,
    meA.id,
    ...Object.values(people),
    sales.id,
    service.id,
    team1,
    team2,
    department.id,
    team,
    role!.id,
    job,
  ];
  for (const c of Object.values(callers)) if (c.email) await signIn(c);
  expect(meB.orgId).not.toBe(orgA);
});
afterAll(() => m?.w.close());

describe('authorization matrix', () => {
  it('covers every route the app registers', () => {
    const routes = routesOf(m.w.app);
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
    const keys = routes
      .filter((r) => !isExcluded(r.url))
      .filter((r) => !(r.method === 'HEAD' && gets.has(r.url)))
      .map((r) => `${r.method} ${r.url}`);
    const missing = [...new Set(keys)].filter((k) => !(k in MATRIX));
    expect(missing, 'routes without a row in MATRIX (test/authz-matrix.test.ts)').toEqual([]);
    // The row set is not vacuous: the routes of this file's world are there.
    expect(keys.length).toBeGreaterThan(20);
  });

  for (const [route, spec] of Object.entries(MATRIX)) {
    it(route, async (ctx) => {
      const [method, pattern] = route.split(' ') as [string, string];
      const registered = routesOf(m.w.app).some((r) => r.method === method && r.url === pattern);
      // Rows written ahead of their module (docs/api-internal.md) wait until the route exists.
      if (!registered) return ctx.skip();

      const problems: string[] = [];
      for (const [i, actor] of ACTORS.entries()) {
        const expected = spec.expect[i]!;
        const caller = await callerFor(actor, spec);
        const id = spec.id ? await spec.id(m) : undefined;
        const stageId = spec.stageId ? await spec.stageId(m) : ':stageId';
        const imageId = spec.imageId ? await spec.imageId(m) : ':imageId';
        const url =
          pattern
            .replace(':dictionary', 'source')
            .replace(':id', id ?? ':id')
            .replace(':key', id ?? ':key')
            .replace(':stageId', stageId)
            .replace(':imageId', imageId) + (spec.query ?? '');
        const body = spec.body ? await spec.body(m, actor) : undefined;
        const denied = expected >= 300;
        const before = method !== 'GET' && denied ? await snapshotTables(m.w.database.db) : undefined;

        const res = spec.raw
          ? await send(caller, method, url, undefined, spec.raw())
          : await send(caller, method, url, body);

        if (res.statusCode !== expected)
          problems.push(`${actor}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (denied && res.json().error?.code === undefined)
          problems.push(`${actor}: ${expected} without the error shape`);
        if (before) {
          const changed = changedTables(before, await snapshotTables(m.w.database.db));
          if (changed.length)
            problems.push(`${actor}: refused with ${res.statusCode} but changed ${changed.join(', ')}`);
        }
        if (actor === 'otherB' && res.statusCode < 300) {
          const leaked = orgAIds.filter((x) => res.body.includes(x));
          if (leaked.length && !['POST /api/v1/auth/login'].includes(route))
            problems.push(`otherB: response shows organisation A's ids ${leaked.join(', ')}`);
        }
        if (spec.endsSession && caller.email) await signIn(caller);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('data scope and field rules where the matrix cannot see them', () => {
  const json = async (c: Caller, url: string) => {
    const res = await send(c, 'GET', url, undefined);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as {
      items: { id: string; entity?: string; entityId?: string | null; phone?: string }[];
      total: number;
    };
  };

  it('a masked field is shown masked and cannot be searched, so it cannot be probed digit by digit', async () => {
    const target = m.ids.targetUser;
    expect(((await json(callers.ro, `/api/v1/users/${target}`)) as unknown as { phone: string }).phone).toBe(
      '138****8000',
    );
    for (const q of ['13800138000', '1380013', '8000', 'target@a']) {
      expect(
        (await json(callers.admin, `/api/v1/users?q=${q}`)).items.map((u) => u.id),
        `admin, q=${q}`,
      ).toContain(target);
      expect(await json(callers.ro, `/api/v1/users?q=${q}`), `read-only, q=${q}`).toMatchObject({
        items: [],
        total: 0,
      });
    }
  });

  it("a department manager's audit log holds no entries about people outside the department", async () => {
    // The manager's department subtree, deleted people included (their history stays the manager's to read).
    const inDepartment = await rows<{ id: string }>(
      m.w.database.db,
      sql`select u.id from users u where u.org_id = ${m.orgA} and (u.email = 'mgr@a.test' or u.department_id in (
            select d.id from departments d where d.org_id = ${m.orgA} and d.path like (
              select p.path from departments p join users me on me.department_id = p.id where me.email = 'mgr@a.test') || '%'))`,
    );
    const visible = new Set(inDepartment.map((u) => u.id));
    expect(visible.has(m.ids.targetUser)).toBe(true);
    const log = await json(callers.mgr, '/api/v1/audit-log?entity=users&limit=200');
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.filter((e) => !visible.has(e.entityId ?? '')).map((e) => e.entityId)).toEqual([]);
    const outsider = (await json(callers.admin, '/api/v1/users?q=ro%40a.test')).items[0]!.id;
    expect(visible.has(outsider)).toBe(false);
    expect((await json(callers.admin, `/api/v1/audit-log?entityId=${outsider}`)).total).toBeGreaterThan(0);
    expect(await json(callers.mgr, `/api/v1/audit-log?entityId=${outsider}`)).toMatchObject({
      items: [],
      total: 0,
    });
  });
});

// Pipeline and opportunity fixtures (helper OPPORTUNITIES), made through the API by the fixture administrator.
const salesFixtures: { pipeline?: string; opportunity?: string } = {};

async function matrixPipeline(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && salesFixtures.pipeline) return salesFixtures.pipeline;
  const res = await m.fixtures.post('/api/v1/pipelines', {
    name: `矩阵流程${m.seq()}`,
    stages: [{ name: '询盘' }, { name: '打样' }],
  });
  if (res.statusCode !== 201) throw new Error(`pipeline fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) salesFixtures.pipeline = id;
  return id;
}

async function openStages(m: Matrix, pipelineId: string): Promise<string[]> {
  return (
    await rows<{ id: string }>(
      m.w.database.db,
      sql`select id from pipeline_stages where pipeline_id = ${pipelineId} and kind = 'open' and deleted_at is null order by position, id`,
    )
  ).map((r) => r.id);
}

/** A fresh open stage of the standing matrix pipeline (deleted by the cell). */
async function freshStage(m: Matrix): Promise<string> {
  const pipelineId = await matrixPipeline(m);
  const res = await m.fixtures.post(`/api/v1/pipelines/${pipelineId}/stages`, { name: `待删阶段${m.seq()}` });
  if (res.statusCode !== 201) throw new Error(`stage fixture: ${res.statusCode} ${res.body}`);
  const stages = res.json().stages as { id: string; name: string }[];
  const id = stages.find((s) => s.name.startsWith('待删阶段') && !orgAIds.includes(s.id))!.id;
  orgAIds.push(id);
  return id;
}

async function pipelineVersion(
  m: Matrix,
  table: 'pipelines' | 'pipeline_stages' | 'opportunities' | 'orders',
  id: string,
): Promise<number> {
  return (
    await rows<{ v: number }>(
      m.w.database.db,
      sql`select version as v from ${sql.identifier(table)} where id = ${id}`,
    )
  )[0]!.v;
}

async function matrixOpportunity(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
): Promise<string> {
  if (kind === 'standing' && salesFixtures.opportunity) return salesFixtures.opportunity;
  const res = await m.fixtures.post('/api/v1/opportunities', {
    name: `矩阵商机${m.seq()}`,
    customerId: await archiveCustomer(m),
    ownerId: m.ids.targetUser,
    amount: '5000',
  });
  if (res.statusCode !== 201) throw new Error(`opportunity fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/opportunities/${id}`)).statusCode !== 204)
    throw new Error('delete opportunity fixture');
  if (kind === 'standing') salesFixtures.opportunity = id;
  return id;
}

const orderFixtures: { order?: string } = {};

// Quote fixtures (helper QUOTES): made by the fixture administrator, then handed to 目标用户 and put in
// the wanted status directly, so each step's row starts from its own status.
const quoteFixtures: { quote?: string } = {};
async function matrixQuote(
  m: Matrix,
  kind: 'standing' | 'fresh' | 'deleted' = 'standing',
  status: 'draft' | 'pendingApproval' | 'approved' = 'draft',
): Promise<string> {
  if (kind === 'standing' && quoteFixtures.quote) return quoteFixtures.quote;
  const res = await m.fixtures.post('/api/v1/quotes', {
    customerId: await archiveCustomer(m),
    currency: 'CNY',
    validUntil: '2099-12-31',
    lines: [{ name: `矩阵报价品${m.seq()}`, quantity: '2', unitPrice: '50', discountPct: '30' }],
  });
  if (res.statusCode !== 201) throw new Error(`quote fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  await m.w.database.db.execute(
    sql`update quotes q set owner_id = u.id, created_by = u.id, team_id = u.team_id, department_id = u.department_id,
        status = ${status} from users u where u.id = ${m.ids.targetUser} and q.id = ${id}`,
  );
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/quotes/${id}`)).statusCode !== 204)
    throw new Error('delete quote fixture');
  if (kind === 'standing') quoteFixtures.quote = id;
  return id;
}
async function quoteVersion(m: Matrix, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(m.w.database.db, sql`select version as v from quotes where id = ${id}`)
  )[0]!.v;
}

/** A draft order of 目标用户 on the standing customer (created by the administrator, then handed over). */
async function matrixOrder(m: Matrix, kind: 'standing' | 'fresh' | 'deleted' = 'standing'): Promise<string> {
  if (kind === 'standing' && orderFixtures.order) return orderFixtures.order;
  const res = await m.fixtures.post('/api/v1/orders', {
    customerId: await archiveCustomer(m),
    lines: [{ name: `矩阵货品${m.seq()}`, quantity: '2', unitPrice: '50' }],
  });
  if (res.statusCode !== 201) throw new Error(`order fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  await m.w.database.db.execute(
    sql`update orders o set owner_id = u.id, team_id = u.team_id, department_id = u.department_id
        from users u where u.id = ${m.ids.targetUser} and o.id = ${id}`,
  );
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/orders/${id}`)).statusCode !== 204)
    throw new Error('delete order fixture');
  if (kind === 'standing') orderFixtures.order = id;
  return id;
}

const receivableFixtures: { invoice?: string; payment?: string } = {};
/** An invoice (or payment) of the standing customer; `fresh` for destructive routes. */
async function matrixInvoice(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && receivableFixtures.invoice) return receivableFixtures.invoice;
  const res = await m.fixtures.post('/api/v1/invoices', {
    customerId: await archiveCustomer(m),
    amount: '100',
    currency: 'CNY',
    issueDate: '2026-01-01',
  });
  if (res.statusCode !== 201) throw new Error(`invoice fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) receivableFixtures.invoice = id;
  return id;
}
async function matrixPayment(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && receivableFixtures.payment) return receivableFixtures.payment;
  const res = await m.fixtures.post('/api/v1/payments', {
    customerId: await archiveCustomer(m),
    amount: '10',
    currency: 'CNY',
    receivedOn: '2026-01-02',
  });
  if (res.statusCode !== 201) throw new Error(`payment fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) receivableFixtures.payment = id;
  return id;
}
/** A fresh order of 目标用户 put on credit hold (as the orders module does at submission). */
async function heldOrder(m: Matrix): Promise<string> {
  const id = await matrixOrder(m, 'fresh');
  await m.w.database.db.execute(
    sql`update orders set status = 'submitted', credit_hold = 'limitExceeded' where id = ${id}`,
  );
  return id;
}

/** Moves the opportunity to the next open stage of its pipeline (round the open stages). */
async function nextStageBody(m: Matrix, id: string) {
  const [o] = await rows<{ stage_id: string; pipeline_id: string; version: number }>(
    m.w.database.db,
    sql`select stage_id, pipeline_id, version from opportunities where id = ${id}`,
  );
  const open = await openStages(m, o!.pipeline_id);
  const next = open[(open.indexOf(o!.stage_id) + 1) % open.length]!;
  return { stageId: next, version: o!.version };
}

/** A fresh lead of 目标用户, qualified, with a person and a company of its own. */
async function qualifiedLead(m: Matrix): Promise<string> {
  const n = m.seq();
  const res = await m.fixtures.post('/api/v1/leads', {
    name: `矩阵联系人${n}`,
    company: `矩阵线索公司${n}号`,
    channel: 'tradeFair',
    ownerId: m.ids.targetUser,
  });
  if (res.statusCode !== 201) throw new Error(`lead fixture: ${res.statusCode} ${res.body}`);
  const lead = res.json() as { id: string; version: number };
  const q = await m.fixtures.post(`/api/v1/leads/${lead.id}/qualify`, {
    money: 'yes',
    authority: 'yes',
    need: 'yes',
    version: lead.version,
  });
  if (q.statusCode !== 200) throw new Error(`qualify fixture: ${q.statusCode} ${q.body}`);
  orgAIds.push(lead.id);
  return lead.id;
}

// Lead and lead-form fixtures (helper LEADS), made through the API by the fixture administrator.
const leadFixtures: { lead?: string; form?: string } = {};

async function matrixLead(m: Matrix, kind: 'standing' | 'fresh' | 'deleted' = 'standing'): Promise<string> {
  if (kind === 'standing' && leadFixtures.lead) return leadFixtures.lead;
  const res = await m.fixtures.post('/api/v1/leads', {
    name: `矩阵线索${m.seq()}`,
    phones: ['13900139000'],
    channel: 'tradeFair',
    ownerId: m.ids.targetUser,
  });
  if (res.statusCode !== 201) throw new Error(`lead fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (kind === 'deleted' && (await m.fixtures.del(`/api/v1/leads/${id}`)).statusCode !== 204)
    throw new Error('delete lead fixture');
  if (kind === 'standing') leadFixtures.lead = id;
  return id;
}

async function leadVersion(m: Matrix, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(m.w.database.db, sql`select version as v from leads where id = ${id}`)
  )[0]!.v;
}

let standingRule: string | undefined;
/** An assignment rule of org A rotating over 目标用户; `fresh` for destructive cells. */
async function matrixRule(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && standingRule) return standingRule;
  const res = await m.fixtures.post('/api/v1/lead-rules', {
    name: `矩阵规则${m.seq()}`,
    kind: 'roundRobin',
    assigneeIds: [m.ids.targetUser],
  });
  if (res.statusCode !== 201) throw new Error(`lead rule fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) standingRule = id;
  return id;
}

async function matrixRuleIds(m: Matrix): Promise<string[]> {
  await matrixRule(m);
  const res = await m.fixtures.get('/api/v1/lead-rules');
  return (res.json().items as { id: string }[]).map((r) => r.id);
}

async function matrixForm(m: Matrix, fresh = false): Promise<string> {
  if (!fresh && leadFixtures.form) return leadFixtures.form;
  const res = await m.fixtures.post('/api/v1/lead-forms', {
    name: `矩阵表单${m.seq()}`,
    fields: ['name', 'email'],
  });
  if (res.statusCode !== 201) throw new Error(`lead form fixture: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  orgAIds.push(id);
  if (!fresh) leadFixtures.form = id;
  return id;
}

async function matrixFormKey(m: Matrix): Promise<string> {
  const id = await matrixForm(m, true);
  return (
    await rows<{ k: string }>(m.w.database.db, sql`select public_key as k from lead_forms where id = ${id}`)
  )[0]!.k;
}

async function formVersion(m: Matrix, id: string): Promise<number> {
  return (
    await rows<{ v: number }>(m.w.database.db, sql`select version as v from lead_forms where id = ${id}`)
  )[0]!.v;
}
