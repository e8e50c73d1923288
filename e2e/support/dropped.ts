import type { Page } from '@playwright/test';

/** Collects (and prints) the signaling client's "dropped" warnings: server messages it found malformed. */
export function watchDropped(page: Page, name: string, dropped: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() !== 'warning' || !message.text().startsWith('signaling: dropped')) return;
    console.error(`[${name}] ${message.text()}`);
    dropped.push(`[${name}] ${message.text()}`);
  });
  return dropped;
}
