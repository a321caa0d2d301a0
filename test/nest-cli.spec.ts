import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Project {
  type: 'application' | 'library';
  root: string;
  entryFile: string;
  sourceRoot: string;
}

/** nest-cli.json describes the monorepo as it is: every library, and entry points that exist. */
describe('nest-cli.json', () => {
  const projects: Record<string, Project> = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')).projects;

  it('lists every library under libs/', () => {
    const libraries = Object.values(projects).filter((p) => p.type === 'library').map((p) => p.root).sort();
    expect(libraries).toEqual(readdirSync(join(ROOT, 'libs')).map((name) => `libs/${name}`).sort());
  });

  it('names entry files that exist, for the api, the worker and every cli command', () => {
    for (const [name, project] of Object.entries(projects)) {
      expect([name, existsSync(join(ROOT, project.sourceRoot, `${project.entryFile}.ts`))]).toEqual([name, true]);
    }
    const commands = readdirSync(join(ROOT, 'apps/cli/src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && /\brunCli\(/.test(readFileSync(join(ROOT, 'apps/cli/src', f), 'utf8')) && !f.startsWith('cli-database'));
    const listed = Object.values(projects).filter((p) => p.root === 'apps/cli').map((p) => `${p.entryFile}.ts`);
    expect(listed.sort()).toEqual(commands.sort());
    expect(Object.values(projects).filter((p) => p.type === 'application' && p.root !== 'apps/cli').map((p) => p.root).sort()).toEqual(['apps/api', 'apps/worker']);
  });
});
