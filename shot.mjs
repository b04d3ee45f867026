import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
await p.goto('http://127.0.0.1:3300/api/v1/docs', { waitUntil: 'networkidle' });
const el = await p.$('text=Evaluate a served version');
if (el) await el.scrollIntoViewIfNeeded();
await p.screenshot({ path: '/tmp/s-docs.png' });
await b.close();
