import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';
import { launchBrowser } from './support/browser';
import { type LocalRuntime, startLocalRuntime } from './support/local-runtime';

/**
 * The web console in a real headless Chromium, against `npm start` running the synthesized stack: the page
 * loads with no console error, draws the dashboard's charts from real traffic, shows the brute-force alarm
 * going to ALARM, runs a saved query and tails new records live. Every wait is for a state on the page.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-web-'));
/** Git-ignored; the screenshots are there to look at after a run (and after a failure). */
const screenshots = path.join(projectRoot, 'test-results', 'web-console');
/** Long enough for a loaded 2-core machine; every wait ends as soon as its state is reached. */
const StateTimeoutMs = 45_000;
// A test waits for up to three page states in turn, each up to StateTimeoutMs.
jest.setTimeout(3 * StateTimeoutMs);

let runtime: LocalRuntime;
let browser: Browser;
let page: Page;
let email: string;
let password: string;
const problems: string[] = [];
const foreignRequests: string[] = [];

const login = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${runtime.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Waits for a state of the page: `fn` runs in the page until it returns something truthy. */
const waitFor = (fn: (arg: string) => unknown, arg = '') =>
  page.waitForFunction(fn, { timeout: StateTimeoutMs, polling: 100 }, arg);

const screenshot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });

