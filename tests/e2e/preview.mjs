// `redbrief preview` in a real browser: Debian's Chromium, headless, driven
// by playwright-core. The page must list every creator; an edit saved to
// the spec on disk must reach the page with no reload by hand (the page's
// own event stream reloads it); a broken spec must show its errors, as
// text; fixing it must bring the briefs back.
//
//   node preview.mjs [--screenshots DIR]
//
// REDBRIEF names the binary (default: target/debug/redbrief), CHROMIUM the
// browser (default: /usr/bin/chromium). Screenshots go to a fresh temporary
// folder, printed at the end. Every wait is bounded; the server is stopped
// with Ctrl-C (SIGINT) and must exit 0.

import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const redbrief = resolve(repo, process.env.REDBRIEF || 'target/debug/redbrief');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const example = join(repo, 'examples', 'glow-serum-my.campaign');
const PATIENCE = 20_000;

const argv = process.argv.slice(2);
const shotsAt = argv.indexOf('--screenshots');
const shots = shotsAt >= 0 ? resolve(argv[shotsAt + 1]) : mkdtempSync(join(tmpdir(), 'redbrief-e2e-shots-'));
const work = mkdtempSync(join(tmpdir(), 'redbrief-e2e-'));
const profile = mkdtempSync(join(tmpdir(), 'redbrief-e2e-profile-'));
const spec = join(work, 'launch.campaign');
copyFileSync(example, spec);
const original = readFileSync(spec, 'utf8');

let passed = 0;
let failed = 0;
async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}\n     ${String(error && error.stack || error).replace(/\n/g, '\n     ')}`);
    throw error;
  }
}

// Saved as editors save: a new file renamed over the old one.
function save(text) {
  const temporary = join(work, '.launch.campaign.swp');
  writeFileSync(temporary, text);
  renameSync(temporary, spec);
}

// The creators, as redbrief itself reads them.
const exported = JSON.parse(execFileSync(redbrief, ['export', spec, '--to', 'json'], { encoding: 'utf8' }));
const creators = exported.campaign.creators.map((c) => ({ handle: c.handle, role: c.role }));
if (creators.length < 4) throw new Error(`expected the example's creators, got ${JSON.stringify(creators)}`);

// Start the preview and read the address it prints.
const server = spawn(redbrief, ['preview', 'launch.campaign', '--port', '0'], {
  cwd: work,
  env: { ...process.env, NO_COLOR: '1', REDBRIEF_LANG: 'en' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
server.stderr.on('data', (chunk) => { stderr += chunk; });
const exited = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));
const url = await new Promise((done, fail) => {
  let out = '';
  const timer = setTimeout(() => fail(new Error(`no address within ${PATIENCE} ms; stderr:\n${stderr}`)), PATIENCE);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const found = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) { clearTimeout(timer); done(found[0]); }
  });
  server.on('exit', (code) => fail(new Error(`preview exited with ${code}; stderr:\n${stderr}`)));
});
console.log(`preview at ${url}`);

const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 860 },
});
context.setDefaultTimeout(PATIENCE);
const page = context.pages()[0] || await context.newPage();
const dialogs = [];
page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });

const frameText = () => page.evaluate(() => {
  const frame = document.getElementById('brief');
  return frame && frame.contentDocument && frame.contentDocument.body ? frame.contentDocument.body.innerText : '';
});

