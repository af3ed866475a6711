// The views of the storyline page: the stories, search results, a story's
// timeline and the comparison of its outlets. The article view is doc.js.
// Everything from the API is inserted as text (SL.el), never as markup.
'use strict';

(function (SL) {
  const { el, api, seg, links, atLink, plural } = SL;
  const PAGE = 20;

  function intParam(params, name) {
    const n = Number.parseInt(params.get(name) || '0', 10);
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  // Previous / next links of a paged list.
  function pager(label, offset, shown, total, linkFor) {
    const hasNext = total === null || total === undefined ? shown === PAGE : offset + shown < total;
    if (offset === 0 && !hasNext) return null;
    return el('nav', { class: 'pager', 'aria-label': label },
      offset > 0 ? el('a', { href: linkFor(Math.max(0, offset - PAGE)), rel: 'prev' }, '← Previous') : null,
      el('span', { class: 'muted' }, (offset + 1) + '–' + (offset + shown) +
        (Number.isInteger(total) ? ' of ' + total : '')),
      hasNext ? el('a', { href: linkFor(offset + PAGE), rel: 'next' }, 'Next →') : null);
  }

  // ---- stories -------------------------------------------------------------

  function storyCard(story) {
    return el('li', { class: 'card story-card' },
      el('h2', {}, el('a', { href: links.story(story.id) }, story.title || story.id)),
      el('p', { class: 'meta' },
        el('span', { class: 'dates' }, SL.spanText(story.first, story.last)), ' · ',
        plural(story.events, 'event', 'events'), ' · ',
        plural(story.documents, 'article', 'articles'), ' · ',
        el('a', { href: links.compare(story.id) }, 'compare outlets')),
      SL.labelChips(story.label));
  }

  SL.route(/^$/, async (ctx) => {
    const offset = intParam(ctx.params, 'offset');
    const data = await api('stories', { limit: PAGE, offset });
    if (!ctx.current()) return;
    const stories = Array.isArray(data.stories) ? data.stories : [];
    SL.setTitle('Stories');
    ctx.main.replaceChildren(
      el('h1', {}, 'Stories'),
      el('p', { class: 'lead' }, 'Articles grouped into stories and events, oldest first. ' +
        'Open a story to read its timeline.'),
      stories.length ? el('ol', { class: 'cards', id: 'story-list', start: offset + 1 },
        stories.map(storyCard)) : el('p', {}, 'The store holds no stories yet.'),
      pager('Pages of stories', offset, stories.length, data.total, links.stories));
  });

  // ---- search --------------------------------------------------------------

  function searchFilters(params) {
    // A date field takes only a well-formed day (anything else would be
    // refused by the browser with a console warning).
    const valueOf = (name, type) => {
      const value = params.get(name) || '';
      return type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? '' : value;
    };
    const field = (name, label, type, placeholder) => el('div', { class: 'field' },
      el('label', { for: 'filter-' + name }, label),
      el('input', { id: 'filter-' + name, name, type, value: valueOf(name, type),
        placeholder: placeholder || null, list: name === 'entity' ? 'entity-names' : null }));
    const form = el('form', { class: 'filters', id: 'filters', 'aria-label': 'Search filters' },
      el('div', { class: 'field grow' },
        el('label', { for: 'filter-q' }, 'Words'),
        el('input', { id: 'filter-q', name: 'q', type: 'search', value: params.get('q') || '', required: true })),
      field('source', 'Outlet', 'text', 'e.g. Harbor Wire'),
      field('entity', 'Person, place or organisation', 'text'),
      field('from', 'From', 'date'),
      field('to', 'To', 'date'),
      el('datalist', { id: 'entity-names' }),
      el('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = {};
      for (const [key, value] of new FormData(form).entries()) values[key] = String(value).trim();
      if (values.q) location.hash = links.search(values);
    });
    const entity = form.querySelector('#filter-entity');
    entity.addEventListener('input', () => suggestEntities(entity.value, form.querySelector('#entity-names')));
    return form;
  }

  // Entity names for the filter's suggestion list.
  let suggestTimer = null;
  function suggestEntities(text, datalist) {
    clearTimeout(suggestTimer);
    if (text.trim().length < 2) return;
    suggestTimer = setTimeout(async () => {
      try {
        const data = await api('entities', { q: text.trim(), limit: 10 });
        const names = (data.entities || []).map((e) => e.canonical).filter((n) => typeof n === 'string');
        datalist.replaceChildren(...names.map((name) => el('option', { value: name })));
      } catch (err) {
        datalist.replaceChildren();
      }
    }, 200);
  }

  function searchResult(result) {
    return el('li', { class: 'result' },
      el('h2', {}, el('a', { href: links.doc(result.id) }, result.title || result.id)),
      el('p', { class: 'meta' },
        el('span', { class: 'source' }, result.source || 'unknown outlet'), ' · ',
        SL.timeNode(result.published) || 'undated',
        result.story ? [' · ', el('a', { href: links.story(result.story) }, 'story timeline')] : null),
      el('p', { class: 'snippet' }, SL.snippetNodes(result.snippet)));
  }

  SL.route(/^search$/, async (ctx) => {
    const params = ctx.params;
    const q = (params.get('q') || '').trim();
    const offset = intParam(params, 'offset');
    const heading = el('h1', {}, q ? 'Search: ' + q : 'Search');
    SL.setTitle(q ? 'Search: ' + q : 'Search');
    if (!q) {
      ctx.main.replaceChildren(heading, searchFilters(params));
      return;
    }
    const query = { q, source: params.get('source'), entity: params.get('entity'),
      from: params.get('from'), to: params.get('to'), limit: PAGE, offset };
    const data = await api('search', query);
    if (!ctx.current()) return;
    const results = Array.isArray(data.results) ? data.results : [];
    const pageLink = (o) => links.search(Object.assign({}, query, { limit: null, offset: o || null }));
    ctx.main.replaceChildren(heading, searchFilters(params),
      el('p', { class: 'status', role: 'status' }, results.length ?
        (offset ? 'Results from ' + (offset + 1) : plural(results.length, 'result', 'results') +
          (results.length === PAGE ? ' on this page' : '')) : 'No article matches.'),
      results.length ? el('ol', { class: 'results', id: 'results', start: offset + 1 },
        results.map(searchResult)) : null,
      pager('Pages of results', offset, results.length, data.total, pageLink));
  });

  // ---- a story's timeline --------------------------------------------------

  function storyHeader(story, active) {
    const id = story.id;
    return el('header', { class: 'story-header' },
      el('p', { class: 'kicker' }, 'Story'),
      el('h1', {}, story.title || id),
      el('p', { class: 'meta' },
        el('span', { class: 'dates' }, SL.spanText(story.first, story.last)), ' · ',
        Number.isInteger(story.events) ? [plural(story.events, 'event', 'events'), ' · '] : null,
        plural(story.documents || 0, 'article', 'articles')),
      SL.labelChips(story.label),
      el('nav', { class: 'tabs', 'aria-label': 'Story views' },
        el('a', { href: links.story(id), 'aria-current': active === 'timeline' ? 'page' : null }, 'Timeline'),
        el('a', { href: links.compare(id), 'aria-current': active === 'compare' ? 'page' : null },
          'Compare outlets')));
  }

  // The date of an event: its day, and the interval the evidence allows.
  function eventDate(event) {
    const day = SL.dayOf(event.date);
    const box = el('div', { class: 'event-date', 'data-date': day || '' });
    if (!day) {
      box.append(el('span', { class: 'undated' }, 'Undated'));
      return box;
    }
    box.append(SL.timeNode(day, 'day'));
    const earliest = SL.dayOf(event.earliest);
    const latest = SL.dayOf(event.latest);
    if (earliest && latest && (earliest !== day || latest !== day)) {
      box.setAttribute('data-earliest', earliest);
      box.setAttribute('data-latest', latest);
      box.append(el('span', { class: 'interval', title: 'The evidence allows any day from ' +
        SL.formatDay(earliest) + ' to ' + SL.formatDay(latest) }, SL.formatInterval(earliest, latest)));
    }
    return box;
  }

  function docLinks(documents) {
    if (!Array.isArray(documents)) return null;
    return documents.map((id, i) => [i ? ', ' : '', el('a', { href: links.doc(id), class: 'doc-link' }, String(id))]);
  }

  function eventSources(sources) {
    if (!Array.isArray(sources) || !sources.length) return null;
    return el('section', { class: 'event-sources' },
      el('h4', {}, 'Sources'),
      el('ul', {}, sources.map((s) => el('li', {},
        el('span', { class: 'source' }, s.source || 'unknown outlet'), ': ', docLinks(s.documents)))));
  }

  function quoteFigure(quote) {
    const href = atLink(quote.at);
    const words = String(quote.text || '');
    return el('figure', { class: 'quote' },
      el('blockquote', {}, href ? el('a', { href, class: 'quote-link',
        title: 'Open the article at this quote' }, words) : words),
      el('figcaption', {}, '— ', el('span', { class: 'speaker' }, quote.speaker || 'unnamed'),
        quote.source ? [', ', el('span', { class: 'source' }, quote.source)] : null,
        quote.documents > 1 ? ' (in ' + quote.documents + ' articles)' : null));
  }

  function eventItem(event, index) {
    const headingId = 'event-' + index;
    const summaryHref = atLink(event.summary_at);
    const quotes = Array.isArray(event.quotes) ? event.quotes : [];
    return el('li', { class: 'event', 'data-event': event.id || '' },
      el('article', { 'aria-labelledby': headingId },
        eventDate(event),
        el('div', { class: 'event-body' },
          el('h3', { id: headingId }, event.title || event.id || 'Event'),
          event.summary ? el('p', { class: 'summary' },
            summaryHref ? el('a', { href: summaryHref }, event.summary) : event.summary,
            event.summary_source ? el('span', { class: 'via' }, ' — ' + event.summary_source) : null) : null,
          el('p', { class: 'meta' }, plural(event.documents || 0, 'article', 'articles')),
          eventSources(event.sources),
          quotes.length ? el('section', { class: 'event-quotes' },
            el('h4', {}, 'Key quotes'), quotes.map(quoteFigure)) : null)));
  }

  SL.route(/^story\/(.+)$/, async (ctx) => {
    const id = ctx.args[0];
    const data = await api('timeline/' + seg(id));
    if (!ctx.current()) return;
    const story = data.story || { id, title: id };
    const events = Array.isArray(data.events) ? data.events : [];
    SL.setTitle(story.title || id);
    ctx.main.replaceChildren(storyHeader(story, 'timeline'),
      el('section', { 'aria-labelledby': 'timeline-heading' },
        el('h2', { id: 'timeline-heading' }, 'Timeline'),
        events.length ? el('ol', { class: 'timeline', id: 'timeline' }, events.map(eventItem))
          : el('p', {}, 'This story has no events.')));
  });

  // ---- compare -------------------------------------------------------------

  const KIND_NAMES = {
    quote: 'Quotes', speaker: 'Speakers quoted', entity: 'People, places, organisations',
    date: 'Dates', number: 'Numbers', term: 'Framing words',
  };

  function itemLink(item) {
    const href = atLink(item.at);
    const text = String(item.text || item.key || '');
    return href ? el('a', { href }, text) : text;
  }

  function groupByKind(items) {
    const groups = new Map();
    for (const item of items) {
      const kind = item.kind || 'other';
      if (!groups.has(kind)) groups.set(kind, []);
      groups.get(kind).push(item);
    }
    return groups;
  }

  function itemList(title, items, countOf) {
    if (!Array.isArray(items) || !items.length) {
      return el('section', { class: 'facts' }, el('h4', {}, title), el('p', { class: 'muted' }, 'Nothing.'));
    }
    const groups = [...groupByKind(items)].map(([kind, list]) => el('div', { class: 'fact-group' },
      el('h5', {}, KIND_NAMES[kind] || kind),
      el('ul', {}, list.map((item) => el('li', { class: 'kind-' + String(item.kind).replace(/[^a-z]/g, '') },
        itemLink(item), el('span', { class: 'count' }, countOf(item)))))));
    return el('section', { class: 'facts' }, el('h4', {}, title), groups);
  }

  function outletCard(outlet) {
    const docs = Array.isArray(outlet.documents) ? outlet.documents : [];
    return el('article', { class: 'card outlet' },
      el('h3', {}, outlet.source || 'unknown outlet'),
      el('p', { class: 'meta' }, plural(docs.length, 'article', 'articles'), ': ', docLinks(docs)),
      itemList('Only this outlet reports', outlet.adds, (i) => ' ×' + (i.count || 1)),
      itemList('Leaves out (reported by most others)', outlet.omits,
        (i) => ' (' + plural(i.outlets || 0, 'outlet', 'outlets') + ')'),
      itemList('Framing words', outlet.terms,
        (i) => ' ' + (i.count || 0) + ' here, ' + (i.others || 0) + ' elsewhere'));
  }

  SL.route(/^compare\/(.+)$/, async (ctx) => {
    const id = ctx.args[0];
    const [story, data] = await Promise.all([api('stories/' + seg(id)).catch(() => null),
      api('compare/' + seg(id))]);
    if (!ctx.current()) return;
    const head = story || { id, title: (data.compare && data.compare.title) || id };
    const outlets = Array.isArray(data.outlets) ? data.outlets : [];
    if (Array.isArray(head.events)) head.events = head.events.length;
    SL.setTitle('Compare: ' + (head.title || id));
    ctx.main.replaceChildren(storyHeader(head, 'compare'),
      el('section', { 'aria-labelledby': 'compare-heading' },
        el('h2', { id: 'compare-heading' }, 'What each outlet adds or leaves out'),
        el('p', { class: 'lead' }, 'Facts only one outlet reports, facts most others report and it does ' +
          'not, and the words it uses that the others rarely do. Each links to where it was read.'),
        outlets.length ? el('div', { class: 'outlets', id: 'outlets' }, outlets.map(outletCard))
          : el('p', {}, 'No outlets to compare.')));
  });
})(window.SL);
