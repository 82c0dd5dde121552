// `npm start`: builds the web UI when its sources are newer than web/dist, then
// runs the server (TypeScript through tsx) with this process's env and stdio.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');
const sources = [
  path.join(web, 'src'),
  path.join(web, 'public'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
];

/** Newest modification time (ms) of a file or of any file below a directory; 0 if absent. */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function webBuildIsStale() {
  let built;
  try {
    built = fs.statSync(builtIndex).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((source) => newestMtime(source) > built);
}

let child;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** Runs a command with inherited stdio; resolves with its exit code (128+n when killed by a signal). */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    child = spawn(command, args, { stdio: 'inherit', env: process.env, ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      child = undefined;
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : 15));
    });
  });
}

if (webBuildIsStale()) {
  console.log('guanxi: web/dist is missing or older than web/src, building the web UI…');
  // --no: never fetch vite from the registry; it is a dev dependency of this package.
  const code = await run('npx', ['--no', 'vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    shell: process.platform === 'win32',
  });
  if (code !== 0) {
    console.error(`guanxi: the web build failed (exit ${code}); run \`npm install\` if vite is missing.`);
    process.exit(code || 1);
  }
}

// tsx resolved from this package, so starting from another directory works too.
const code = await run(process.execPath, [
  '--import',
  import.meta.resolve('tsx'),
  path.join(root, 'server', 'src', 'main.ts'),
]);
process.exit(code);
