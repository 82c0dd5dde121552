// npm run import -- --file customers.xlsx --entity customers [--mode create|upsert|skip-duplicates]
//   [--key code|creditCode|email|phone|name] [--user someone@company.cn] [--encoding gbk] [--delimiter ';']
//   [--mapping '{"公司":"name"}'] [--tags 广交会] — or --resume <import id> after a crash or kill.
// Runs the web's import in this process against DATA_DIR / DATABASE_URL, with a progress bar.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openAndMigrate } from '../bootstrap.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { importFiles, importFromCli, resumeFromCli } from '../modules/imports/index.ts';
import { progressBar } from './progress.ts';

const USAGE = `Usage: npm run import -- --file <path> --entity customers|contacts [--mode create|upsert|skip-duplicates]
       [--key code|creditCode|email|phone|name] [--user <email>] [--encoding utf-8|gbk|gb18030] [--delimiter ,|;|tab]
       [--mapping '{"header":"field"}'] [--tags a,b]
   or: npm run import -- --resume <import id>`;

async function main() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      entity: { type: 'string' },
      mode: { type: 'string', default: 'create' },
      key: { type: 'string' },
      user: { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      mapping: { type: 'string' },
      tags: { type: 'string' },
      resume: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.resume && (!values.file || !values.entity))) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  if (!['create', 'upsert', 'skip-duplicates'].includes(values.mode!)) {
    console.error(`--mode must be create, upsert or skip-duplicates.\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openAndMigrate(config).catch((e) => {
    if (e instanceof DataDirLockedError) {
      console.error(`${e.message}\nStop the server first, or import through the web UI.`);
      process.exit(1);
    }
    throw e;
  });
  const started = Date.now();
  const bar = progressBar('Import');
  const hooks = {
    onStart: (id: string) => console.error(`Import ${id}`),
    onBatch: (processed: number, total: number | null) => bar.update(processed, total ?? undefined),
  };
  try {
    const files = importFiles(config);
    const result = values.resume
      ? await resumeFromCli(database.db, files, values.resume, hooks)
      : await importFromCli(
          database.db,
          files,
          {
            file: values.file!,
            entity: values.entity!,
            mode: values.mode as 'create',
            key: values.key ?? null,
            user: values.user ?? null,
            encoding: values.encoding ?? null,
            delimiter: values.delimiter === 'tab' ? '\t' : (values.delimiter ?? null),
            mapping: values.mapping
              ? (JSON.parse(values.mapping) as Record<string, string | null>)
              : undefined,
            tags: values.tags?.split(',').map((t) => t.trim()),
          },
          hooks,
        );
    bar.done();
    const secs = (Date.now() - started) / 1000;
    const c = result.counts;
    console.log(
      `${result.status}: ${result.progress.processed} rows in ${secs.toFixed(1)} s ` +
        `(${Math.round(result.progress.processed / secs)} rows/s) — created ${c.created}, updated ${c.updated}, ` +
        `skipped ${c.skipped}, failed ${c.failed}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    if (result.error) console.log(`error: ${result.error}`);
    console.log(`import id: ${result.id}`);
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
