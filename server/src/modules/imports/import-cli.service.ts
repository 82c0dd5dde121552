import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';
import type { Locale } from '../../i18n/messages.ts';
import { loadActor } from '../auth/index.ts';
import { mappingFromHeaders } from './header-match.ts';
import { importEntity } from './entities.ts';
import { runImport, type RunHooks } from './import-run.service.ts';
import * as repo from './imports.repository.ts';
import { createUpload, startImport, summary, uploadTarget, type ImportFiles } from './imports.service.ts';
import type { ImportMode } from './imports.table.ts';

export interface CliImport {
  file: string;
  entity: string;
  mode: ImportMode;
  key?: string | null;
  user?: string | null;
  encoding?: string | null;
  delimiter?: string | null;
  mapping?: Record<string, string | null>;
  tags?: string[];
}

async function cliCtx(db: Db, email: string | null | undefined): Promise<Ctx> {
  const user = await withSystem(db, (tx) => repo.findCliUser(tx, email ?? null));
  if (!user)
    throw new Error(
      email ? `No user with the email ${email}.` : 'No instance administrator yet: set up first.',
    );
  const who = await loadActor(db, user.orgId, user.id);
  if (!who) throw new Error('That user is disabled.');
  return {
    db,
    actor: who.actor,
    locale: (who.locale === 'en' ? 'en' : 'zh-CN') as Locale,
    ip: 'cli',
    now: new Date(),
  };
}

/**
 * The same import as the web's, run in this process: the file is copied to the files directory,
 * checked and mapped as an upload would be, then read and written batch by batch.
 */
export async function importFromCli(db: Db, files: ImportFiles, input: CliImport, hooks: RunHooks = {}) {
  const ctx = await cliCtx(db, input.user);
  const id = newId();
  const target = await uploadTarget(files, ctx.actor.orgId, id);
  await copyFile(input.file, target.abs);
  const analysis = await createUpload(ctx, files, id, {
    entity: input.entity,
    fileName: path.basename(input.file),
    rel: target.rel,
    abs: target.abs,
    bytes: (await stat(input.file)).size,
    encoding: input.encoding ?? null,
    delimiter: input.delimiter ?? null,
  });
  let mapping = analysis.mapping;
  if (input.mapping) {
    const fields = await withTenant(db, ctx.actor.orgId, (tx) => importEntity(input.entity).fields(tx, ctx));
    mapping = mappingFromHeaders(
      analysis.headers,
      Object.entries(input.mapping).map(([header, field]) => ({ header, field })),
      fields,
    ).mapping;
  }
  await startImport(ctx, files, id, {
    mode: input.mode,
    key: input.key ?? null,
    mapping,
    tags: input.tags,
    enqueue: false,
  });
  hooks.onStart?.(id, analysis.total);
  await runImport(db, files, ctx.actor.orgId, id, hooks);
  return importSummary(db, ctx.actor.orgId, id);
}

/** Continues an import that stopped (a crash, a kill): from the row after its last committed batch. */
export async function resumeFromCli(db: Db, files: ImportFiles, id: string, hooks: RunHooks = {}) {
  const orgId = await withSystem(db, (tx) => repo.importOrg(tx, id));
  if (!orgId) throw new Error(`No import ${id}.`);
  await runImport(db, files, orgId, id, hooks);
  return importSummary(db, orgId, id);
}

async function importSummary(db: Db, orgId: string, id: string) {
  const imp = await withTenant(db, orgId, (tx) => repo.findImport(tx, orgId, id, null));
  return summary(imp!, new Date());
}
