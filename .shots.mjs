// usage: node .shots.mjs user path[,path...] [widths]
import puppeteer from 'puppeteer';
const [user, paths, widthsArg] = process.argv.slice(2);
const widths = (widthsArg ?? '1280').split(',').map(Number);
const base = 'http://127.0.0.1:3000';
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 800 });
await page.goto(base + '/login', { waitUntil: 'networkidle0' });
const deep = async (sel) => page.evaluateHandle((s) => {
  const find = (root) => { const el = root.querySelector(s); if (el) return el; for (const n of root.querySelectorAll('*')) if (n.shadowRoot) { const f = find(n.shadowRoot); if (f) return f; } return null; };
  return find(document);
}, sel);
await (await deep('input[name=username]')).type(user);
await (await deep('input[name=password]')).type('Demo@2026!');
await (await deep('input[name=password]')).press('Enter');
await new Promise((r) => setTimeout(r, 2500));
for (const p of paths.split(',')) {
  for (const w of widths) {
    await page.setViewport({ width: w, height: w < 500 ? 844 : w < 1000 ? 1024 : 800 });
    await page.goto(base + p, { waitUntil: 'networkidle0' });
    await new Promise((r) => setTimeout(r, 1200));
    const name = `/tmp/shots/${user}${p.replace(/[\/?=&]/g, '_')}-${w}.png`;
    await page.screenshot({ path: name, fullPage: !process.env.TOP });
    console.log(name);
  }
}
await browser.close();
