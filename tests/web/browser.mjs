// Browser tests of the storyline page (web/), driven by playwright-core with
// Debian's chromium against a running `storyline serve` (tests/web/run.sh
// starts it). Every check compares what the page shows with what the API
// answers, so the page is tested, not the sample's contents.
//
// Usage: node browser.mjs BASE_URL CHROMIUM SCREENSHOT HOSTILE_ID
import { chromium } from 'playwright-core';

const [base, executablePath, screenshotPath, hostileId] = process.argv.slice(2);
if (!base || !executablePath || !screenshotPath || !hostileId) {
  console.error('usage: node browser.mjs BASE_URL CHROMIUM SCREENSHOT HOSTILE_ID');
  process.exit(2);
}

// Per step (ASan builds answer slowly), and for the whole run, so that a
// broken page fails within ctest's time limit (300 s) rather than hanging.
const TIMEOUT = Number(process.env.SL_WEB_TIMEOUT) || 30000;
const DEADLINE = Date.now() + (Number(process.env.SL_WEB_BUDGET) || 200000);
const failures = [];
const problems = []; // console errors, CSP violations, dialogs, failed requests

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function check(name, fn) {
  const before = problems.length;
  if (Date.now() > DEADLINE) {
    failures.push(name);
    console.log('not ok - ' + name + ': not run, out of time');
    return;
  }
  try {
    await fn();
    if (problems.length > before) throw new Error(problems.slice(before).join('; '));
    console.log('ok - ' + name);
  } catch (err) {
    failures.push(name);
    console.log('not ok - ' + name + ': ' + (err && err.message ? err.message : err));
  }
}

async function apiGet(path) {
  const response = await fetch(base + '/api/' + path);
  const body = await response.json();
  if (!response.ok) throw new Error('GET /api/' + path + ': ' + response.status + ' ' + JSON.stringify(body));
  return body;
}

// The bytes [start, end) of a UTF-8 text, as a string.
function byteSlice(text, start, end) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

// Waits for the route's view to finish (the main element is not busy).
async function settled(page, selector) {
  await page.waitForSelector('main:not([aria-busy])', { timeout: TIMEOUT });
  if (!selector) return;
  // An error message ends the wait at once, with its text.
  await page.waitForSelector(selector + ', main .error', { timeout: TIMEOUT });
  if (selector !== '.error' && await page.locator(selector).count() === 0) {
    throw new Error('the page shows an error: ' + await page.locator('main .error').first().textContent());
  }
}

// A fresh load of the page at a route (the query makes it a new document, so
// nothing of the previous view can satisfy the selector).
let loads = 0;
async function visit(page, hash, selector) {
  await page.goto(base + '/?load=' + (++loads) + hash);
  await settled(page, selector);
}

function docHash(id, hl) {
  return '#/doc/' + encodeURIComponent(id) + (hl ? '?hl=' + hl.start + '-' + hl.end : '');
}