try {
  await step('the page lists every creator, by role and language', async () => {
    await page.goto(url);
    await page.waitForFunction(() => {
      const frame = document.getElementById('brief');
      return frame?.contentDocument?.readyState === 'complete'
        && frame.contentDocument.body?.innerText.includes('Glow Serum MY Launch');
    });
    const nav = await page.locator('nav').textContent();
    for (const language of ['English', '中文']) {
      if (!nav.includes(language)) throw new Error(`no ${language} section in:\n${nav}`);
    }
    for (const { handle, role } of creators) {
      const links = page.locator(`nav a[data-page$="/${role}/${handle.slice(1)}.html"]`);
      const count = await links.count();
      if (count !== 2) throw new Error(`${handle} (${role}) is linked ${count} times, not once per language`);
    }
    const header = await page.locator('header').innerText();
    if (!header.includes('up to date')) throw new Error(`header: ${header}`);
    await page.screenshot({ path: join(shots, '1-overview.png') });
  });

  const koc = creators.find((c) => c.role === 'koc');
  await step(`a click opens ${koc.handle}'s brief in the frame`, async () => {
    await page.locator(`nav a[data-page="en/koc/${koc.handle.slice(1)}.html"]`).click();
    await page.waitForFunction((h) => {
      const frame = document.getElementById('brief');
      return frame?.contentWindow?.location.pathname.endsWith(`/koc/${h}.html`)
        && frame.contentDocument?.body?.innerText.includes('@' + h);
    }, koc.handle.slice(1));
    const current = await page.locator('nav a.current').innerText();
    if (current !== koc.handle) throw new Error(`the sidebar marks ${current}`);
    await page.screenshot({ path: join(shots, '2-brief.png') });
  });

  await step('an edit on disk reaches the page by itself', async () => {
    // Gone once the page has reloaded: proof it was not this script.
    await page.evaluate(() => { window.beforeTheEdit = true; });
    save(original.replace('Glow Serum MY Launch', 'Glow Serum MY Relaunch'));
    await page.waitForFunction(() => document.querySelector('header')?.innerText.includes('Relaunch'));
    // Still the brief that was open, now from the new spec.
    await page.waitForFunction((h) => {
      const frame = document.getElementById('brief');
      return frame?.contentWindow?.location.pathname.endsWith(`/koc/${h}.html`);
    }, koc.handle.slice(1));
    if (await page.evaluate(() => window.beforeTheEdit)) throw new Error('the page did not reload itself');
    await page.locator('nav a[data-page="en/overview.html"]').click();
    await page.waitForFunction(() => document.getElementById('brief')?.contentDocument?.body?.innerText.includes('Glow Serum MY Relaunch'));
    await page.screenshot({ path: join(shots, '3-edited.png') });
  });

  await step('a broken spec shows its errors, as text, over the last good briefs', async () => {
    const broken = original.replace('Glow Serum MY Launch', 'Glow Serum MY Relaunch')
      .replace('    followers  320k\n', '    folowers  320k\n    <script>alert(1)</script>\n');
    save(broken);
    const problem = page.locator('.problem');
    await problem.waitFor();
    const text = await problem.innerText();
    for (const wanted of ['has 2 errors', 'unknown field `folowers`', '<script>alert(1)</script>', 'last good version']) {
      if (!text.includes(wanted)) throw new Error(`the error panel lacks ${JSON.stringify(wanted)}:\n${text}`);
    }
    if (dialogs.length) throw new Error(`a script from the spec ran: ${dialogs}`);
    // The frame reloads to show the banner after the panel appears: wait
    // for it, as a reader would, rather than read the frame mid-reload.
    const waited = await page.waitForFunction(
      () => document.getElementById('brief')?.contentDocument?.body?.innerText.includes('Last good version'),
    ).then(() => null, (error) => error);
    if (waited) {
      const inFrame = await frameText();
      throw new Error(`the stale brief does not say so (${waited.message}):\n${inFrame.slice(0, 300)}`);
    }
    const findings = await page.locator('ul.findings li').count();
    if (findings !== 2) throw new Error(`${findings} findings in the sidebar`);
    await page.screenshot({ path: join(shots, '4-errors.png') });
  });

  await step('fixing the spec brings the briefs back', async () => {
    save(original);
    await page.waitForFunction(() => !document.querySelector('.problem')
      && document.querySelector('header')?.innerText.includes('up to date'));
    await page.waitForFunction(() => {
      const body = document.getElementById('brief')?.contentDocument?.body;
      return body && body.innerText.includes('Glow Serum MY Launch') && !body.innerText.includes('Last good version');
    });
    await page.screenshot({ path: join(shots, '5-fixed.png') });
  });

  await step('a narrow window still shows the sidebar and the brief', async () => {
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: join(shots, '6-narrow.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
  });
} catch {
  // Reported by step(); stop here and clean up.
} finally {
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}

await step('Ctrl-C stops the preview with exit 0', async () => {
  server.kill('SIGINT');
  const timer = new Promise((_, fail) => setTimeout(() => fail(new Error('no exit within the timeout')), PATIENCE));
  const { code, signal } = await Promise.race([exited, timer]);
  if (code !== 0) throw new Error(`exit ${code} (${signal}); stderr:\n${stderr}`);
  if (!stderr.trimEnd().endsWith('stopped')) throw new Error(`stderr:\n${stderr}`);
}).catch(() => { server.kill('SIGKILL'); });

rmSync(work, { recursive: true, force: true });
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
