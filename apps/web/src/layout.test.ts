import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layout of apps/web/src (README "Web application"): a screen lives in its domain's folder
// under features/, a role's home in homes/ composes them, shared widgets sit in ui/.
const SRC = dirname(fileURLToPath(import.meta.url));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files a source file imports by relative path, resolved (without extension). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((match) => resolve(dirname(file), match[1]));
}

const inside = (folder: string) => (path: string) => !relative(join(SRC, folder), path).startsWith('..');
const sources = (folder: string) => filesUnder(join(SRC, folder)).filter((file) => /\.tsx?$/.test(file));
const named = (files: string[]) => files.map((file) => relative(SRC, file));

describe('the layout of apps/web/src', () => {
  it('puts no code directly under the old screens/ folder: a screen goes to its domain in features/', () => {
    const screens = join(SRC, 'screens');
    const loose = existsSync(screens) ? readdirSync(screens).filter((name) => /\.tsx?$/.test(name)) : [];
    expect(loose).toEqual([]);
  });

  it('keeps every file of features/ in a domain folder', () => {
    const loose = readdirSync(join(SRC, 'features'), { withFileTypes: true }).filter((entry) => !entry.isDirectory());
    expect(loose.map((entry) => entry.name)).toEqual([]);
  });

  it('lets homes compose features, never the reverse', () => {
    const wrong = sources('features').filter((file) => relativeImports(file).some(inside('homes')));
    expect(named(wrong)).toEqual([]);
  });

  it('keeps ui/ below the domains: it imports neither features/ nor homes/', () => {
    const wrong = sources('ui').filter((file) => relativeImports(file).some((path) => inside('features')(path) || inside('homes')(path)));
    expect(named(wrong)).toEqual([]);
  });
});
