import type { Browser, Page } from 'playwright-core';
import { TestBot } from '../harness/testBot';
import { launchChromium } from '../harness/chromium';
import { Playground } from '../harness/playground';

/**
 * An employee's view: the bot behind the Microsoft 365 Agents Playground, used from headless
 * Chromium. Proves the bot works with a real Teams-like client, not only with our own activities.
 */
describe('in the Microsoft 365 Agents Playground', () => {
  let bot: TestBot;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    bot = await TestBot.start();
    playground = await Playground.start(`${bot.url}/api/messages`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  async function send(text: string): Promise<void> {
    // The compose box is a rich-text editor (contenteditable), so type as a person would.
    await page.locator('[data-lexical-editor="true"]').click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  test('the welcome card arrives on install', async () => {
    await page.getByText('Welcome to the LinkedIn Connections Assistant').waitFor({ timeout: 20_000 });
  });

  test('help and aide answer with the help card, in the language of the command', async () => {
    await send('help');
    await page.getByText('What I can do').first().waitFor({ timeout: 15_000 });
    await send('aide');
    await page.getByText('Ce que je sais faire').first().waitFor({ timeout: 15_000 });
  });

  test('a question typed in French gets the French answer card', async () => {
    await send('Est-ce que LinkedIn voit le titre de mes réunions ?');
    await page.getByText("L'ordre du jour, le contenu et le titre d'une réunion ne sont jamais inclus", { exact: false }).last().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Oui' }).last().waitFor();
  });

  test('an employee connects with a card, the card updates in place, then revokes', async () => {
    await page.getByRole('button', { name: 'Connect my accounts' }).first().click();
    await page.getByRole('button', { name: 'Choose LinkedIn data only' }).last().click();
    await page.getByRole('button', { name: /^Confirm/ }).last().click();
    await page.getByText('Your consent is recorded.').waitFor({ timeout: 15_000 });

    await send('status');
    await page.getByText('LinkedIn data only').last().waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Revoke my consent' }).last().click();
    await page.getByRole('button', { name: 'Yes, revoke' }).last().click();
    await page.getByText('Your consent is revoked').last().waitFor({ timeout: 15_000 });
    // LinkedIn-only: permissions are removed on the LinkedIn side only.
    await page.getByText('Partners and services > Microsoft > Remove', { exact: false }).last().waitFor();
    expect(await page.getByText('On the Microsoft side', { exact: false }).count()).toBe(0);
  });
});
