// Text helpers of the storyline page: building DOM nodes without markup, and
// cutting texts at the UTF-8 byte offsets the API gives.
//
// Every offset the API sends counts BYTES of the UTF-8 text it names, while
// JavaScript strings count UTF-16 units, so a text is encoded once and cut as
// bytes. Article text is untrusted: it only ever becomes text nodes.
'use strict';

window.SL = window.SL || {};

(function (SL) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8');

  // el('a', {href: '#/', class: 'x'}, child, ...): attribute names come from
  // this code only; values and children are set as attribute values and text
  // nodes, never parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of [children].flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // A text addressed by byte offsets.
  class ByteText {
    constructor(text) {
      this.bytes = encoder.encode(typeof text === 'string' ? text : '');
    }
    get length() {
      return this.bytes.length;
    }
    clamp(offset) {
      const n = Number(offset);
      if (!Number.isFinite(n)) return 0;
      return Math.max(0, Math.min(this.bytes.length, Math.trunc(n)));
    }
    slice(start, end) {
      const s = this.clamp(start);
      const e = Math.max(s, this.clamp(end));
      return decoder.decode(this.bytes.subarray(s, e));
    }
  }

  // A usable span: numbers inside the text, start before end.
  function validSpan(text, start, end) {
    return Number.isInteger(start) && Number.isInteger(end) && start >= 0 &&
      end > start && end <= text.length;
  }

  // Cuts [from, to) of text at every span boundary; each piece lists the spans
  // covering it. Spans: {start, end, ...}.
  function pieces(text, spans, from, to) {
    const cuts = new Set([from, to]);
    for (const span of spans) {
      if (span.start > from && span.start < to) cuts.add(span.start);
      if (span.end > from && span.end < to) cuts.add(span.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      const end = points[i + 1];
      const cover = spans.filter((s) => s.start <= start && s.end >= end);
      out.push({ start, end, cover });
    }
    return out;
  }

  // The text of [from, to) as nodes: plain text, or a <span> carrying the
  // classes and title of the spans covering it.
  function spanNodes(text, spans, from, to) {
    return pieces(text, spans, from, to).map((piece) => {
      const str = text.slice(piece.start, piece.end);
      if (piece.cover.length === 0) return document.createTextNode(str);
      const classes = piece.cover.map((s) => s.cls).join(' ');
      const titles = piece.cover.map((s) => s.title).filter(Boolean).join('; ');
      return el('span', { class: classes, title: titles || null }, str);
    });
  }

  // The whole text with its spans, and the highlighted span [hl.start,
  // hl.end) wrapped in one <mark>. Returns {fragment, mark}.
  function markedText(text, spans, hl) {
    const fragment = document.createDocumentFragment();
    const usable = spans.filter((s) => validSpan(text, s.start, s.end));
    if (!hl || !validSpan(text, hl.start, hl.end)) {
      append(fragment, spanNodes(text, usable, 0, text.length));
      return { fragment, mark: null };
    }
    const mark = el('mark', { class: 'highlight', id: 'highlight', tabindex: '-1' },
      spanNodes(text, usable, hl.start, hl.end));
    append(fragment, [spanNodes(text, usable, 0, hl.start), mark,
      spanNodes(text, usable, hl.end, text.length)]);
    return { fragment, mark };
  }

  // Removed spans of a raw text, without overlaps, in order.
  function disjoint(text, spans) {
    const sorted = spans.filter((s) => validSpan(text, s.start, s.end))
      .slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const out = [];
    let end = 0;
    for (const span of sorted) {
      if (span.end <= end) continue;
      out.push(Object.assign({}, span, { start: Math.max(span.start, end) }));
      end = span.end;
    }
    return out;
  }

  // The raw text with each removal as a <del> preceded by its reason, and the
  // repairs inside as spans. makeReason(removal) gives the reason's node.
  function rawWithRemovals(text, removals, repairs, makeReason) {
    const fragment = document.createDocumentFragment();
    const fixes = repairs.filter((s) => validSpan(text, s.start, s.end));
    let at = 0;
    for (const cut of disjoint(text, removals)) {
      append(fragment, spanNodes(text, fixes, at, cut.start));
      append(fragment, el('del', { class: 'removed', 'data-reason': cut.reason || '' },
        makeReason(cut), spanNodes(text, fixes, cut.start, cut.end)));
      at = cut.end;
    }
    append(fragment, spanNodes(text, fixes, at, text.length));
    return fragment;
  }

  // A search snippet marks each matched word with U+0002 before and U+0003
  // after it (docs/serve.md); matches become <mark>, the rest text.
  function snippetNodes(snippet) {
    const s = typeof snippet === 'string' ? snippet : '';
    const out = [];
    let inMatch = false;
    for (const part of s.split(/([\u0002\u0003])/)) {
      if (part === '\u0002') inMatch = true;
      else if (part === '\u0003') inMatch = false;
      else if (part !== '') out.push(inMatch ? el('mark', {}, part) : part);
    }
    return out;
  }

  Object.assign(SL, { el, append, ByteText, validSpan, markedText, rawWithRemovals, snippetNodes });
})(window.SL);
