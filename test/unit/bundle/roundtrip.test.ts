import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openBundle,
  PreviewDisposedError,
  previewBundle,
  previewView,
  verifyBundle,
  writeBundle,
} from '../../../main/bundle';
import { ManifestSchema, ReportSchema } from '../../../shared/report';
import { KEY_PEM, sources, unzipAll } from './bundle-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'bt-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundle: preview, write, verify, open', () => {
  it('writes exactly the previewed bytes, manifest first, each member hashed in the manifest', async () => {
    const preview = await previewBundle(sources(), { workDir: dir });
    try {
      expect(preview.members.map((m) => m.path)).toEqual([
        'manifest.json',
        'report.json',
        'network.har',
        'screenshots/merchant-1.png',
        'screenshots/simulation-1-cashier.png',
        'logs/main.log',
        'logs/renderer.log',
      ]);
      const written = await writeBundle(preview, join(dir, 'a.zip'));
      const members = await unzipAll(written.path);
      expect([...members.keys()]).toEqual(preview.members.map((m) => m.path));
      for (const m of preview.members)
        expect(members.get(m.path)!.equals(await preview.read(m.path))).toBe(true);
      const manifest = ManifestSchema.parse(JSON.parse(members.get('manifest.json')!.toString('utf8')));
      expect(manifest.files.map((f) => f.path)).toEqual(preview.members.slice(1).map((m) => m.path));
      expect(manifest.files.find((f) => f.path === 'network.har')?.media_type).toBe('application/json');
      expect(manifest.redaction.rules).toMatchObject({
        'mobile-cn': 2,
        authorization: 1,
        'image-metadata': 3,
      });
      expect(Object.keys(manifest.redaction.rules)).toContain('bank-card');

      const verified = await verifyBundle(written.path);
      expect(verified.problems).toEqual([]);
      expect(verified.ok).toBe(true);
      expect(verified.report?.bytes.equals(members.get('report.json')!)).toBe(true);
    } finally {
      await preview.dispose();
    }
  });

  it('opens a bundle for support staff: report, checks, waterfall, pictures, logs', async () => {
    const written = await writeBundle(sources(), join(dir, 'b.zip'), { workDir: dir });
    const opened = await openBundle(written.path);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    const { bundle } = opened;
    expect(ReportSchema.parse(bundle.report).report_id).toBe(written.manifest.report_id);
    expect(bundle.report.symptom.description).toBe('顾客 REDACTED-MOBILE-1 反映支付失败');
    // The merchant gave this phone on purpose: it is sent.
    expect(bundle.report.contact).toEqual({ name: '王老板', phone: '13700137000' });
    expect(bundle.checks.map((c) => c.id)).toEqual(['key.sign-roundtrip']);
    expect(bundle.waterfall.available).toBe(true);
    expect(bundle.waterfall.rows).toHaveLength(2);
    expect(bundle.waterfall.rows[0]).toMatchObject({
      method: 'GET',
      status: 200,
      url: 'https://gw.example/health',
    });
    expect(bundle.screenshots.map((s) => s.path)).toEqual([
      'screenshots/merchant-1.png',
      'screenshots/simulation-1-cashier.png',
    ]);
    expect(Buffer.from(bundle.screenshots[0]!.base64, 'base64').toString('latin1')).not.toContain('Author');
    expect(bundle.logs[0]).toEqual({
      path: 'logs/main.log',
      text: 'boot\nAuthorization: Bearer REDACTED-AUTHORIZATION-1\ncall REDACTED-MOBILE-1\n',
      truncated: false,
    });
  });

  it('is deterministic: one preview written twice gives the same zip', async () => {
    const preview = await previewBundle(sources(), { workDir: dir });
    const one = await writeBundle(preview, join(dir, 'c1.zip'));
    const two = await writeBundle(preview, join(dir, 'c2.zip'));
    await preview.dispose();
    expect(one.sha256).toBe(two.sha256);
    await expect(writeBundle(preview, join(dir, 'c3.zip'))).rejects.toThrow(PreviewDisposedError);
  });

  it('leaves out the sections the merchant unticked, and says so', async () => {
    const preview = await previewBundle(sources(), {
      workDir: dir,
      exclude: ['har', 'screenshots', 'logs', 'contact', 'simulation', 'checks', 'timings'],
    });
    const view = await previewView(preview);
    await preview.dispose();
    expect(preview.members.map((m) => m.path)).toEqual(['manifest.json', 'report.json']);
    const report = JSON.parse(view.sections[0]!.parts.find((p) => p.path === 'report.json')!.text!);
    expect(report).toMatchObject({ checks: [], simulation: null, timings: {}, contact: null });
    expect(report.symptom.screenshots).toEqual([]);
    expect(report.withheld).toEqual([
      'checks',
      'simulation',
      'timings',
      'har',
      'screenshots',
      'logs',
      'contact',
    ]);
    expect(view.manifest.withheld).toEqual(report.withheld);
    expect(view.sections.filter((s) => s.included).map((s) => s.section)).toEqual(['report']);
    await expect(previewBundle(sources(), { exclude: ['report'] })).rejects.toThrow(/always sent/);
  });

  it('shows the preview section by section, with the exact text and per-section redaction counts', async () => {
    const preview = await previewBundle(sources(), { workDir: dir, exclude: ['simulation'] });
    const view = await previewView(preview, { maxTextBytes: 64 });
    await preview.dispose();
    const logs = view.sections.find((s) => s.section === 'logs')!;
    expect(logs.parts.map((p) => [p.path, p.truncated])).toEqual([
      ['logs/main.log', true],
      ['logs/renderer.log', false],
    ]);
    expect(logs.parts[0]!.text).toBe('boot\nAuthorization: Bearer REDACTED-AUTHORIZATION-1\ncall REDACTE');
    expect(logs.redactions).toEqual({ authorization: 1, 'mobile-cn': 1 });
    const shots = view.sections.find((s) => s.section === 'screenshots')!;
    expect(shots.parts[0]!.base64).toMatch(/^iVBORw0KGgo/);
    expect(shots.redactions).toEqual({ 'image-metadata': 3 });
    expect(view.sections.find((s) => s.section === 'contact')!.reportFragment).toContain('13700137000');
    const simulation = view.sections.find((s) => s.section === 'simulation')!;
    expect([simulation.included, simulation.reportFragment]).toEqual([false, null]);
  });

  it('never leaves a half-written bundle under the real name', async () => {
    const preview = await previewBundle(sources(), { workDir: dir });
    const har = preview.members.find((m) => m.path === 'network.har')!;
    // A deflated member is staged only deflated; the writer copies that form, and it is gone.
    expect(har.file).toBeNull();
    rmSync(har.deflated!.file);
    const target = join(dir, 'broken.zip');
    await expect(writeBundle(preview, target)).rejects.toThrow();
    await preview.dispose();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([]);
    await expect(
      writeBundle(sources(), join(dir, 'no-such-dir', 'x.zip'), { workDir: dir }),
    ).rejects.toThrow();
  });

  it('holds no trace of the merchant key, even when it is planted in every input', async () => {
    const s = sources();
    s.report.environment.pasted_key = KEY_PEM;
    s.report.symptom.description += ` ${KEY_PEM.split('\n')[3]}`;
    s.logs = [{ name: 'main', text: `loaded key ${KEY_PEM}` }];
    const written = await writeBundle(s, join(dir, 'key.zip'), { workDir: dir });
    const bodyLines = KEY_PEM.split('\n').filter((l) => l.length >= 40);
    for (const [path, bytes] of await unzipAll(written.path)) {
      const textForm = bytes.toString('utf8');
      for (const line of bodyLines) expect(textForm.includes(line), `${path} holds a key line`).toBe(false);
      expect(textForm).not.toContain('PRIVATE KEY-----');
    }
  });
});
