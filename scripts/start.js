#!/usr/bin/env node
// npm start: builds when the sources are newer than the build, then runs the api with the
// worker in one process. With no DATABASE_URL / REDIS_URL that is the embedded trial set-up.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const entry = join(root, 'dist/apps/api/src/main.js');
const webEntry = join(root, 'dist/web/index.html');
// apps/ includes apps/web: its .tsx, styles and index.html rebuild the web app too.
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.css', '.html'];

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (SOURCE_EXTENSIONS.some((ext) => item.name.endsWith(ext))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () => {
  if (!existsSync(entry) || !existsSync(webEntry)) return true;
  const built = Math.min(statSync(entry).mtimeMs, statSync(webEntry).mtimeMs);
  return ['apps', 'libs', 'migrations'].some((dir) => newestSource(join(root, dir)) > built);
};

if (sourcesChanged()) {
  process.stdout.write('Building Tsunagu (first start or changed sources)...\n');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.argv.push('--with-worker');
require(entry);
