/**
 * The GitHub Actions workflow cannot run here, so it is checked two ways:
 * against GitHub's workflow schema (action-validator, SchemaStore's schema),
 * and for what it must do on each of the three systems.
 */
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const source = readFileSync('.github/workflows/ci.yml', 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}
interface Workflow {
  jobs: Record<
    string,
    { strategy: { matrix: { include: { os: string; installers: string }[] } }; steps: Step[] }
  >;
}

describe('.github/workflows/ci.yml', () => {
  it('is a valid GitHub workflow', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('the validator does reject a broken workflow', () => {
    const broken = source.replace('runs-on: ${{ matrix.os }}', 'runs-on: 42\n    bogus-key: true');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  const workflow = parse(source) as Workflow;
  const [job] = Object.values(workflow.jobs);
  const steps = job!.steps;
  const runs = (pattern: RegExp) => steps.filter((step) => step.run && pattern.test(step.run));

  it('runs on Linux, Windows and macOS', () => {
    expect(job!.strategy.matrix.include.map((entry) => entry.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
  });

  it('installs, lints, type-checks and runs the unit tests everywhere', () => {
    for (const command of [/^npm ci$/, /npm run lint/, /npm run typecheck/, /vitest run/]) {
      const [step] = runs(command);
      expect(step, String(command)).toBeDefined();
      expect(step!.if, String(command)).toBeUndefined();
    }
  });

  it('runs the browser tests on Linux, and the Electron tests on all three, under Xvfb on Linux', () => {
    expect(runs(/--project browser/).map((step) => step.if)).toEqual(["runner.os == 'Linux'"]);
    const electron = runs(/--project electron/);
    expect(electron.map((step) => [step.if, step.run!.startsWith('xvfb-run')])).toEqual([
      ["runner.os == 'Linux'", true],
      ["runner.os != 'Linux'", false],
    ]);
  });

  it('installs on Linux every Debian package .ci/run installs, so no test skips there for want of one', () => {
    const wanted = [...readFileSync('.ci/run', 'utf8').matchAll(/missing\+=\(([\w.+-]+)\)/g)].map(
      (match) => match[1]!,
    );
    expect(wanted).toContain('chromium');
    const [install] = runs(/apt-get install/);
    expect(install!.if).toBe("runner.os == 'Linux'");
    const installed = install!.run!.split(/\s+/);
    expect(wanted.filter((name) => !installed.includes(name))).toEqual([]);
  });

  it('builds NSIS, dmg, AppImage and deb without publishing, and keeps them as artifacts', () => {
    const [build] = runs(/electron-builder/);
    expect(build!.run).toContain('--publish never');
    const targets = job!.strategy.matrix.include.map((entry) => entry.installers).join(' ');
    for (const target of ['nsis', 'dmg', 'AppImage', 'deb']) expect(targets).toContain(target);
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toBeDefined();
  });
});
