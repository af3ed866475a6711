// The article view: the cleaned text with its entities and quotes (and the
// span #/doc/ID?hl=S-E names, highlighted and scrolled into view), then
// what cleaning removed from the received text and why, and what it repaired.
// Offsets are UTF-8 bytes (SL.ByteText); all article text goes in as text.
'use strict';

(function (SL) {
  const { el, api, seg, links, plural } = SL;

  const ENTITY_TYPES = {
    PER: 'Person', PERSON: 'Person', ORG: 'Organisation', LOC: 'Place', GPE: 'Place',
    FAC: 'Facility', NORP: 'Group', EVENT: 'Event', MISC: 'Other',
  };

  const REASONS = {
    title: 'the headline, kept as the title',
    byline: 'the byline, kept as the author',
    caption: 'a photo caption, kept apart',
    navigation: 'site navigation (breadcrumbs, menus)',
    share: 'share and follow prompts',
    subscribe: 'newsletter, app or paywall prompt',
    mirror: 'mirror or syndication notice',
    'comment-form': 'comment form',
    signature: 'copyright line, credit or site signature',
    'spam-tail': 'tags and junk after the article',
    advert: 'advertisement',
    widget: 'widget (audio player, reading time)',
    timestamp: 'published / updated line',
    repeated: 'a line the outlet repeats on many articles',
  };

  function entityTypeName(type) {
    return ENTITY_TYPES[type] || String(type || 'Other');
  }

  function reasonText(reason) {
    return REASONS[reason] || 'removed by the cleaner';
  }

  // "hl=S-E" as {start, end}, or null.
  function highlightParam(params) {
    const m = /^(\d{1,10})-(\d{1,10})$/.exec(params.get('hl') || '');
    return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
  }

  function pair(value) {
    return Array.isArray(value) && value.length === 2 ? { start: value[0], end: value[1] } : null;
  }

  // ---- header --------------------------------------------------------------

  function publishedNode(doc) {
    const pub = doc.published && typeof doc.published === 'object' ? doc.published : null;
    const day = SL.dayOf(pub && pub.value) || SL.dayOf(doc.date) || SL.dayOf(doc.published);
    if (!day && pub && (SL.dayOf(pub.earliest) || SL.dayOf(pub.latest))) {
      const from = SL.dayOf(pub.earliest);
      const to = SL.dayOf(pub.latest);
      return el('span', { class: 'muted' }, from && to ? 'published ' + SL.formatInterval(from, to) + ' (inferred)'
        : from ? 'published after ' + SL.formatDay(from) + ' (inferred)' : 'published before ' + SL.formatDay(to) + ' (inferred)');
    }
    if (!day) return 'date unknown';
    const inferred = pub && pub.given === false;
    return [SL.timeNode(day), inferred ? el('span', { class: 'muted' }, ' (inferred from the text)') : null];
  }

  function dupNode(dup) {
    if (!dup || !dup.relation || dup.relation === 'unique' || !dup.of) return null;
    const names = { exact: 'an exact copy of', near: 'a near copy of', revision: 'a revision of',
      contained: 'contained in' };
    return el('p', { class: 'meta' }, 'This article is ', names[dup.relation] || dup.relation + ' of', ' ',
      el('a', { href: links.doc(dup.of) }, String(dup.of)),
      typeof dup.similarity === 'number' ? ' (similarity ' + dup.similarity.toFixed(2) + ')' : '', '.');
  }

  function docHeader(doc) {
    const url = SL.safeUrl(doc.url);
    return el('header', { class: 'doc-header' },
      el('p', { class: 'kicker' }, doc.source || 'Unknown outlet'),
      el('h1', {}, doc.title || doc.id),
      el('p', { class: 'meta' }, publishedNode(doc),
        doc.story ? [' · ', el('a', { href: links.story(doc.story) }, 'story timeline')] : null,
        doc.story ? [' · ', el('a', { href: links.compare(doc.story) }, 'compare outlets')] : null),
      doc.url ? el('p', { class: 'meta url' }, 'Address: ', url ?
        el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, doc.url) :
        el('span', { class: 'unsafe-url' }, String(doc.url))) : null,
      dupNode(doc.dup),
      el('nav', { class: 'tabs', 'aria-label': 'Parts of this page' },
        ['article', 'quotes', 'entities', 'removed'].map((part) => el('button', {
          type: 'button', class: 'jump', 'data-target': part + '-heading',
          onclick: jumpTo,
        }, { article: 'Article', quotes: 'Quotes', entities: 'Entities', removed: 'What was removed' }[part]))));
  }

  // In-page jumps are buttons: a #fragment would be taken as a route.
  function jumpTo(event) {
    const target = document.getElementById(event.currentTarget.getAttribute('data-target'));
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  // ---- the cleaned text ----------------------------------------------------

  function textSpans(doc) {
    const spans = [];
    for (const e of Array.isArray(doc.entities) ? doc.entities : []) {
      const name = entityTypeName(e.type) + ': ' + (e.canonical || e.text || '') + (e.role ? ' (' + e.role + ')' : '');
      spans.push({ start: e.start, end: e.end, cls: 'ent ent-' + String(e.type).replace(/[^A-Za-z]/g, ''), title: name });
    }
    for (const q of Array.isArray(doc.quotes) ? doc.quotes : []) {
      const content = pair(q.content);
      if (content) spans.push({ start: content.start, end: content.end, cls: 'q', title: 'Quote: ' + (q.speaker || 'unnamed') });
    }
    return spans;
  }

  function articleSection(doc, text, hl) {
    const { fragment, mark } = SL.markedText(text, textSpans(doc), hl);
    const notice = hl ? (mark ? el('p', { class: 'notice' }, 'The highlighted passage is the one you followed.')
      : el('p', { class: 'notice', role: 'note' }, 'The passage to highlight is not inside this article.')) : null;
    const section = el('section', { class: 'article', 'aria-labelledby': 'article-heading' },
      el('h2', { id: 'article-heading' }, 'Article'),
      notice,
      el('div', { class: 'article-text', id: 'article-text' }, fragment),
      el('p', { class: 'legend muted' }, el('span', { class: 'ent' }, 'Underlined'), ': people, places and ',
        'organisations (hover for the name). ', el('span', { class: 'q' }, 'Shaded'), ': quotes.'));
    return { section, mark };
  }

  function quotesSection(doc, text) {
    const quotes = (Array.isArray(doc.quotes) ? doc.quotes : [])
      .map((q) => Object.assign({ span: pair(q.content) }, q))
      .filter((q) => q.span && SL.validSpan(text, q.span.start, q.span.end));
    return el('section', { class: 'doc-quotes', 'aria-labelledby': 'quotes-heading' },
      el('h2', { id: 'quotes-heading' }, 'Quotes'),
      quotes.length ? el('ul', { class: 'quote-list' }, quotes.map((q) => el('li', {},
        el('a', { href: links.doc(doc.id, q.span.start, q.span.end) }, text.slice(q.span.start, q.span.end)),
        el('span', { class: 'muted' }, ' — ', q.speaker || 'unnamed', q.kind ? ' (' + q.kind + ')' : ''))))
        : el('p', { class: 'muted' }, 'No quotes found.'));
  }

  function entitiesSection(doc) {
    const byName = new Map();
    for (const e of Array.isArray(doc.entities) ? doc.entities : []) {
      const name = String(e.canonical || e.text || '');
      if (!name) continue;
      const key = e.type + '\u0000' + name;
      if (!byName.has(key)) byName.set(key, { name, type: e.type, role: e.role, count: 0 });
      const entry = byName.get(key);
      entry.count += 1;
      entry.role = entry.role || e.role;
    }
    const byType = new Map();
    for (const entry of byName.values()) {
      const type = entityTypeName(entry.type);
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(entry);
    }
    const groups = [...byType.keys()].sort().map((type) => el('div', { class: 'entity-group' },
      el('h3', {}, type),
      el('ul', { class: 'chips' }, byType.get(type).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
        .map((entry) => el('li', {},
          el('a', { href: links.search({ q: entry.name, entity: entry.name }) }, entry.name),
          entry.role ? ' (' + entry.role + ')' : '', entry.count > 1 ? ' ×' + entry.count : '')))));
    return el('section', { class: 'doc-entities', id: 'entities', 'aria-labelledby': 'entities-heading' },
      el('h2', { id: 'entities-heading' }, 'Entities'),
      groups.length ? groups : el('p', { class: 'muted' }, 'No entities found.'));
  }

  // ---- what was removed ----------------------------------------------------

  function reasonBadge(removal) {
    return el('span', { class: 'reason', title: reasonText(removal.reason) }, 'removed: ' + (removal.reason || '?'));
  }

  function removalTable(raw, removed) {
    return el('table', { class: 'removals', id: 'removals' },
      el('caption', {}, plural(removed.length, 'removed block', 'removed blocks')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Reason'), el('th', { scope: 'col' }, 'Why'),
        el('th', { scope: 'col' }, 'Text'))),
      el('tbody', {}, removed.map((r) => el('tr', {},
        el('td', { class: 'reason-name' }, String(r.reason || '?')),
        el('td', {}, reasonText(r.reason)),
        el('td', { class: 'removed-text' }, raw.slice(r.start, r.end))))));
  }

  function repairTable(raw, repairs) {
    return el('table', { class: 'repairs', id: 'repairs' },
      el('caption', {}, plural(repairs.length, 'repair', 'repairs')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kind'), el('th', { scope: 'col' }, 'Received'),
        el('th', { scope: 'col' }, 'Now reads'))),
      el('tbody', {}, repairs.map((r) => el('tr', {},
        el('td', {}, String(r.kind || '?')),
        el('td', { class: 'mono' }, typeof r.from === 'string' ? r.from : raw.slice(r.start, r.end)),
        el('td', { class: 'mono' }, String(r.to !== undefined && r.to !== null ? r.to : (r.replacement || '')))))));
  }

  function removedSection(doc) {
    const raw = new SL.ByteText(doc.raw);
    const removed = (Array.isArray(doc.removed) ? doc.removed : []).filter((r) => SL.validSpan(raw, r.start, r.end));
    const repairs = (Array.isArray(doc.repairs) ? doc.repairs : []).filter((r) => SL.validSpan(raw, r.start, r.end));
    const counts = new Map();
    for (const r of removed) counts.set(r.reason, (counts.get(r.reason) || 0) + 1);
    const spans = repairs.map((r) => ({ start: r.start, end: r.end, cls: 'repaired',
      title: (r.kind || 'repair') + ': now reads ' + String(r.to !== undefined && r.to !== null ? r.to : '') }));
    const nothing = !removed.length && !repairs.length;
    return el('section', { class: 'doc-removed', id: 'removed', 'aria-labelledby': 'removed-heading' },
      el('h2', { id: 'removed-heading' }, 'What was removed and why'),
      doc.raw_utf8 === false ? el('p', { class: 'notice' }, 'The received text was not valid UTF-8: ',
        'invalid bytes show as �, and the marks below may be slightly off.') : null,
      nothing ? el('p', {}, 'Nothing: the article is shown as it was received.') : [
        el('p', {}, 'The cleaner removed ', plural(removed.length, 'block', 'blocks'),
          counts.size ? ' (' + [...counts].map(([k, n]) => k + (n > 1 ? ' ×' + n : '')).join(', ') + ')' : '',
          ' and made ', plural(repairs.length, 'repair', 'repairs'), '. The text as received, ',
          'with the removed parts struck through and labelled:'),
        el('div', { class: 'raw-text', id: 'raw-text', tabindex: '0', role: 'region',
          'aria-label': 'The text as received' }, SL.rawWithRemovals(raw, removed, spans, reasonBadge)),
        removed.length ? removalTable(raw, removed) : null,
        repairs.length ? repairTable(raw, repairs) : null]);
  }

  SL.route(/^doc\/(.+)$/, async (ctx) => {
    const id = ctx.args[0];
    const doc = await api('documents/' + seg(id));
    if (!ctx.current()) return;
    const text = new SL.ByteText(doc.text);
    const hl = highlightParam(ctx.params);
    const { section, mark } = articleSection(doc, text, hl);
    SL.setTitle(doc.title || doc.id);
    ctx.main.replaceChildren(docHeader(doc), section, quotesSection(doc, text), entitiesSection(doc),
      removedSection(doc));
    if (mark) {
      ctx.keepFocus = true;
      mark.focus({ preventScroll: true });
      mark.scrollIntoView({ block: 'center' });
    }
  });
})(window.SL);
