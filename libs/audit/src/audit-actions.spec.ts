import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AUDIT_ACTION_LABELS, AuditAction } from './audit-actions';

// AuditEntry.action is an AuditAction, so a free string does not compile where an event is
// written. What the type can't see: SQL over audit_events, comparisons on a stored action (a
// string), and a code spelled out where some other string is expected. These tests read the
// sources for those, so every action is named from the catalogue and a rename is a compile error.
const ROOT = join(__dirname, '..', '..', '..');

/** Files that spell catalogue codes for something else, each with the reason. */
const ALLOWED: Record<string, string> = {
  'libs/audit/src/audit-actions.ts': 'the catalogue itself',
  'libs/access/src/permissions.ts': 'permissions share some names with actions (case.read, placement.approve …)',
  'libs/queue/src/jobs.ts': 'job names share some names with actions (line.greet, line.loading, line.mark-read)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(spec|test|e2e-spec)\.tsx?$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

interface Line {
  at: string;
  text: string;
}

/** The code that writes events: libs and every app but the web app, which only shows them (by AUDIT_ACTION_LABELS). */
function lines(): Line[] {
  return [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]
    .filter((file) => !relative(ROOT, file).startsWith('apps/web/') && !(relative(ROOT, file) in ALLOWED))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ at: `${relative(ROOT, file)}:${i + 1}`, text })),
    );
}

const CODES = new Set<string>(Object.values(AuditAction));
const QUOTED = /['"`]([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)['"`]/g;
/** An action given, compared or filtered (TypeScript or SQL) as a literal code, or matched by its prefix. */
const LITERAL_ACTION = /\baction\s*(?::|[!=]==?|=|\bIN\s*\(|\bLIKE\b)\s*['"`][a-z0-9.%_-]*['"`]|\baction\.(?:startsWith|endsWith|includes)\(/i;

describe('audit actions', () => {
  const source = lines();

  it('are never written, compared or filtered as a string literal: code names them from AuditAction', () => {
    const offenders = source.filter(({ text }) => LITERAL_ACTION.test(text)).map(({ at, text }) => `${at}: ${text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('are never spelled out as a quoted code, e.g. as the action argument of a helper', () => {
    const offenders = source.flatMap(({ at, text }) =>
      [...text.matchAll(QUOTED)].filter(([, code]) => CODES.has(code)).map(([quoted]) => `${at}: ${quoted}`),
    );
    expect(offenders).toEqual([]);
  });

  it('list no file that no longer spells a catalogue code', () => {
    const stale = Object.keys(ALLOWED).filter((name) => ![...readFileSync(join(ROOT, name), 'utf8').matchAll(QUOTED)].some(([, code]) => CODES.has(code)));
    expect(stale).toEqual([]);
  });

  it('are codes the audit log query accepts, each once', () => {
    const codes = Object.values(AuditAction);
    // The same pattern as AuditQueryDto.action: an action that doesn't match could never be searched for.
    expect(codes.filter((code) => !/^[a-z0-9.-]{1,64}$/.test(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('each have a Japanese label of their own, so the filter on the audit log screen tells them apart', () => {
    const labels = Object.values(AuditAction).map((code) => AUDIT_ACTION_LABELS[code]);
    expect(labels.filter((label) => ![...(label ?? '')].some((ch) => ch.charCodeAt(0) > 0x7f))).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual(Object.values(AuditAction).sort());
  });
});
