import path from 'node:path';

/** Runtime configuration, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  replicaUrl: string | undefined;
  firstRun: { adminEmail?: string; adminPassword?: string; orgName?: string };
  signupOpen: boolean;
  session: { idleMinutes: number; absoluteHours: number; secureCookie: boolean };
  webDist: string;
  runJobs: boolean;
  logLevel: string;
  /** Fastify trustProxy: false, true, a hop count, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | number | string[];
  /** Where attachment files are stored (default `${dataDir}/attachments`). */
  attachmentsDir: string;
  /** Largest attachment accepted, in MB. */
  attachmentMaxMb: number;
  /** Uploaded import files and finished export files (default `${dataDir}/files`). */
  filesDir: string;
  /** Import limits: file size, data rows, and for xlsx the inflated size and zip entries. */
  importLimits: { maxMb: number; maxRows: number; maxInflatedMb: number; maxZipEntries: number };
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function trustProxy(value: string | undefined): boolean | number | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    replicaUrl: env.DATABASE_REPLICA_URL || undefined,
    firstRun: {
      adminEmail: env.GUANXI_ADMIN_EMAIL || undefined,
      adminPassword: env.GUANXI_ADMIN_PASSWORD || undefined,
      orgName: env.GUANXI_ORG_NAME || undefined,
    },
    signupOpen: env.GUANXI_SIGNUP === 'open',
    session: {
      idleMinutes: int(env.GUANXI_SESSION_IDLE_MINUTES, 30),
      absoluteHours: int(env.GUANXI_SESSION_ABSOLUTE_HOURS, 12),
      secureCookie: env.GUANXI_SECURE_COOKIE === 'true',
    },
    webDist: path.resolve(env.GUANXI_WEB_DIST ?? './web/dist'),
    runJobs: env.GUANXI_JOBS !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxy(env.GUANXI_TRUST_PROXY),
    attachmentsDir: path.resolve(
      env.GUANXI_ATTACHMENTS_DIR || path.join(env.DATA_DIR ?? './data', 'attachments'),
    ),
    attachmentMaxMb: int(env.GUANXI_ATTACHMENT_MAX_MB, 20),
    filesDir: path.resolve(env.GUANXI_FILES_DIR || path.join(env.DATA_DIR ?? './data', 'files')),
    importLimits: {
      maxMb: int(env.GUANXI_IMPORT_MAX_MB, 500),
      maxRows: int(env.GUANXI_IMPORT_MAX_ROWS, 2_000_000),
      maxInflatedMb: int(env.GUANXI_IMPORT_MAX_INFLATED_MB, 2_000),
      maxZipEntries: int(env.GUANXI_IMPORT_MAX_ZIP_ENTRIES, 1_000),
    },
  };
}
