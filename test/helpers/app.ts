import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig, type Config } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/types.ts';
import { createJobRunner, type JobRunner } from '../../server/src/modules/jobs/index.ts';
import { jobHandlers } from '../../server/src/bootstrap.ts';
import { freshDatabase } from './db.ts';

export interface TestWorld {
  app: FastifyInstance;
  database: Database;
  config: Config;
  jobs: JobRunner;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The app's clock (sessions, throttling): pass a function over a variable to move time in a test. */
  now?: () => Date;
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  env: NodeJS.ProcessEnv = {},
  opts: TestAppOptions = {},
): Promise<TestWorld> {
  const database = await freshDatabase();
  const config = { ...loadConfig({ ...env, GUANXI_WEB_DIST: '/nonexistent' }), ...overrides };
  const app = await buildApp({ database, config, now: opts.now });
  await app.ready();
  const jobs = createJobRunner({ db: database.db, handlers: jobHandlers(config), pollMs: 20 });
  return {
    app,
    database,
    config,
    jobs,
    close: async () => {
      await jobs.stop();
      await app.close();
      await database.close();
    },
  };
}

type Body = Record<string, unknown> | unknown[] | undefined;

/** A client with its own cookie jar and CSRF token, like one browser (or an API key). */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;
  /** The caller's IP as the server sees it (Fastify inject's remoteAddress); 127.0.0.1 when unset. */
  remoteAddress: string | undefined;
  locale = 'en';
  constructor(readonly app: FastifyInstance) {}

  static withKey(app: FastifyInstance, token: string): Client {
    const c = new Client(app);
    c.bearer = token;
    return c;
  }

  async request(
    method: string,
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { 'accept-language': this.locale, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      payload: body as object | undefined,
      remoteAddress: this.remoteAddress,
    });
    const set = res.cookies.find((c) => c.name === 'gx_session');
    if (set) this.cookie = set.value ? `gx_session=${set.value}` : undefined;
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: Body) => this.request('PATCH', url, body ?? {});
  del = (url: string) => this.request('DELETE', url);

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

export const ADMIN_PASSWORD = 'Admin12345';

/** First-run setup of the instance: the first organisation and its administrator, signed in. */
export async function setupInstance(
  app: FastifyInstance,
  orgName = '测试科技有限公司',
  email = 'admin@a.test',
): Promise<Client> {
  const admin = new Client(app);
  const res = await admin.post('/api/v1/setup', {
    orgName,
    adminName: '管理员',
    adminEmail: email,
    adminPassword: ADMIN_PASSWORD,
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  admin.csrf = res.json().csrfToken;
  return admin;
}

/** A further organisation created by the instance administrator, with its admin signed in. */
export async function createOrg(
  app: FastifyInstance,
  instanceAdmin: Client,
  name: string,
  email: string,
): Promise<Client> {
  const res = await instanceAdmin.post('/api/v1/orgs', {
    name,
    adminEmail: email,
    adminPassword: ADMIN_PASSWORD,
  });
  if (res.statusCode !== 201) throw new Error(`org failed: ${res.statusCode} ${res.body}`);
  const c = new Client(app);
  const login = await c.login(email, ADMIN_PASSWORD);
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return c;
}

let counter = 0;
/** Creates a user through the API (as `by`) and returns a signed-in client for it. */
export async function createUser(
  app: FastifyInstance,
  by: Client,
  overrides: Record<string, unknown> = {},
): Promise<{ client: Client; user: Record<string, unknown> & { id: string; version: number } }> {
  const n = ++counter;
  const body = {
    name: `用户${n}`,
    email: `user${n}.${Date.now().toString(36)}@test.cn`,
    password: 'Passw0rd!',
    role: 'sales',
    ...overrides,
  };
  const res = await by.post('/api/v1/users', body);
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  const client = new Client(app);
  const login = await client.login(String(body.email), String(body.password));
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return { client, user: res.json() };
}
