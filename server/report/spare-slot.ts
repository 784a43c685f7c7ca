/**
 * The app's PDF renderer with a count of the renders asked of it (running or queued), so that background work can
 * wait for a slot to spare: it then never waits in the renderer's queue, and at least one slot stays free for the
 * people who ask for a report while it runs (with a single slot, it renders only when nobody else does).
 */
import { PdfRenderer } from './renderer.js';

export class SparingRenderer extends PdfRenderer {
  private asked = 0;
  private readonly waiters = new Set<() => void>();

  override async render(...args: Parameters<PdfRenderer['render']>): ReturnType<PdfRenderer['render']> {
    this.asked++;
    try {
      return await super.render(...args);
    } finally {
      this.asked--;
      this.wake();
    }
  }

  /** Renders asked and not yet finished. */
  get pending(): number {
    return this.asked;
  }

  /** Resolves once fewer renders are asked than all slots but one (none with a single slot), or once closed. */
  async spareSlot(): Promise<void> {
    const limit = Math.max(1, this.options.concurrency - 1);
    while (!this.closed && this.asked >= limit) await new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  override async close(): Promise<void> {
    await super.close();
    this.wake();
  }

  private wake(): void {
    const all = [...this.waiters];
    this.waiters.clear();
    for (const w of all) w();
  }
}