const openTab = async (label: string) => {
  await page.evaluate((text) => {
    const tab = [...document.querySelectorAll<HTMLElement>('[role=tab]')].find((t) => t.textContent === text);
    tab?.click();
  }, label);
  await waitFor(
    (text) =>
      [...document.querySelectorAll('[role=tab][aria-selected=true]')].some((t) => t.textContent === text),
    label,
  );
};

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  runtime = await startLocalRuntime(path.join(workDir, 'home'), await sharedCdkOut(), false);
  email = /email: (\S+)/.exec(runtime.output())![1];
  password = /password: (\S+)/.exec(runtime.output())![1];
  browser = await launchBrowser(path.join(workDir, 'profile'));
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const origin = new URL(runtime.url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error ${(error as Error).message}`));
  page.on('requestfailed', (request) => problems.push(`request failed ${request.url()}`));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) foreignRequests.push(request.url());
  });
  await page.goto(`${runtime.url}/_local/`);
  await page.waitForSelector('body[data-ready=true]', { timeout: StateTimeoutMs });
  // the run's shared synthesis, the runtime and Chromium starting on a possibly loaded machine
}, sharedSynthTimeoutMs + 120_000);

afterAll(async () => {
  await browser?.close();
  const code = await runtime?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

afterEach(async () => {
  // What the page looked like when a test ended, failed ones included.
  const name =
    expect
      .getState()
      .currentTestName?.replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase() ?? 'test';
  await screenshot(name).catch(() => undefined);
});

describe('the local web console', () => {
  it('is linked from the banner and serves a small, self-contained page', async () => {
    expect(runtime.output()).toContain(`console:  ${runtime.url}/_local/`);
    expect(await page.title()).toMatch(/local console/);
    const response = await fetch(`${runtime.url}/_local/console/console.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    // fetch decompresses the body; content-length is what went over the wire.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(Number(response.headers.get('content-length'))).toBeLessThan(200 * 1024);
    expect(await response.text()).toContain('uplot');
    const html = await fetch(`${runtime.url}/_local/`);
    expect(html.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    // A page of another site (DNS rebinding) must not read the console's answers.
    // (fetch never sends a Host header of its own choosing; node:http does.)
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get(`${runtime.url}/_local/console/api/config`, { headers: { host: 'evil.test' } }, (answer) => {
          answer.resume();
          resolve(answer.statusCode);
        })
        .on('error', reject),
    );
    expect(rebound).toBe(403);
  });

  it('lays out the stack dashboard: every widget a labelled figure on the 24-column grid', async () => {
    const config = (await (await fetch(`${runtime.url}/_local/console/api/config`)).json()) as {
      dashboards: { widgets: { title: string; type: string }[] }[];
    };
    const widgets = config.dashboards[0].widgets;
    expect(widgets.map((widget) => widget.type)).toEqual(expect.arrayContaining(['alarm', 'metric', 'log']));
    const figures = await page.$$eval('figure.widget', (all) =>
      all.map((figure) => ({
        label: document.getElementById(figure.getAttribute('aria-labelledby') ?? '')?.textContent,
        column: getComputedStyle(figure).gridColumnStart,
      })),
    );
    expect(figures.map((figure) => figure.label)).toEqual(widgets.map((widget) => widget.title));
    expect(new Set(figures.map((figure) => figure.column)).size).toBeGreaterThan(1);
  });

  it('draws the metric widgets from the records of real requests', async () => {
    for (let i = 0; i < 3; i++) expect((await login({ email, password })).status).toBe(200);
    expect((await login({ email, password: 'not-it' })).status).toBe(401);
    expect((await fetch(`${runtime.url}/health/logs`)).status).toBe(200);
    const title = 'Login outcomes';
    await waitFor((caption) => {
      const figure = [...document.querySelectorAll('figure.widget')].find(
        (f) => f.querySelector('figcaption')?.textContent === caption,
      );
      return Number(figure?.querySelector<HTMLElement>('.widget-body')?.dataset.points ?? 0) >= 2;
    }, title);
    // The canvas really has the series' color on it, not only numbers in a table.
    const painted = await page.evaluate((caption) => {
      const figure = [...document.querySelectorAll('figure.widget')].find(
        (f) => f.querySelector('figcaption')?.textContent === caption,
      )!;
      const canvas = figure.querySelector('canvas')!;
      const color = figure.querySelector<HTMLElement>('.swatch')!.dataset.color!;
      const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(color.slice(at, at + 2), 16));
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let matching = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 60)
          matching++;
      return matching;
    }, title);
    expect(painted).toBeGreaterThan(5);
    const drawn = await page.$$eval('figure.widget-metric .widget-body', (bodies) =>
      bodies.map((body) => Number((body as HTMLElement).dataset.points ?? 0)),
    );
    expect(drawn.filter((points) => points > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('turns the brute-force alarm to ALARM on the page after a burst of failed logins', async () => {
    const bruteForce = '[data-alarm*=BruteForce]';
    expect(await page.$eval(`.alarm-list ${bruteForce}`, (li) => li.getAttribute('data-state'))).toBe('OK');
    for (let index = 0; index < 20; index += 4) {
      const batch = Array.from({ length: 4 }, () => login({ email, password: 'guess' }));
      expect((await Promise.all(batch)).map((response) => response.status)).toEqual([401, 401, 401, 401]);
    }
    await waitFor(
      (selector) => document.querySelector(selector)?.textContent?.includes('ALARM'),
      `.alarm-list ${bruteForce}`,
    );
    await screenshot('dashboard-after-burst');

    // Keyboard: arrow keys move between the tabs.
    await page.focus('#tab-dashboard');
    await page.keyboard.press('ArrowRight');
    await waitFor(() => !document.getElementById('panel-alarms')?.hidden);
    const card = `article.alarm${bruteForce}`;
    await waitFor(
      (selector) => document.querySelector(selector)?.getAttribute('data-state') === 'ALARM',
      card,
    );
    const shown = await page.$eval(card, (article) => ({
      heading: article.querySelector('h3')?.textContent,
      values: [...article.querySelectorAll('tbody tr td:first-of-type')].map((cell) => cell.textContent),
      history: [...article.querySelectorAll('.history li')].map((item) => item.textContent),
    }));
    expect(shown.heading).toMatch(/ALARM/);
    expect(shown.values.some((value) => Number(value) >= 10)).toBe(true);
    expect(shown.history[0]).toMatch(/OK → .*ALARM/);
  });

  it("runs the log widget's Insights query on the local log store", async () => {
    await openTab('Dashboard');
    // A malformed login: validation_failed at WARN (a client mistake; health stays healthy, nothing fails).
    expect((await login({ email })).status).toBe(400);
    await waitFor(
      () => Number(document.querySelector<HTMLElement>('figure.widget-log .widget-body')?.dataset.rows) >= 1,
    );
    const cells = await page.$$eval('figure.widget-log td', (all) => all.map((cell) => cell.textContent));
    expect(cells).toEqual(expect.arrayContaining(['error', 'validation_failed']));
  });

  it('runs saved queries: a table of failed logins, and a chart for stats by bin()', async () => {
    await openTab('Query');
    const run = async (name: string) => {
      await page.evaluate((wanted) => {
        const select = document.querySelector<HTMLSelectElement>('.query-form select')!;
        // saved query names carry the folder and the stack name: `Cream/<stack>/<name>`
        select.value = [...select.options].find((option) => option.text.endsWith(`/${wanted}`))!.value;
        select.dispatchEvent(new Event('change'));
      }, name);
      await page.click('.query-form button[type=submit]');
      await waitFor(() => document.querySelector<HTMLElement>('.results-area')?.dataset.state === 'done');
    };
    await run('Failed logins by source IP');
    const table = await page.$$eval('.results-area table tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    const [header, first] = table;
    expect(header).toEqual(expect.arrayContaining(['source_ip', 'failures']));
    expect(first[header.indexOf('source_ip')]).toBe('127.0.0.1');
    expect(Number(first[header.indexOf('failures')])).toBeGreaterThanOrEqual(20);

    await run('Cold starts');
    await waitFor(
      () => Number(document.querySelector<HTMLElement>('.query-chart .widget-body')?.dataset.points) >= 1,
    );
  });

  it('tails new records live and shows one request across functions and the access log', async () => {
    await openTab('Live tail');
    const hostile = '<img src=x onerror=window.__injected=1>';
    const response = await login({ email, password: 'tail-check' }, { 'user-agent': hostile });
    const requestId = response.headers.get('apigw-requestid')!;
    const button = `button.correlation[data-correlation-id="${requestId}"]`;
    await waitFor((selector) => document.querySelector(selector) !== null, button);
    await page.click(button);
    await waitFor(() => document.querySelectorAll('.request-records li').length > 0);
    const records = await page.$$eval('.request-records li', (items) =>
      items.map((item) => ({ source: item.getAttribute('data-source'), text: item.textContent })),
    );
    expect(new Set(records.map((record) => record.source)).size).toBeGreaterThanOrEqual(2);
    expect(records.some((record) => record.text?.includes('login_attempt'))).toBe(true);
    // What a client sent is shown as text, never run as markup.
    expect(records.some((record) => record.text?.includes(hostile))).toBe(true);
    expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();

    await page.type('input[type=search]', 'tail-check-nothing-matches');
    await waitFor(() => document.querySelectorAll('ol.tail:not(.request-records) > li').length === 0);
  });

  it('logged no console error and fetched nothing from another origin', () => {
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
