/**
 * The app's renderer as background work sees it: a spare slot comes only while another slot stays free for users,
 * so a background render never waits in the queue nor takes the last slot; closing releases whoever waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../server/report/renderer.js';

const ready = '<!doctype html><html><body><p>1</p><script>window.__reportReady = true</script></body></html>';
const neverReady = '<!doctype html><html><body><p>never ready</p></body></html>';

let r: PdfRenderer;
afterEach(() => r?.close());

describe('PdfRenderer', () => {
  it('has a slot to spare only while one more stays free for users', async () => {
    // The timeout ends the never-ready render; it also bounds each render's wait for the browser, so the browser is
    // launched first and the limit leaves a loaded machine room for one real render.
    r = new PdfRenderer({ concurrency: 2, timeoutMs: 10_000 });
    await r.render(ready);
    await r.spareSlot();
    const order: string[] = [];
    // A user's render holds one of the two slots until it times out.
    const user = r.render(neverReady).catch(() => order.push('user render ended'));
    expect(r.pending).toBe(1);
    const spare = r.spareSlot().then(() => order.push('spare slot'));
    // Another user still gets the free slot at once.
    expect((await r.render(ready)).pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await Promise.all([user, spare]);
    expect(order).toEqual(['user render ended', 'spare slot']);
    expect(r.pending).toBe(0);
  }, 60_000);

  it('with a single slot, spares it only when nobody renders; closing releases the waiter', async () => {
    r = new PdfRenderer({ concurrency: 1, timeoutMs: 60_000 });
    const user = r.render(neverReady).catch((e: unknown) => e);
    let spared = false;
    const spare = r.spareSlot().then(() => (spared = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(spared).toBe(false);
    await r.close();
    await spare;
    expect(spared).toBe(true);
    expect(await user).toBeInstanceOf(Error);
  }, 60_000);
});