async function main() {
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // Violations of the Content-Security-Policy are recorded by the page
  // itself, in addition to the console messages Chromium writes for them.
  await context.exposeBinding('__reportCsp', (source, text) => problems.push('CSP violation: ' + text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp(e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push('console ' + msg.type() + ': ' + msg.text());
  });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('dialog', async (dialog) => {
    problems.push('dialog fired: ' + dialog.type() + ' ' + dialog.message());
    await dialog.dismiss();
  });
  page.on('requestfailed', (req) => problems.push('request failed: ' + req.url()));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push('HTTP ' + res.status() + ' for ' + res.url());
  });

  const storyList = await apiGet('stories?limit=50');
  assert(storyList.stories.length > 0, 'the API lists no stories');
  // The story with the most events shows the ordering best.
  const story = storyList.stories.slice().sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1))[0];
  const timeline = await apiGet('timeline/' + encodeURIComponent(story.id));

  await check('the stories list shows every story of the first page', async () => {
    await visit(page, '', '#story-list li');
    const titles = await page.locator('#story-list li h2').allTextContents();
    const expected = storyList.stories.slice(0, 20).map((s) => s.title || s.id);
    assert(JSON.stringify(titles) === JSON.stringify(expected),
      'titles ' + JSON.stringify(titles) + ' differ from the API ' + JSON.stringify(expected));
  });

  await check('keyboard: Tab reaches the skip link first, and it focuses the content', async () => {
    await visit(page, '', '#story-list li');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(first === 'skip-link', 'the first Tab stop is ' + first);
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(focused === 'main', 'the skip link focused ' + focused);
    assert((await page.evaluate(() => location.hash)) === '', 'the skip link changed the route');
  });

  await check('search from the header box lists results, and a result opens its article', async () => {
    const word = 'dockworkers';
    const api = await apiGet('search?q=' + word + '&limit=20');
    assert(api.results.length > 0, 'the API finds nothing for ' + word);
    await visit(page, '', '#story-list li');
    await page.fill('#search-input', word);
    await page.press('#search-input', 'Enter');
    await settled(page, '#results li');
    const titles = await page.locator('#results li h2').allTextContents();
    assert(titles.length === api.results.length, titles.length + ' results shown, the API has ' + api.results.length);
    assert(titles[0] === (api.results[0].title || api.results[0].id), 'first result ' + titles[0]);
    const marked = await page.locator('#results li .snippet mark').first().textContent();
    assert(marked.toLowerCase().includes('dockworker'), 'the snippet marks "' + marked + '"');
    const source = await page.locator('#results li .source').first().textContent();
    assert(source === (api.results[0].source || 'unknown outlet'), 'source shown: ' + source);
    await page.locator('#results li h2 a').first().click();
    await settled(page, '#article-text');
    const doc = await apiGet('documents/' + encodeURIComponent(api.results[0].id));
    assert((await page.locator('main h1').textContent()) === (doc.title || doc.id), 'wrong article title');
    assert((await page.locator('#article-text').textContent()) === doc.text, 'the article text differs from the API');
    await page.goBack();
    await settled(page, '#results li');
  });

  await check('the search filters narrow the results (outlet)', async () => {
    const api = await apiGet('search?q=strike&source=' + encodeURIComponent('Harbor Wire') + '&limit=20');
    assert(api.results.length > 0, 'the API finds no Harbor Wire article about the strike');
    await visit(page, '#/search?q=strike', '#results li');
    await page.fill('#filter-source', 'Harbor Wire');
    await page.locator('#filters button[type=submit]').click();
    await page.waitForFunction(() => location.hash.includes('source='));
    await settled(page, '#results li');
    const sources = await page.locator('#results li .source').allTextContents();
    assert(sources.length === api.results.length, sources.length + ' results shown, the API has ' + api.results.length);
    assert(sources.every((s) => s === 'Harbor Wire'), 'sources shown: ' + sources);
  });

  await check('a story shows its timeline events in date order', async () => {
    await visit(page, '', '#story-list li');
    await page.locator('#story-list li h2 a', { hasText: story.title }).first().click();
    await settled(page, '#timeline .event');
    const dates = await page.locator('#timeline .event .event-date').evaluateAll(
      (nodes) => nodes.map((n) => n.getAttribute('data-date')));
    assert(dates.length === timeline.events.length, dates.length + ' events shown, the API has ' + timeline.events.length);
    assert(dates.length >= 2, 'the story has fewer than two events');
    for (let i = 1; i < dates.length; i++) {
      const a = dates[i - 1];
      const b = dates[i];
      assert(!(a === '' && b !== ''), 'an undated event comes before a dated one: ' + JSON.stringify(dates));
      assert(a === '' || b === '' || a <= b, 'events out of order: ' + JSON.stringify(dates));
    }
    const shown = await page.locator('#timeline .event .day').allTextContents();
    assert(shown.length > 0 && shown.every((t) => /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(t)), 'dates read ' + shown);
    const summaries = await page.locator('#timeline .event .summary a').allTextContents();
    assert(summaries[0] === timeline.events[0].summary, 'first summary differs');
    const sources = await page.locator('#timeline .event').first().locator('.event-sources .source').allTextContents();
    assert(JSON.stringify(sources) === JSON.stringify(timeline.events[0].sources.map((s) => s.source || 'unknown outlet')),
      'sources of the first event: ' + sources);
    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  await check('on a phone-sized screen the timeline needs no sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await visit(page, '#/story/' + encodeURIComponent(story.id), '#timeline .event');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, 'the page is ' + width + ' px wide');
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 });
    }
  });

  await check('a quote opens its article with exactly the quoted span highlighted and in view', async () => {
    const event = timeline.events.find((e) => e.quotes && e.quotes.length);
    assert(event, 'no event of the story has a quote');
    const quote = event.quotes[0];
    await visit(page, '#/story/' + encodeURIComponent(story.id), '#timeline .quote-link');
    await page.locator('.event[data-event="' + event.id.replace(/["\\]/g, '\\$&') + '"] .quote-link').first().click();
    await settled(page, 'mark#highlight');
    const marked = await page.locator('mark#highlight').textContent();
    assert(marked === quote.text, 'highlighted "' + marked + '", the quote is "' + quote.text + '"');
    const doc = await apiGet('documents/' + encodeURIComponent(quote.at.id));
    assert(marked === byteSlice(doc.text, quote.at.start, quote.at.end), 'highlight differs from the bytes at the offsets');
    const inView = await page.locator('mark#highlight').evaluate((m) => {
      const r = m.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && document.activeElement === m;
    });
    assert(inView, 'the highlight is not scrolled into view and focused');
    await page.goBack();
    await settled(page, '#timeline .event');
  });

  await check('every quote of a document highlights the right bytes (ids with "/" too)', async () => {
    const ids = new Set();
    for (const e of timeline.events) for (const s of e.sources || []) for (const d of s.documents || []) ids.add(d);
    const withSlash = [...ids].find((id) => id.includes('/'));
    const ordinary = [...ids].find((id) => !id.includes('/'));
    for (const id of [ordinary, withSlash].filter(Boolean)) {
      const doc = await apiGet('documents/' + encodeURIComponent(id));
      const quotes = doc.quotes.filter((q) => Array.isArray(q.content)).slice(0, 3);
      for (const q of quotes) {
        await visit(page, docHash(id, { start: q.content[0], end: q.content[1] }), 'mark#highlight');
        const marked = await page.locator('mark#highlight').textContent();
        const expected = byteSlice(doc.text, q.content[0], q.content[1]);
        assert(marked === expected, id + ': highlighted "' + marked + '", expected "' + expected + '"');
      }
    }
  });

  await check('the article shows what was removed, with the reasons, and its entities', async () => {
    let best = null;
    for (const e of timeline.events) {
      for (const s of e.sources || []) {
        for (const id of s.documents || []) {
          const doc = await apiGet('documents/' + encodeURIComponent(id));
          if (!best || doc.removed.length > best.removed.length) best = doc;
        }
      }
    }
    assert(best && best.removed.length > 0, 'no document of the story had anything removed');
    await visit(page, docHash(best.id), '#raw-text');
    const cuts = await page.locator('#raw-text del.removed').evaluateAll((nodes) => nodes.map((n) => ({
      reason: n.getAttribute('data-reason'),
      label: n.querySelector('.reason').textContent,
      text: [...n.childNodes].filter((c) => !(c.classList && c.classList.contains('reason'))).map((c) => c.textContent).join(''),
    })));
    const removed = best.removed.slice().sort((a, b) => a.start - b.start);
    assert(cuts.length === removed.length, cuts.length + ' removals shown, the API has ' + removed.length);
    removed.forEach((r, i) => {
      assert(cuts[i].reason === r.reason && cuts[i].label.includes(r.reason), 'removal ' + i + ' reason ' + cuts[i].label);
      assert(cuts[i].text === byteSlice(best.raw, r.start, r.end), 'removal ' + i + ' text differs from the raw bytes');
    });
    const raw = await page.locator('#raw-text').evaluate((n) => [...n.querySelectorAll('.reason')]
      .reduce((t, badge) => t.replace(badge.textContent, ''), n.textContent));
    assert(raw === best.raw, 'the raw text (without the labels) differs from the API');
    const reasons = await page.locator('#removals td.reason-name').allTextContents();
    assert(JSON.stringify(reasons) === JSON.stringify(removed.map((r) => r.reason)), 'the table lists ' + reasons);
    // One entry per name and type (a name can be a place and an organisation).
    const names = new Set(best.entities.map((e) => e.canonical || e.text));
    const entries = new Set(best.entities.map((e) => e.type + ' ' + (e.canonical || e.text)));
    const chips = await page.locator('#entities .chips a').allTextContents();
    assert(chips.length === entries.size && chips.every((c) => names.has(c)), 'entities shown: ' + chips);
  });

  await check('the repairs of a document are listed', async () => {
    const found = await apiGet('search?q=' + encodeURIComponent('Kellerton') + '&limit=50');
    let doc = null;
    for (const r of found.results) {
      const d = await apiGet('documents/' + encodeURIComponent(r.id));
      if (d.repairs.length) { doc = d; break; }
    }
    assert(doc, 'no document about Kellerton has repairs');
    await visit(page, docHash(doc.id), '#repairs');
    const rows = await page.locator('#repairs tbody tr').count();
    assert(rows === doc.repairs.length, rows + ' repairs shown, the API has ' + doc.repairs.length);
  });

  await check('the compare view shows every outlet with what it adds, omits and its framing words', async () => {
    const cmp = await apiGet('compare/' + encodeURIComponent(story.id));
    await visit(page, '#/story/' + encodeURIComponent(story.id), '#timeline');
    await page.locator('nav.tabs a', { hasText: 'Compare outlets' }).click();
    await settled(page, '#outlets .outlet');
    const outlets = await page.locator('#outlets .outlet h3').allTextContents();
    assert(JSON.stringify(outlets) === JSON.stringify(cmp.outlets.map((o) => o.source || 'unknown outlet')),
      'outlets shown: ' + outlets);
    const items = await page.locator('#outlets .outlet').first().locator('.facts li').count();
    const o = cmp.outlets[0];
    assert(items === o.adds.length + o.omits.length + o.terms.length, 'first outlet: ' + items + ' items shown');
  });

  await check('a hostile article shows its markup as text and runs nothing', async () => {
    const doc = await apiGet('documents/' + encodeURIComponent(hostileId));
    await visit(page, docHash(doc.id), '#article-text');
    assert((await page.locator('main h1').textContent()) === doc.title, 'the title is not shown as text');
    const text = await page.locator('#article-text').textContent();
    assert(text === doc.text, 'the article text differs from the API');
    assert(text.includes('<script>window.__pwned=1</script>') && text.includes('<img src=x onerror="window.__pwned=1">'),
      'the markup is not visible as text');
    assert(await page.locator('main img, main script, main b, main i').count() === 0, 'markup became elements');
    assert(await page.locator('a[href^="javascript:"]').count() === 0, 'a javascript: address became a link');
    // Search results, the story timeline and the quote view carry its text too.
    await visit(page, '#/search?q=' + encodeURIComponent('tricks'), '#results li');
    assert(await page.locator('#results li h2', { hasText: '<script>' }).count() === 1, 'the title is not text in the results');
    if (doc.story) await visit(page, '#/story/' + encodeURIComponent(doc.story), '#timeline');
    const state = await page.evaluate(() => ({ pwned: typeof window.__pwned, scripts: document.scripts.length }));
    assert(state.pwned === 'undefined', 'window.__pwned is ' + state.pwned);
    assert(state.scripts === 4, state.scripts + ' script elements on the page');
  });

  await check('the back button walks back through the routes', async () => {
    await visit(page, '', '#story-list li');
    await page.locator('#story-list li h2 a').first().click();
    await settled(page, '#timeline');
    await page.locator('#timeline a.doc-link').first().click();
    await settled(page, '#article-text');
    await page.goBack();
    await settled(page, '#timeline');
    await page.goBack();
    await settled(page, '#story-list li');
  });

  await check('an unknown document shows an error message', async () => {
    const before = problems.length;
    await visit(page, docHash('no-such-document-' + Date.now()), '.error');
    // The 404 of the API call is expected here and is not a problem.
    problems.splice(before, problems.length - before,
      ...problems.slice(before).filter((p) => !/\b404\b/.test(p)));
    assert(await page.locator('main h1').textContent() === 'Not found', 'no "Not found" heading');
  });

  await browser.close();
  if (problems.length) console.log('problems seen: ' + problems.join('; '));
  console.log(failures.length ? failures.length + ' check(s) failed' : 'all checks passed');
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error('browser test error: ' + (err && err.stack ? err.stack : err));
  process.exit(1);
});
