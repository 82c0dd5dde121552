import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourney, type Journey } from './harness.ts';

// A fair's business cards to a won deal, in headless Chromium against the real server: the vCards
// of the Canton Fair through the import wizard, each lead assigned round-robin to one of two reps
// with a first-contact deadline; one lead qualified (MAN) and converted into customer + contact +
// opportunity; the opportunity dragged to won on the kanban board; the funnel chart's figures change.

const ADMIN = {
  org: '宁波海天家电进出口有限公司',
  email: 'chen.jing@haitian.example.cn',
  password: 'Haitian2026',
};
const FAIR = '第139届广交会';
const REPS = [
  { name: '吴刚', email: 'wu.gang@haitian.example.cn' },
  { name: '郑丽娟', email: 'zheng.lijuan@haitian.example.cn' },
];
const CARDS = [
  {
    name: 'Maria Lopez',
    company: 'Hogar y Casa S.A.',
    email: 'maria@hogarycasa.example.es',
    tel: '+34 612 345 678',
  },
  {
    name: 'John Carter',
    company: 'Lakeside Imports LLC',
    email: 'john@lakeside.example.com',
    tel: '+1 415 555 0101',
  },
  {
    name: 'Anna Schmidt',
    company: 'Rhein Import GmbH',
    email: 'anna@rhein.example.de',
    tel: '+49 30 1234567',
  },
];
// As a phone's address book exports them: vCard 3.0, CRLF, several cards in one file.
const VCF = CARDS.map((c) =>
  [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${c.name}`,
    `N:${c.name.split(' ')[1]};${c.name.split(' ')[0]};;;`,
    `ORG:${c.company}`,
    'TITLE:Purchasing Manager',
    `TEL;TYPE=WORK,VOICE:${c.tel}`,
    `EMAIL;TYPE=INTERNET:${c.email}`,
    'END:VCARD',
  ].join('\r\n'),
).join('\r\n');

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney({
    GUANXI_ADMIN_EMAIL: ADMIN.email,
    GUANXI_ADMIN_PASSWORD: ADMIN.password,
    GUANXI_ORG_NAME: ADMIN.org,
  });
});

afterAll(async () => {
  await journey?.stop();
});

describe('the lead journey', () => {
  it('imports a fair’s vCards, assigns them, qualifies and converts one, wins it on the board, and the funnel shows it', async () => {
    const { page, step, baseUrl } = journey;
    /** JSON API call with the session's CSRF token, from the page. */
    const api = (method: string, url: string, body?: unknown) =>
      page.evaluate(
        async ({ method, url, body }) => {
          const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
          const res = await fetch(url, {
            method,
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, json: (await res.json().catch(() => null)) as unknown };
        },
        { method, url, body },
      );
    const funnelCell = (stage: string, col: string) =>
      page.getByTestId('funnel-table').locator(`tr[data-stage-key="${stage}"] td[data-col="${col}"]`);

    await step('sign-in-and-rules', async () => {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-email').fill(ADMIN.email);
      await page.getByTestId('login-password').fill(ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${baseUrl}/`);
      // Two fair reps, and a round-robin rule for trade-fair leads between them.
      const ids: string[] = [];
      for (const rep of REPS) {
        const res = await api('POST', '/api/v1/users', {
          name: rep.name,
          email: rep.email,
          password: 'Passw0rd-2026',
          role: 'sales',
        });
        expect(res.status, JSON.stringify(res.json)).toBe(201);
        ids.push((res.json as { id: string }).id);
      }
      const rule = await api('POST', '/api/v1/lead-rules', {
        name: '展会线索轮流分配',
        kind: 'roundRobin',
        match: { channels: ['tradeFair'] },
        assigneeIds: ids,
      });
      expect(rule.status, JSON.stringify(rule.json)).toBe(201);
    });

    /** The analytics group opens to show its pages. */
    const openFunnel = async () => {
      if (!(await page.getByTestId('menu-analytics-funnel').isVisible()))
        await page.getByTestId('menu-analytics').click();
      await page.getByTestId('menu-analytics-funnel').click();
    };

    await step('funnel-before', async () => {
      await openFunnel();
      await page.waitForURL(/\/analytics\/funnel$/);
      await page.getByTestId('funnel-table').waitFor();
      await expect.poll(() => funnelCell('proposal', 'reached').textContent()).toBe('0');
    });

    await step('import-vcards', async () => {
      await page.getByTestId('menu-leads').click();
      await page.waitForURL(/\/leads/);
      await page.getByTestId('import-leads').click();
      await page.waitForURL(/\/imports\/new\?entity=leads/);
      await page
        .getByTestId('import-dragger')
        .locator('input[type=file]')
        .setInputFiles({ name: '广交会名片.vcf', mimeType: 'text/vcard', buffer: Buffer.from(VCF) });
      await expect.poll(() => page.getByTestId('import-raw-table').textContent()).toContain(CARDS[0]!.name);
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-mapping-table').waitFor();
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-preview-table').locator('tr.ant-table-row').first().waitFor();
      await page.getByTestId('import-next').click();
      // The fair's name goes on every card (channel: trade fair).
      await page.getByTestId('import-lead-campaign').fill(FAIR);
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
      expect((await page.getByTestId('import-count-created').textContent())?.trim()).toBe('3');
      expect((await page.getByTestId('import-count-failed').textContent())?.trim()).toBe('0');
    });

    let leadId = '';
    await step('assigned', async () => {
      await page.getByTestId('import-open-list').click();
      await page.waitForURL(/\/leads/);
      const owners: string[] = [];
      for (const card of CARDS) {
        const row = page.locator('tr.ant-table-row', { hasText: card.name });
        await row.waitFor();
        const text = (await row.textContent()) ?? '';
        const owner = REPS.find((r) => text.includes(r.name));
        expect(owner, text).toBeDefined();
        owners.push(owner!.name);
      }
      // Round-robin: both reps got cards, two and one.
      expect(new Set(owners).size).toBe(2);
      // Each has a first-contact deadline and the fair as campaign.
      const list = await api('GET', `/api/v1/leads?campaign=${encodeURIComponent(FAIR)}`);
      const items = (
        list.json as { items: { firstContactDueAt: string | null; channel: string; country: string }[] }
      ).items;
      expect(items).toHaveLength(3);
      // The cards name no country; their phones do (+34, +1, +49).
      expect(items.map((l) => l.country).sort()).toEqual(['DE', 'ES', 'US']);
      for (const l of items) {
        expect(l.channel).toBe('tradeFair');
        expect(l.firstContactDueAt).not.toBeNull();
      }
      const row = page.locator('tr.ant-table-row', { hasText: CARDS[0]!.name });
      const link = row.locator('[data-testid^="lead-"]').first();
      leadId = ((await link.getAttribute('data-testid')) ?? '').replace('lead-', '');
      await link.click();
      await page.waitForURL(new RegExp(`/leads/${leadId}$`));
    });

    await step('qualify', async () => {
      const panel = page.getByTestId('man-panel');
      await panel.waitFor();
      // Money, authority and need: yes, yes, yes.
      for (const k of ['money', 'authority', 'need'])
        await page.getByTestId(`man-${k}`).locator('label', { hasText: '有' }).first().click();
      await page.getByTestId('man-save').click();
      await expect.poll(() => page.getByTestId('lead-status').textContent()).toContain('已评估');
      // M A N: propose now.
      await expect.poll(() => page.getByTestId('man-next-action').textContent()).toContain('立即报价');
    });

    await step('convert', async () => {
      await page.getByTestId('lead-convert').click();
      const form = page.getByTestId('convert-form');
      await form.waitFor();
      await form.getByLabel('商机名称').fill('Hogar y Casa 首单');
      await form.getByLabel('金额').fill('48000');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('lead-converted').waitFor();
      await page.getByTestId('lead-converted').getByRole('link').last().click();
      await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByTestId('opportunity-title').textContent())
        .toContain('Hogar y Casa 首单');
    });

    await step('drag-to-won', async () => {
      const oppId = page.url().split('/').pop()!;
      // A full-HD screen shows the six columns side by side (narrower ones scroll the board).
      await page.setViewportSize({ width: 1920, height: 1000 });
      await page.getByTestId('menu-opportunities').click();
      await page.waitForURL(/\/opportunities$/);
      const card = page.getByTestId(`opportunity-card-${oppId}`);
      await card.waitFor();
      const won = page.getByTestId('stage-column-won');
      expect((await won.getByTestId('stage-count').textContent())?.trim()).toBe('0');
      // A person's drag: press on the card, move across in steps, release over the column.
      const from = (await card.boundingBox())!;
      await page.mouse.move(from.x + 12, from.y + from.height - 10);
      await page.mouse.down();
      const box = (await won.boundingBox())!;
      await page.mouse.move(box.x + 40, box.y + 120, { steps: 12 });
      await page.mouse.up();
      await won.getByTestId(`opportunity-card-${oppId}`).waitFor();
      await expect.poll(async () => (await won.getByTestId('stage-count').textContent())?.trim()).toBe('1');
      // The server agrees: won, with its stage history.
      const opp = await api('GET', `/api/v1/opportunities/${oppId}`);
      expect((opp.json as { status: string }).status).toBe('won');
      const history = await api('GET', `/api/v1/opportunities/${oppId}/stages`);
      expect((history.json as { items: unknown[] }).items.length).toBe(2);
    });

    await step('funnel-after', async () => {
      await openFunnel();
      await page.waitForURL(/\/analytics\/funnel$/);
      // Won counts as having passed every open stage: the proposal stage now shows one.
      await expect.poll(() => funnelCell('proposal', 'reached').textContent()).toBe('1');
      await expect.poll(() => funnelCell('targetMarket', 'reached').textContent()).toBe('1');
      await expect.poll(() => page.getByTestId('win-rate').textContent()).toContain('100');
      await page.getByTestId('funnel-chart').locator('canvas').first().waitFor();
    });
  });
});
