// The storyline page: API access, hash routing and shared pieces. The views
// (stories, story timeline, compare, search, document) are in views.js.
//
// Routes (the hash, so the back button works):
//   #/                         stories (?offset=N pages)
//   #/search?q=&source=&entity=&from=&to=&offset=
//   #/story/ID                 a story's timeline
//   #/compare/ID               what each outlet adds or leaves out
//   #/doc/ID?hl=S-E            an article, bytes S..E of its text highlighted
'use strict';

(function (SL) {
  const { el } = SL;
  const routes = [];
  let renderCount = 0;

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // GET /api/PATH with query params; the JSON body, or an ApiError carrying
  // the server's {"error": {"status", "message"}}.
  // A busy server (429, 503) asks to retry after a second: once, then give up.
  async function api(path, params) {
    try {
      return await apiOnce(path, params);
    } catch (err) {
      if (err.status !== 429 && err.status !== 503) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return apiOnce(path, params);
    }
  }

  async function apiOnce(path, params) {
    const qs = queryString(params);
    let response;
    try {
      response = await fetch('/api/' + path + (qs ? '?' + qs : ''), {
        headers: { Accept: 'application/json' },
      });
    } catch (err) {
      throw new ApiError(0, 'The server could not be reached.');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok || body === null) {
      const message = body && body.error && body.error.message;
      throw new ApiError(response.status, message || 'The server answered ' + response.status + '.');
    }
    return body;
  }

  // Path segments of an API url: ids may hold '/', '?' or '#'.
  function seg(id) {
    return encodeURIComponent(String(id));
  }

  // 'a=1&b=2' of the parameters that have a value.
  function queryString(params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    return query.toString();
  }

  function link(route, params) {
    const qs = queryString(params);
    return '#/' + route + (qs ? '?' + qs : '');
  }

  const links = {
    stories: (offset) => link('', offset ? { offset } : null),
    story: (id) => link('story/' + seg(id)),
    compare: (id) => link('compare/' + seg(id)),
    doc: (id, start, end) => link('doc/' + seg(id),
      Number.isInteger(start) && Number.isInteger(end) ? { hl: start + '-' + end } : null),
    search: (params) => link('search', params),
  };

  // An "at" provenance object ({id, start, end}) as a link to its span.
  function atLink(at) {
    if (!at || at.id === undefined || at.id === null) return null;
    if (at.end > at.start) return links.doc(at.id, at.start, at.end);
    return links.doc(at.id);
  }

  // Only http(s) addresses become links; anything else is shown as text.
  function safeUrl(url) {
    if (typeof url !== 'string') return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // '2025-01-07' (or a longer timestamp) as '7 Jan 2025'; other text as is.
  function formatDay(value) {
    if (typeof value !== 'string') return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value;
    return Number(m[3]) + ' ' + MONTHS[Number(m[2]) - 1] + ' ' + m[1];
  }

  // An interval of days, as short as it reads clearly: '13–14 Jan 2025',
  // '19 Feb – 4 Mar 2025', '30 Dec 2024 – 2 Jan 2025'.
  function formatInterval(first, last) {
    const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(first || '');
    const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(last || '');
    if (!a || !b || first === last) return formatDay(first || last);
    if (a[1] !== b[1]) return formatDay(first) + ' – ' + formatDay(last);
    if (a[2] !== b[2]) return formatDay(first).replace(/ \d{4}$/, '') + ' – ' + formatDay(last);
    return Number(a[3]) + '–' + formatDay(last);
  }

  function dayOf(value) {
    const m = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value) : null;
    return m ? m[0] : null;
  }

  // A <time> for a day, or null.
  function timeNode(value, cls) {
    const day = dayOf(value);
    if (!day) return null;
    return el('time', { datetime: day, class: cls || null }, formatDay(day));
  }

  // 'first – last' of a story or event.
  function spanText(first, last) {
    if (first || last) return formatInterval(first || last, last || first);
    return 'undated';
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function labelChips(label) {
    if (!Array.isArray(label) || label.length === 0) return null;
    return el('ul', { class: 'chips', 'aria-label': 'Key terms' },
      label.slice(0, 8).map((term) => el('li', {}, String(term))));
  }

  // The routing: a route is a regexp over the path and a view function
  // view(ctx) that fills ctx.main; ctx.current() is false once the reader has
  // moved on, so a late answer does not overwrite the next page.
  function route(pattern, view) {
    routes.push({ pattern, view });
  }

  function parseHash() {
    const hash = location.hash.replace(/^#/, '');
    const q = hash.indexOf('?');
    const path = (q < 0 ? hash : hash.slice(0, q)).replace(/^\/+/, '');
    const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    return { path, params };
  }

  function setTitle(text) {
    document.title = text ? text + ' · storyline' : 'storyline';
  }

  // The page heading takes the focus after a navigation so screen readers
  // announce the new page; the highlight view moves it further itself.
  function focusHeading(main) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }

  function showError(main, err) {
    main.replaceChildren(
      el('h1', {}, err && err.status === 404 ? 'Not found' : 'Something went wrong'),
      el('p', { class: 'error', role: 'alert' }, err && err.message ? err.message : String(err)),
      el('p', {}, el('a', { href: links.stories() }, 'Back to the stories')));
    setTitle('Error');
  }

  async function render() {
    const { path, params } = parseHash();
    const main = document.getElementById('main');
    const count = ++renderCount;
    const ctx = {
      main,
      params,
      current: () => count === renderCount,
    };
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(el('p', { class: 'status', role: 'status' }, 'Loading…'));
    updateNav(path);
    try {
      const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
      if (!match) throw new ApiError(404, 'There is no page at this address.');
      ctx.args = match.m.slice(1).map((s) => decodeURIComponent(s));
      await match.r.view(ctx);
      if (!ctx.current()) return;
      // The first view of a load keeps the browser's focus (a Tab then
      // reaches the skip link); later ones move it to the new heading.
      if (!ctx.keepFocus && count > 1) {
        focusHeading(main);
        window.scrollTo(0, 0);
      }
    } catch (err) {
      if (ctx.current()) showError(main, err);
    } finally {
      if (ctx.current()) main.removeAttribute('aria-busy');
    }
  }

  function updateNav(path) {
    const stories = document.getElementById('nav-stories');
    if (path === '' || path.startsWith('story') || path.startsWith('compare')) {
      stories.setAttribute('aria-current', 'page');
    } else {
      stories.removeAttribute('aria-current');
    }
    const input = document.getElementById('search-input');
    if (path === 'search' && document.activeElement !== input) {
      input.value = parseHash().params.get('q') || '';
    }
  }

  function start() {
    document.getElementById('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const q = document.getElementById('search-input').value.trim();
      if (q) location.hash = links.search({ q });
    });
    // The skip link focuses the content without touching the route.
    document.getElementById('skip-link').addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById('main').focus();
    });
    window.addEventListener('hashchange', render);
    render();
  }

  document.addEventListener('DOMContentLoaded', start);

  Object.assign(SL, {
    api, seg, links, atLink, safeUrl, formatDay, formatInterval, dayOf, timeNode, spanText, plural,
    labelChips, route, setTitle,
  });
})(window.SL);
