// newsgraph explorer: a SPARQL editor with the canned queries, result tables, and a
// graph of entities in which every fact leads to the sentences that state it.
//
// It speaks only to the server it came from: /vocabulary (prefixes, relations),
// /queries (the canned queries) and /sparql (everything else, as SPARQL). No
// libraries, no network beyond that.
//
//   startup ─► vocabulary, queries, entity and article index ─► the page is ready
//   editor ─► /sparql ─► table (SELECT), yes/no (ASK), triples + graph (CONSTRUCT/DESCRIBE)
//   entity ─► its facts ─► graph (neighbourhood) + entity card
//   fact or edge ─► its claims ─► evidence sentences ─► the article, sentence highlighted
(function () {
  "use strict";

  // ---------------------------------------------------------------- helpers

  const $ = (sel, root) => (root || document).querySelector(sel);
  const SVGNS = "http://www.w3.org/2000/svg";
  const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
  const LABELS = new Set([
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/name",
    "https://schema.org/headline",
  ]);
  const NUMERIC = new Set(["integer", "decimal", "double", "float", "long", "int", "short",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedLong", "unsignedInt"].map((t) => XSD + t));
  const CURRENCY = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };
  const TYPES = ["Person", "Organization", "Product", "Place", "Event", "Article", "Claim", "Thing"];

  /** An element: el("a", {class: "x", href: "#"}, "text", child, ...). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    for (const c of children.flat()) {
      if (c != null && c !== false) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    return e;
  }
  function setAttrs(e, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") e.setAttribute("class", v);
      else if (k === "text") e.textContent = v;
      else if (k === "dataset") {
        for (const [dk, dv] of Object.entries(v)) if (dv != null) e.dataset[dk] = dv;
      }
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
  }
  const plural = (n, one, many) => n.toLocaleString("en") + " " + (n === 1 ? one : (many || one + "s"));
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const isTyping = (t) => t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);

  // ---------------------------------------------------------------- state

  const S = {
    prefixes: [],            // [{prefix, iri}], longest namespace first
    ng: "https://w3id.org/newsgraph/ontology#",
    claimNs: null,
    symmetric: new Set(),    // relation IRIs stored once per pair
    relations: new Set(),    // relation IRIs between entities
    entities: new Map(),     // IRI -> {label, type, alts}
    byLabel: new Map(),      // exact label -> IRI, or null when two entities share it
    indexComplete: true,
    docs: new Map(),         // article IRI -> {file, headline, published, lang}
    docByFile: new Map(),
    queries: [],
    current: { name: null, text: null }, // the query last run
    entity: null,            // the entity in focus
  };
  const INDEX_LIMIT = 20000;

  // ---------------------------------------------------------------- SPARQL

  class HttpError extends Error {
    constructor(status, statusText, body) {
      super(body || statusText);
      this.status = status;
      this.statusText = statusText;
    }
  }

  async function post(query, accept, signal) {
    let res;
    try {
      res = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", "Accept": accept },
        body: query,
        signal,
      });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new Error("The server did not answer (" + e.message + "). Is `newsgraph serve` still running?");
    }
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, res.statusText, text.trim());
    return { type: (res.headers.get("Content-Type") || "").split(";")[0].trim(), text };
  }

  async function select(query, signal) {
    const r = await post(query, "application/sparql-results+json", signal);
    return JSON.parse(r.text).results.bindings;
  }

  const val = (b, name) => (b[name] ? b[name].value : undefined);
  const ref = (iri) => "<" + iri + ">";

  function compact(iri) {
    for (const { prefix, iri: ns } of S.prefixes) {
      if (iri.startsWith(ns)) {
        const local = iri.slice(ns.length);
        if (local && /^[\p{L}\p{N}_.-]+$/u.test(local) && !local.endsWith(".")) return prefix + ":" + local;
      }
    }
    return "<" + iri + ">";
  }
  const relName = (p) => (p.startsWith(S.ng) ? p.slice(S.ng.length) : compact(p));

  function labelOf(iri) {
    const e = S.entities.get(iri);
    if (e) return e.label;
    const d = S.docs.get(iri);
    if (d) return d.file || compact(iri);
    return compact(iri);
  }
  function kindOf(iri) {
    const e = S.entities.get(iri);
    if (e) return e.type;
    if (S.docs.has(iri)) return "Article";
    if (S.claimNs && iri.startsWith(S.claimNs)) return "Claim";
    return "Thing";
  }

  function money(amount, currency) {
    const n = Number(amount);
    if (!amount || !isFinite(n)) return (amount || "") + (currency ? " " + currency : "");
    let text = n.toLocaleString("en");
    for (const [f, u] of [[1e12, "T"], [1e9, "B"], [1e6, "M"]]) {
      if (Math.abs(n) >= f) { text = Number((n / f).toFixed(2)) + u; break; }
    }
    const sym = CURRENCY[currency];
    return sym ? sym + text : text + (currency ? " " + currency : "");
  }

  // The facts of one entity: direct triples between entities, in and out, with
  // the number of articles, amounts, dates and modalities of the claims behind them.
  function factsQuery(e) {
    const sym = [...S.symmetric].map(ref).join(", ") || "<urn:none>";
    return `SELECT ?s ?p ?o (COUNT(DISTINCT ?doc) AS ?sources)
  (GROUP_CONCAT(DISTINCT ?money; separator=" / ") AS ?amounts)
  (GROUP_CONCAT(DISTINCT STR(?date); separator=" / ") AS ?dates)
  (GROUP_CONCAT(DISTINCT STR(?m); separator=" ") AS ?modalities)
WHERE {
  { VALUES ?s { ${ref(e)} } ?s ?p ?o } UNION { VALUES ?o { ${ref(e)} } ?s ?p ?o }
  FILTER(STRSTARTS(STR(?p), STR(ng:)))
  GRAPH ngd:entities { ?s rdfs:label ?sl . ?o rdfs:label ?ol }
  OPTIONAL {
    ?c ng:predicate ?p ; ng:polarity true ; prov:wasDerivedFrom ?doc .
    { ?c ng:subject ?s ; ng:object ?o } UNION { ?c ng:subject ?o ; ng:object ?s . FILTER(?p IN (${sym})) }
    OPTIONAL { ?c ng:amount ?amount ; ng:currency ?cur . BIND(CONCAT(STR(?amount), " ", ?cur) AS ?money) }
    OPTIONAL { ?c ng:date ?date }
    OPTIONAL { ?c ng:modality ?m }
  }
}
GROUP BY ?s ?p ?o
ORDER BY ?p ?s ?o`;
  }

  const factsCache = new Map();
  function factsOf(e) {
    if (!factsCache.has(e)) {
      const p = select(factsQuery(e)).then((rows) => rows.map((b) => ({
        s: val(b, "s"), p: val(b, "p"), o: val(b, "o"),
        sources: Number(val(b, "sources")) || 0,
        amounts: (val(b, "amounts") || "").split(" / ").filter(Boolean)
          .map((a) => { const [n, c] = a.split(" "); return money(n, c); }),
        dates: (val(b, "dates") || "").split(" / ").filter(Boolean).sort(),
        modalities: new Set((val(b, "modalities") || "").split(" ").filter(Boolean).map(relName)),
      })));
      p.catch(() => factsCache.delete(e));
      factsCache.set(e, p);
    }
    return factsCache.get(e);
  }
  const factKey = (s, p, o) => (S.symmetric.has(p) && s > o ? [o, p, s] : [s, p, o]).join("\u0001");
  const speculativeOnly = (f) => f.modalities.size > 0 && [...f.modalities].every((m) => m === "Speculative");

  function factDetail(f) {
    const parts = [];
    if (f.amounts.length) parts.push(f.amounts.join(" / "));
    if (f.dates.length) parts.push(f.dates.length > 1 ? f.dates[0] + " – " + f.dates[f.dates.length - 1] : f.dates[0]);
    return parts.join(", ");
  }

  // Claims with their evidence, qualifiers, attribution and article.
  const CLAIM_VARS = "?c ?s ?p ?o ?polarity ?evidence ?doc ?m ?src ?amount ?cur ?date ?role ?conf ?start ?end";
  const CLAIM_DETAILS = `OPTIONAL { ?c ng:evidence ?evidence } OPTIONAL { ?c prov:wasDerivedFrom ?doc }
  OPTIONAL { ?c ng:modality ?m } OPTIONAL { ?c ng:attributedTo ?src }
  OPTIONAL { ?c ng:amount ?amount } OPTIONAL { ?c ng:currency ?cur } OPTIONAL { ?c ng:date ?date }
  OPTIONAL { ?c ng:role ?role } OPTIONAL { ?c ng:confidence ?conf }
  OPTIONAL { ?c ng:start ?start } OPTIONAL { ?c ng:end ?end }`;

  function factClaimsQuery(s, p, o) {
    const pairs = S.symmetric.has(p) ? `(${ref(s)} ${ref(o)}) (${ref(o)} ${ref(s)})` : `(${ref(s)} ${ref(o)})`;
    return `SELECT ${CLAIM_VARS} WHERE {
  VALUES (?s ?o) { ${pairs} } VALUES ?p { ${ref(p)} }
  ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; ng:polarity ?polarity .
  ${CLAIM_DETAILS}
}
ORDER BY DESC(?polarity) ?doc ?start ?c`;
  }

  function claimsByIriQuery(iris) {
    return `SELECT ${CLAIM_VARS} WHERE {
  VALUES ?c { ${iris.map(ref).join(" ")} }
  ?c ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; ng:polarity ?polarity .
  ${CLAIM_DETAILS}
}
ORDER BY DESC(?polarity) ?doc ?start ?c`;
  }

  // ---------------------------------------------------------------- startup

  async function start() {
    const [vocab, queries] = await Promise.all([getJson("/vocabulary"), getJson("/queries")]);
    S.prefixes = vocab.prefixes.slice().sort((a, b) => b.iri.length - a.iri.length);
    S.ng = (vocab.prefixes.find((p) => p.prefix === "ng") || {}).iri || S.ng;
    S.claimNs = (vocab.prefixes.find((p) => p.prefix === "ngc") || {}).iri;
    for (const r of vocab.relations) {
      if (r.symmetric) S.symmetric.add(S.ng + r.name);
      if (!r.literal) S.relations.add(S.ng + r.name);
    }
    S.queries = queries;
    renderPrefixes(vocab.prefixes);
    renderQueryList();
    renderLegend();
    // Without the indexes the page still works: search asks the server, and IRIs
    // show without labels.
    await Promise.all([
      loadEntities().catch(() => { S.indexComplete = false; }),
      loadArticles().catch(() => {}),
    ]);
    document.body.dataset.ready = "yes";
    loadStats();
    window.addEventListener("popstate", () => applyHash(false));
    window.addEventListener("hashchange", () => applyHash(false));
    applyHash(true);
  }

  async function getJson(path) {
    const res = await fetch(path);
    if (!res.ok) throw new HttpError(res.status, res.statusText, (await res.text()).trim());
    return res.json();
  }

  async function loadEntities() {
    const rows = await select(`SELECT ?e ?label ?type (GROUP_CONCAT(DISTINCT STR(?alt); separator="|") AS ?alts)
WHERE { GRAPH ngd:entities { ?e rdfs:label ?label . OPTIONAL { ?e a ?type } OPTIONAL { ?e skos:altLabel ?alt } } }
GROUP BY ?e ?label ?type LIMIT ${INDEX_LIMIT + 1}`);
    S.indexComplete = rows.length <= INDEX_LIMIT;
    for (const b of rows.slice(0, INDEX_LIMIT)) {
      const iri = val(b, "e");
      const type = val(b, "type");
      const label = val(b, "label");
      const known = S.entities.get(iri);
      if (known) { if (type && known.type === "Thing") known.type = type.replace(/^.*[/#]/, ""); continue; }
      S.entities.set(iri, {
        label,
        type: type ? type.replace(/^.*[/#]/, "") : "Thing",
        alts: (val(b, "alts") || "").split("|").filter((a) => a && a !== label),
      });
      S.byLabel.set(label, S.byLabel.has(label) ? null : iri);
    }
  }

  async function loadArticles() {
    const rows = await select(`SELECT ?doc ?file ?headline ?published ?lang WHERE {
  ?doc a schema:NewsArticle .
  OPTIONAL { ?doc schema:isBasedOn ?file } OPTIONAL { ?doc schema:headline ?headline }
  OPTIONAL { ?doc schema:datePublished ?published } OPTIONAL { ?doc schema:inLanguage ?lang }
} ORDER BY ?doc LIMIT ${INDEX_LIMIT}`);
    for (const b of rows) {
      const doc = val(b, "doc");
      if (S.docs.has(doc)) continue;
      const d = { file: val(b, "file"), headline: val(b, "headline"), published: val(b, "published"), lang: val(b, "lang") };
      S.docs.set(doc, d);
      if (d.file) S.docByFile.set(d.file, doc);
    }
  }

  // The direct triples between entities, read per relation from the predicate
  // index (a FILTER on the predicate's namespace would scan every quad).
  function directFacts() {
    const relations = [...S.relations].map(ref).join(" ") || "<urn:none>";
    return `SELECT DISTINCT ?s ?p ?o WHERE {
    VALUES ?p { ${relations} } ?s ?p ?o .
    GRAPH ngd:entities { ?s rdfs:label ?sl . ?o rdfs:label ?ol } }`;
  }

  async function loadStats() {
    try {
      const [b] = await select(`SELECT ?claims ?facts WHERE {
  { SELECT (COUNT(DISTINCT ?c) AS ?claims) WHERE { ?c a ng:Claim } }
  { SELECT (COUNT(*) AS ?facts) WHERE { ${directFacts()} } }
}`);
      const entities = S.indexComplete ? plural(S.entities.size, "entity", "entities") : INDEX_LIMIT.toLocaleString("en") + "+ entities";
      $("#stats").textContent = [
        plural(S.docs.size, "article"), entities,
        plural(Number(val(b, "facts")), "fact"), plural(Number(val(b, "claims")), "claim"),
      ].join(" · ");
    } catch (e) {
      $("#stats").textContent = "";
    }
  }

  /** The entities with most facts: where to start when nothing is asked for yet. */
  async function topEntities() {
    const rows = await select(`SELECT ?e (COUNT(*) AS ?facts) WHERE {
  { ${directFacts()} }
  VALUES ?side { 1 2 } BIND(IF(?side = 1, ?s, ?o) AS ?e)
} GROUP BY ?e ORDER BY DESC(?facts) ?e LIMIT 12`);
    return rows.map((b) => ({ iri: val(b, "e"), facts: Number(val(b, "facts")) }));
  }

  // ---------------------------------------------------------------- canned queries and editor

  const editor = $("#editor");
  const gutter = $("#gutter");
  let running = null;

  function renderPrefixes(prefixes) {
    $("#prefixes").replaceChildren(...prefixes.flatMap((p) => [el("dt", null, p.prefix + ":"), el("dd", null, p.iri)]));
  }

  function renderQueryList() {
    $("#queries").replaceChildren(...S.queries.map((q) => el("li", null,
      el("button", {
        type: "button", class: "query", title: q.description + "\n(" + q.name + ".rq)", dataset: { query: q.name },
        onclick: () => loadCanned(q.name),
      }, el("span", { class: "title" }, q.title), el("span", { class: "desc" }, q.description)))));
  }

  function loadCanned(name) {
    const q = S.queries.find((x) => x.name === name);
    if (!q) return;
    editor.value = q.text;
    editorChanged();
    runEditor();
  }

  function editorChanged() {
    const lines = editor.value.split("\n").length;
    let text = "";
    for (let i = 1; i <= lines; i++) text += i + "\n";
    gutter.textContent = text;
    gutter.scrollTop = editor.scrollTop;
    const canned = S.queries.find((q) => q.text === editor.value);
    for (const b of document.querySelectorAll("#queries button.query")) {
      b.classList.toggle("active", !!canned && b.dataset.query === canned.name);
    }
  }
  editor.addEventListener("input", () => { editorChanged(); gutter.classList.remove("has-error"); });
  editor.addEventListener("scroll", () => { gutter.scrollTop = editor.scrollTop; });

  function runEditor() {
    const text = editor.value;
    if (!text.trim()) { editor.focus(); return; }
    const canned = S.queries.find((q) => q.text === text);
    S.current = { name: canned ? canned.name : null, text };
    writeHash(false);
    return run(text);
  }
  $("#run").addEventListener("click", runEditor);

  async function run(text) {
    if (running) running.abort();
    const ctrl = new AbortController();
    running = ctrl;
    const results = $("#results");
    results.dataset.state = "running";
    $("#run").classList.add("busy");
    $("#status").textContent = "Running… (Esc cancels)";
    $("#download").hidden = true;
    markErrorLine(null);
    const t0 = performance.now();
    try {
      const r = await post(text, "application/sparql-results+json, application/n-triples", ctrl.signal);
      const ms = Math.round(performance.now() - t0);
      if (r.type === "application/sparql-results+json") {
        const json = JSON.parse(r.text);
        if (typeof json.boolean === "boolean") renderBoolean(json.boolean, ms);
        else renderTable(json, ms, text);
      } else if (r.type === "application/n-triples") {
        renderTriples(parseNTriples(r.text), ms, text);
      } else {
        results.replaceChildren(el("pre", { class: "raw" }, r.text));
        $("#status").textContent = ms + " ms";
      }
      results.dataset.state = "done";
    } catch (e) {
      if (e.name === "AbortError") return;
      renderError(e);
    } finally {
      if (running === ctrl) { running = null; $("#run").classList.remove("busy"); }
    }
  }

  /** Stops waiting for the query (the server still finishes it, within its time limit). */
  function cancel() {
    if (!running) return false;
    running.abort();
    running = null;
    $("#run").classList.remove("busy");
    $("#status").textContent = "Cancelled";
    $("#results").dataset.state = "cancelled";
    return true;
  }

  // The endpoint hands its prefixes to the parser apart from the query, so the
  // positions in its messages point into the editor as they are.
  function editorPosition(message) {
    let line = null;
    // The parser lists the characters a name may start with; say so in two words.
    const tidy = message.replace(/\[(?:'[^']*' ?\.\.= ?'[^']*'\s*\|?\s*)+\]/g, (all) => (all.includes("\\u{") ? "a letter" : all));
    const text = tidy.replace(/\b(line |at )(\d+)([:,]\s?(?:column )?\d+)?/g, (all, lead, n) => {
      if (line === null) line = Number(n);
      return all;
    });
    return { text, line };
  }

  function renderError(e) {
    const results = $("#results");
    results.dataset.state = "error";
    $("#status").textContent = "";
    const status = e instanceof HttpError ? e.status + " " + (e.statusText || "") : "Error";
    const { text, line } = editorPosition(e.message);
    markErrorLine(line);
    results.replaceChildren(el("div", { class: "error", role: "alert" },
      el("strong", { class: "status" }, status.trim()), el("pre", { class: "message" }, text)));
  }

  function markErrorLine(line) {
    gutter.classList.toggle("has-error", line != null);
    if (line == null) { gutter.textContent = gutter.textContent; return; }
    const lines = gutter.textContent.split("\n");
    gutter.replaceChildren(...lines.map((n, i) => (i === line - 1 ? el("mark", null, n + "\n") : n + (i < lines.length - 1 ? "\n" : ""))));
  }

  function renderBoolean(b, ms) {
    $("#status").textContent = ms + " ms";
    $("#results").replaceChildren(el("p", { class: "boolean " + (b ? "yes" : "no"), dataset: { boolean: String(b) } }, b ? "yes — true" : "no — false"));
  }

  // ---------------------------------------------------------------- result tables

  const ROW_LIMIT = 500;

  function renderTable(json, ms, query) {
    const vars = json.head.vars || [];
    const rows = json.results.bindings;
    $("#status").textContent = plural(rows.length, "row") + " · " + ms + " ms";
    offerDownload("CSV", () => download(query, "text/csv", "results.csv"));
    if (!rows.length) {
      $("#results").replaceChildren(el("p", { class: "placeholder" }, "No results."));
      return;
    }
    const table = el("table", { class: "results" });
    const sort = { col: null, dir: 1 };
    const head = el("tr", null, vars.map((v) => el("th", { scope: "col", "aria-sort": "none" },
      el("button", { type: "button", class: "sort", title: "Sort by ?" + v, onclick: (ev) => sortBy(v, ev.currentTarget.parentNode) }, "?" + v))));
    const tbody = el("tbody");
    table.append(el("thead", null, head), tbody);
    let shown = Math.min(rows.length, ROW_LIMIT);
    const more = el("button", { type: "button", class: "more", onclick: () => { shown = rows.length; fill(); } });
    function fill() {
      tbody.replaceChildren(...rows.slice(0, shown).map((b) => el("tr", null, vars.map((v) => termCell(b[v])))));
      more.hidden = shown >= rows.length;
      more.textContent = "Show all " + rows.length.toLocaleString("en") + " rows";
    }
    function sortBy(v, th) {
      sort.dir = sort.col === v ? -sort.dir : 1;
      sort.col = v;
      for (const h of head.children) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      rows.sort((a, b) => sort.dir * compareTerms(a[v], b[v]));
      fill();
    }
    fill();
    $("#results").replaceChildren(el("div", { class: "table-wrap" }, table), more);
  }

  function compareTerms(a, b) {
    if (!a || !b) return a ? -1 : b ? 1 : 0;
    if (NUMERIC.has(a.datatype) && NUMERIC.has(b.datatype)) return Number(a.value) - Number(b.value);
    return a.value.localeCompare(b.value, undefined, { numeric: true, sensitivity: "base" });
  }

  function termCell(t) {
    const td = el("td", null, termNode(t));
    if (t && NUMERIC.has(t.datatype)) td.className = "num";
    else if (t && t.type === "literal" && t.value.length > 30) td.className = "long";
    return td;
  }

  function termNode(t) {
    if (!t) return el("span", { class: "unbound", title: "unbound" });
    switch (t.type) {
      case "uri": return iriNode(t.value);
      case "bnode": return el("span", { class: "bnode" }, "_:" + t.value);
      case "literal":
      case "typed-literal": return literalNode(t.value, t.datatype, t["xml:lang"]);
      default: return el("span", null, t.value || "");
    }
  }

  function iriNode(iri, text) {
    if (S.entities.has(iri)) return entityLink(iri, text || compact(iri));
    if (S.docs.has(iri)) return articleLink(iri, text || compact(iri));
    if (S.claimNs && iri.startsWith(S.claimNs)) {
      return el("a", { href: "#", class: "claim-link", dataset: { claim: iri }, title: "Show this claim and its evidence" }, text || compact(iri));
    }
    return el("span", { class: "iri", title: iri }, text || compact(iri));
  }

  function literalNode(value, datatype, lang) {
    if (!datatype || datatype === XSD + "string" || datatype === RDF_LANG_STRING) {
      const entity = S.byLabel.get(value);
      if (entity) return entityLink(entity, value);
      const doc = S.docByFile.get(value);
      if (doc) return articleLink(doc, value);
      const span = el("span", { class: "lit" }, value);
      if (lang) span.append(el("sup", { class: "lang" }, lang));
      return span;
    }
    if (NUMERIC.has(datatype) && /^-?\d+$/.test(value) && value.length > 4) {
      return el("span", { class: "lit", title: value + " (" + compact(datatype) + ")" }, Number(value).toLocaleString("en"));
    }
    return el("span", { class: "lit", title: compact(datatype) }, value);
  }

  function entityLink(iri, text) {
    const e = S.entities.get(iri);
    return el("a", {
      href: "#entity=" + encodeURIComponent(iri),
      class: "entity t-" + (e ? e.type : "Thing"),
      dataset: { iri },
      title: (e ? e.label + " · " + e.type + "\n" : "") + compact(iri) + "\nclick: its neighbourhood · shift+click: add to the graph",
    }, text);
  }

  function articleLink(doc, text, span) {
    const d = S.docs.get(doc) || {};
    return el("a", {
      href: "#", class: "article", dataset: { doc, start: span ? span[0] : null, end: span ? span[1] : null },
      title: (d.headline ? d.headline + "\n" : "") + (d.file || compact(doc)) + "\nclick: read the article",
    }, text);
  }

  // ---------------------------------------------------------------- CONSTRUCT and DESCRIBE

  /**
   * N-Triples lines to {s, p, o} with o = {type: "uri"|"bnode"|"literal", value, datatype, lang}.
   * A graph is a set: a triple that several named graphs hold comes once.
   */
  function parseNTriples(text) {
    const out = [];
    const seen = new Set();
    const unescape = (s) => s.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (m, u4, u8, c) => {
      if (u4 || u8) return String.fromCodePoint(parseInt(u4 || u8, 16));
      return { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" }[c] || c;
    });
    const term = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;
    for (const line of text.split("\n")) {
      if (!line.trim() || line.trimStart().startsWith("#") || seen.has(line)) continue;
      seen.add(line);
      const terms = [];
      term.lastIndex = 0;
      for (let i = 0; i < 3; i++) {
        const m = term.exec(line);
        if (!m) break;
        if (m[1] !== undefined) terms.push({ type: "uri", value: unescape(m[1]) });
        else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
        else terms.push({ type: "literal", value: unescape(m[3]), lang: m[4], datatype: m[5] });
      }
      if (terms.length === 3) out.push({ s: terms[0], p: terms[1], o: terms[2] });
    }
    return out;
  }

  function renderTriples(triples, ms, query) {
    $("#status").textContent = plural(triples.length, "triple") + " · " + ms + " ms";
    offerDownload("Turtle", () => download(query, "text/turtle", "results.ttl"));
    const table = el("table", { class: "results triples" },
      el("thead", null, el("tr", null, ["subject", "predicate", "object"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", null, triples.slice(0, ROW_LIMIT).map((t) => el("tr", null,
        termCell(t.s), termCell(t.p), termCell(t.o.type === "literal" ? { type: "literal", value: t.o.value, datatype: t.o.datatype, "xml:lang": t.o.lang } : t.o)))));
    const turtle = el("pre", { class: "raw turtle", hidden: true });
    const tabs = el("div", { class: "tabs", role: "tablist" },
      el("button", { type: "button", role: "tab", "aria-selected": "true", onclick: (ev) => tab(ev, false) }, "Triples"),
      el("button", { type: "button", role: "tab", "aria-selected": "false", onclick: (ev) => tab(ev, true) }, "Turtle"));
    async function tab(ev, showTurtle) {
      for (const b of tabs.children) b.setAttribute("aria-selected", String(b === ev.currentTarget));
      wrap.hidden = showTurtle;
      turtle.hidden = !showTurtle;
      if (showTurtle && !turtle.textContent) {
        turtle.textContent = "…";
        try { turtle.textContent = (await post(query, "text/turtle")).text; } catch (e) { turtle.textContent = e.message; }
      }
    }
    const wrap = el("div", { class: "table-wrap" }, table);
    const note = triples.length > ROW_LIMIT ? el("p", { class: "note" }, "The table shows the first " + ROW_LIMIT + " triples; the Turtle tab and the download have all.") : null;
    $("#results").replaceChildren(tabs, wrap, turtle, note || "");
    showGraphOfTriples(triples);
  }

  function showGraphOfTriples(triples) {
    const gen = Graph.reset("Query result");
    const labels = new Map();
    const types = new Map();
    for (const t of triples) {
      if (t.o.type === "literal" && LABELS.has(t.p.value) && !labels.has(t.s.value)) labels.set(t.s.value, t.o.value);
      if (t.p.value === RDF_TYPE && t.o.type === "uri") types.set(t.s.value, t.o.value.replace(/^.*[/#]/, ""));
    }
    const node = (term) => {
      const id = term.type === "bnode" ? "_:" + term.value : term.value;
      const type = S.entities.has(id) ? S.entities.get(id).type : (types.get(id) === "NewsArticle" ? "Article" : types.get(id));
      return Graph.addNode(id, { label: labels.get(id) || (term.type === "bnode" ? id : labelOf(id)), type: TYPES.includes(type) ? type : kindOf(id) });
    };
    for (const t of triples) {
      const s = node(t.s);
      if (t.o.type === "literal") {
        if (s) s.props.push(compact(t.p.value) + " " + t.o.value);
        continue;
      }
      if (t.p.value === RDF_TYPE) continue;
      const o = node(t.o);
      if (s && o) Graph.addEdge(edgeOf(s.id, t.p.value, o.id, null));
    }
    Graph.settle(gen, true);
  }

  function offerDownload(label, action) {
    const b = $("#download");
    b.textContent = "Download " + label;
    b.onclick = action;
    b.hidden = false;
  }

  async function download(query, accept, filename) {
    try {
      const r = await post(query, accept);
      const url = URL.createObjectURL(new Blob([r.text], { type: accept }));
      const a = el("a", { href: url, download: filename });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      renderError(e);
    }
  }

  // ---------------------------------------------------------------- the graph

  function edgeOf(s, p, o, fact) {
    const isFact = S.relations.has(p) && S.entities.has(s) && S.entities.has(o);
    return {
      key: isFact ? factKey(s, p, o) : [s, p, o].join("\u0001"),
      s, p, o, fact: isFact,
      label: relName(p),
      symmetric: S.symmetric.has(p),
      sources: fact ? fact.sources : 0,
      speculative: fact ? speculativeOnly(fact) : false,
      detail: fact ? factDetail(fact) : "",
    };
  }

  const Graph = (function () {
    const svg = $("#graph");
    const defs = svgEl("defs");
    for (const [id, cls] of [["arrow", "arrow"], ["arrow-hl", "arrow hl"]]) {
      const m = svgEl("marker", { id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
      m.append(svgEl("path", { d: "M0,1 L9,5 L0,9 z", class: cls }));
      defs.append(m);
    }
    const viewport = svgEl("g", { class: "viewport" });
    const edgeLayer = svgEl("g", { class: "edges" });
    const nodeLayer = svgEl("g", { class: "nodes" });
    viewport.append(edgeLayer, nodeLayer);
    svg.append(defs, viewport);

    const MAX_NODES = 400;
    const nodes = new Map();
    const edges = new Map();
    let gen = 0;
    let selected = null;
    let view = { x: 0, y: 0, k: 1 };
    let userMoved = false;
    let truncated = false;
    let alpha = 0;
    let raf = 0;

    function reset(title) {
      gen++;
      nodes.clear();
      edges.clear();
      edgeLayer.replaceChildren();
      nodeLayer.replaceChildren();
      selected = null;
      userMoved = false;
      truncated = false;
      alpha = 0;
      $("#graph-title").textContent = title || "Graph";
      status();
      return gen;
    }

    function status() {
      $("#graph-count").textContent = nodes.size ? plural(nodes.size, "node") + ", " + plural(edges.size, "edge") + (truncated ? " (capped at " + MAX_NODES + " nodes)" : "") : "";
      $("#graph-hint").hidden = nodes.size > 0;
      svg.dataset.nodes = String(nodes.size);
    }

    // A new node starts near the node it was reached from, on a spiral, so that an
    // expansion grows where the eye already is.
    function addNode(id, opts) {
      opts = opts || {};
      if (nodes.has(id)) return nodes.get(id);
      if (nodes.size >= MAX_NODES) { truncated = true; return null; }
      const near = opts.near ? nodes.get(opts.near) : null;
      let x = 0, y = 0;
      if (near) {
        const i = near.children++;
        const a = i * 2.39996 + hash(near.id) % 6;
        const r = 70 + 9 * Math.sqrt(i);
        x = near.x + r * Math.cos(a);
        y = near.y + r * Math.sin(a);
      } else if (nodes.size) {
        const a = hash(id) % 628 / 100;
        x = 160 * Math.cos(a);
        y = 160 * Math.sin(a);
      }
      const n = {
        id, label: opts.label || labelOf(id), type: opts.type || kindOf(id),
        x, y, vx: 0, vy: 0, fx: null, fy: null, r: 7, degree: 0, children: 0, expanded: false, props: [],
      };
      n.el = svgEl("g", { class: "node t-" + n.type, tabindex: "0", role: "button", "data-iri": id, "aria-label": n.label + ", " + n.type });
      n.circle = svgEl("circle", { r: n.r });
      n.text = svgEl("text", { y: n.r + 12, "text-anchor": "middle" });
      n.text.textContent = n.label.length > 30 ? n.label.slice(0, 28) + "…" : n.label;
      n.title = svgEl("title");
      n.el.append(n.circle, n.text, n.title);
      nodeLayer.append(n.el);
      nodes.set(id, n);
      retitle(n);
      return n;
    }

    function retitle(n) {
      n.title.textContent = n.label + " (" + n.type + ")\n" + (n.id.startsWith("_:") ? n.id : compact(n.id)) +
        (n.props.length ? "\n" + n.props.slice(0, 8).join("\n") : "") +
        "\n" + (n.expanded ? "click: show" : "click: expand") + " · drag: move · Delete: hide";
    }

    function addEdge(e) {
      if (edges.has(e.key) || !nodes.has(e.s) || !nodes.has(e.o)) return;
      e.el = svgEl("g", { class: "edge" + (e.fact ? " fact" : "") + (e.speculative ? " speculative" : ""), "data-key": e.key, "data-s": e.s, "data-p": e.p, "data-o": e.o });
      e.hit = svgEl("path", { class: "hit" });
      e.line = svgEl("path", { class: "line", "marker-end": e.symmetric ? null : "url(#arrow)" });
      e.line.style.strokeWidth = String(1.2 + Math.min(3, Math.log2(1 + e.sources)));
      e.text = svgEl("text", { class: "elabel", "text-anchor": "middle", dy: "-3" });
      e.text.textContent = e.label;
      const title = svgEl("title");
      title.textContent = labelOf(e.s) + " " + e.label + " " + labelOf(e.o) + (e.detail ? " (" + e.detail + ")" : "") +
        (e.sources ? "\n" + plural(e.sources, "article") : "") + (e.speculative ? "\nspeculative only" : "") + "\nclick: evidence";
      e.el.append(e.hit, e.line, e.text, title);
      edgeLayer.append(e.el);
      edges.set(e.key, e);
    }

    function removeNode(id) {
      const n = nodes.get(id);
      if (!n) return;
      for (const [k, e] of edges) if (e.s === id || e.o === id) { e.el.remove(); edges.delete(k); }
      n.el.remove();
      nodes.delete(id);
      if (selected === id) selected = null;
      structure();
      heat(0.3);
    }

    // Degrees, node sizes and the offsets of parallel edges between one pair.
    function structure() {
      const pairs = new Map();
      for (const n of nodes.values()) n.degree = 0;
      for (const e of edges.values()) {
        nodes.get(e.s).degree++;
        nodes.get(e.o).degree++;
        const pk = e.s < e.o ? e.s + "\u0002" + e.o : e.o + "\u0002" + e.s;
        if (!pairs.has(pk)) pairs.set(pk, []);
        pairs.get(pk).push(e);
      }
      for (const list of pairs.values()) list.forEach((e, i) => { e.index = i; e.group = list.length; });
      for (const n of nodes.values()) {
        const r = 6 + Math.min(10, 1.6 * Math.sqrt(n.degree));
        if (r !== n.r) { n.r = r; n.circle.setAttribute("r", r.toFixed(1)); n.text.setAttribute("y", (r + 12).toFixed(1)); }
        n.el.classList.toggle("expanded", n.expanded);
        retitle(n);
      }
      highlight();
      status();
    }

    // ---- the layout: a small force simulation (repulsion, springs, gravity)

    function tick() {
      alpha += (0 - alpha) * 0.0228;
      const list = [...nodes.values()];
      for (let i = 0; i < list.length; i++) {
        const a = list[i];
        for (let j = i + 1; j < list.length; j++) {
          const b = list[j];
          let dx = b.x - a.x, dy = b.y - a.y;
          let d2 = dx * dx + dy * dy;
          if (d2 < 1) { dx = (hash(a.id + b.id) % 7) - 3 || 1; dy = 1; d2 = dx * dx + dy * dy; }
          if (d2 > 640000) continue;
          const w = -600 * alpha / d2;
          a.vx += dx * w; a.vy += dy * w;
          b.vx -= dx * w; b.vy -= dy * w;
          const min = a.r + b.r + 18;
          if (d2 < min * min) {
            const d = Math.sqrt(d2), push = (min - d) / d * 0.25;
            a.vx -= dx * push; a.vy -= dy * push; b.vx += dx * push; b.vy += dy * push;
          }
        }
      }
      // Edges push other nodes off themselves, bundles of parallel edges the most, so
      // that a node does not sit on an edge and hide its label.
      for (const e of edges.values()) {
        if (e.index) continue;
        const a = nodes.get(e.s), b = nodes.get(e.o);
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        for (const n of list) {
          if (n === a || n === b) continue;
          const dx = n.x - mx, dy = n.y - my, d2 = dx * dx + dy * dy;
          if (d2 > 22500) continue;
          const w = 60 * (e.group || 1) * (e.group || 1) * alpha / Math.max(d2, 25);
          n.vx += dx * w; n.vy += dy * w;
        }
      }
      const seen = new Set();
      for (const e of edges.values()) {
        const pk = e.s < e.o ? e.s + e.o : e.o + e.s;
        if (seen.has(pk)) continue;
        seen.add(pk);
        const a = nodes.get(e.s), b = nodes.get(e.o);
        const dx = b.x + b.vx - a.x - a.vx, dy = b.y + b.vy - a.y - a.vy;
        const d = Math.hypot(dx, dy) || 1;
        // Long enough for a hub's leaves to stand round it side by side.
        const dist = Math.max(40 + 12 * (Math.sqrt(a.degree) + Math.sqrt(b.degree)), 5.5 * Math.max(a.degree, b.degree));
        const k = (d - dist) / d * alpha / Math.max(1, Math.min(a.degree, b.degree));
        const bias = a.degree / (a.degree + b.degree || 1);
        b.vx -= dx * k * bias; b.vy -= dy * k * bias;
        a.vx += dx * k * (1 - bias); a.vy += dy * k * (1 - bias);
      }
      for (const n of list) {
        n.vx -= n.x * 0.02 * alpha;
        n.vy -= n.y * 0.02 * alpha;
        if (n.fx != null) { n.x = n.fx; n.y = n.fy; n.vx = n.vy = 0; continue; }
        n.vx *= 0.6; n.vy *= 0.6;
        n.x += n.vx; n.y += n.vy;
      }
    }

    function heat(a) {
      alpha = Math.max(alpha, a);
      svg.dataset.settled = "no";
      if (!raf) raf = requestAnimationFrame(frame);
    }

    function frame() {
      raf = 0;
      for (let i = 0; i < 2; i++) tick();
      draw();
      if (alpha > 0.004) raf = requestAnimationFrame(frame);
      else {
        const still = () => { if (!raf) svg.dataset.settled = "yes"; };
        if (!userMoved) fit(true, still); else still();
      }
    }

    /** After a batch of nodes: settle, the first time mostly before anything is drawn. */
    function settle(g, fresh) {
      if (g !== gen) return;
      structure();
      if (fresh) {
        alpha = 1;
        for (let i = 0; i < 160 && alpha > 0.05; i++) tick();
        draw();
        fit();
        heat(0.05);
      } else {
        heat(0.45);
      }
    }

    function draw() {
      for (const n of nodes.values()) n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
      for (const e of edges.values()) {
        const a = nodes.get(e.s), b = nodes.get(e.o);
        const dx = b.x - a.x, dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const flip = e.s < e.o ? 1 : -1;
        const nx = -dy / len * flip, ny = dx / len * flip;
        const off = ((e.index || 0) - ((e.group || 1) - 1) / 2) * 22;
        const mx = (a.x + b.x) / 2 + nx * off, my = (a.y + b.y) / 2 + ny * off;
        const cx = 2 * mx - (a.x + b.x) / 2, cy = 2 * my - (a.y + b.y) / 2;
        const p0 = toward(a, cx, cy, a.r + 1), p1 = toward(b, cx, cy, b.r + (e.symmetric ? 1 : 3));
        const d = "M" + p0 + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + p1;
        e.line.setAttribute("d", d);
        e.hit.setAttribute("d", d);
        let angle = Math.atan2(dy, dx) * 180 / Math.PI;
        if (angle > 90) angle -= 180;
        if (angle < -90) angle += 180;
        e.text.setAttribute("transform", "translate(" + mx.toFixed(1) + "," + my.toFixed(1) + ") rotate(" + angle.toFixed(1) + ")");
      }
    }

    function toward(n, px, py, r) {
      const dx = px - n.x, dy = py - n.y;
      const d = Math.hypot(dx, dy) || 1;
      return (n.x + dx / d * r).toFixed(1) + "," + (n.y + dy / d * r).toFixed(1);
    }

    // ---- view: pan, zoom, fit

    let glide = 0;
    let glided = null;
    function setView(v) {
      stopGlide();
      show(v);
    }
    function stopGlide() {
      cancelAnimationFrame(glide);
      const then = glided;
      glided = null;
      if (then) then();
    }
    function show(v) {
      view = v;
      viewport.setAttribute("transform", "translate(" + v.x.toFixed(1) + "," + v.y.toFixed(1) + ") scale(" + v.k.toFixed(3) + ")");
      svg.classList.toggle("far", v.k < 0.55);
    }
    /** Moves the view to v over a quarter of a second, then calls then. */
    function glideTo(v, then) {
      cancelAnimationFrame(glide);
      const from = view, t0 = performance.now();
      glided = then || null;
      const step = (now) => {
        const t = Math.min(1, (now - t0) / 250), k = t * (2 - t);
        show({ x: from.x + (v.x - from.x) * k, y: from.y + (v.y - from.y) * k, k: from.k + (v.k - from.k) * k });
        if (t < 1) glide = requestAnimationFrame(step);
        else stopGlide();
      };
      glide = requestAnimationFrame(step);
    }

    function fit(smooth, then) {
      if (!nodes.size) { if (then) then(); return; }
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const n of nodes.values()) {
        const half = Math.max(n.r, Math.min(30, n.label.length) * 3.3);
        x0 = Math.min(x0, n.x - half); x1 = Math.max(x1, n.x + half);
        y0 = Math.min(y0, n.y - n.r); y1 = Math.max(y1, n.y + n.r + 16);
      }
      const box = svg.getBoundingClientRect();
      const w = box.width || 600, h = box.height || 400, pad = 24;
      const k = Math.min((w - 2 * pad) / (x1 - x0 || 1), (h - 2 * pad) / (y1 - y0 || 1), 1.6);
      const v = { k, x: w / 2 - k * (x0 + x1) / 2, y: h / 2 - k * (y0 + y1) / 2 };
      if (smooth) glideTo(v, then);
      else { setView(v); if (then) then(); }
    }

    function zoom(factor, px, py) {
      const k = Math.min(4, Math.max(0.08, view.k * factor));
      if (px == null) { const box = svg.getBoundingClientRect(); px = box.width / 2; py = box.height / 2; }
      setView({ k, x: px - (px - view.x) * k / view.k, y: py - (py - view.y) * k / view.k });
      userMoved = true;
    }

    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoom(Math.exp(-ev.deltaY * (ev.deltaMode ? 0.05 : 0.0015)), ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });

    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      const g = ev.target.closest("g.node");
      const edge = ev.target.closest("g.edge");
      drag = { node: g ? nodes.get(g.dataset.iri) : null, edge: edge ? edge.dataset.key : null, x0: ev.clientX, y0: ev.clientY, vx: view.x, vy: view.y, moved: false, shift: ev.shiftKey };
      try { svg.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer */ }
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x0, dy = ev.clientY - drag.y0;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      if (drag.node) {
        const r = svg.getBoundingClientRect();
        drag.node.fx = drag.node.x = (ev.clientX - r.left - view.x) / view.k;
        drag.node.fy = drag.node.y = (ev.clientY - r.top - view.y) / view.k;
        drag.node.el.classList.add("pinned");
        userMoved = true;
        draw();
        heat(0.08);
      } else {
        setView({ k: view.k, x: drag.vx + dx, y: drag.vy + dy });
        userMoved = true;
      }
    });
    const endDrag = (ev) => {
      const d = drag;
      drag = null;
      if (!d || d.moved || ev.type === "pointercancel") return;
      if (d.node) onNode(d.node.id, { shift: d.shift });
      else if (d.edge && edges.has(d.edge)) onEdge(edges.get(d.edge));
    };
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);

    svg.addEventListener("keydown", (ev) => {
      const g = ev.target.closest && ev.target.closest("g.node");
      if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); onNode(g.dataset.iri, { shift: ev.shiftKey }); }
      else if (g && (ev.key === "Delete" || ev.key === "Backspace")) {
        ev.preventDefault();
        const next = g.nextElementSibling || g.previousElementSibling;
        removeNode(g.dataset.iri);
        (next || svg).focus();
      } else if (ev.key === "+" || ev.key === "=") { zoom(1.25); }
      else if (ev.key === "-") { zoom(0.8); }
      else if (ev.key === "0") { userMoved = false; fit(true); }
      else return;
      ev.stopPropagation();
    });

    // Hover and selection light up a node's edges.
    let hover = null;
    svg.addEventListener("pointerover", (ev) => {
      const g = ev.target.closest("g.node");
      const id = g ? g.dataset.iri : null;
      if (id !== hover) { hover = id; highlight(); }
    });
    svg.addEventListener("pointerleave", () => { hover = null; highlight(); });

    function highlight() {
      const focus = new Set([selected, hover].filter(Boolean));
      for (const n of nodes.values()) n.el.classList.toggle("selected", n.id === selected);
      for (const e of edges.values()) {
        const on = focus.has(e.s) || focus.has(e.o);
        e.el.classList.toggle("hl", on);
        if (!e.symmetric) e.line.setAttribute("marker-end", on ? "url(#arrow-hl)" : "url(#arrow)");
      }
    }

    function select(id) {
      selected = id;
      highlight();
    }

    function markExpanded(id) {
      const n = nodes.get(id);
      if (n) { n.expanded = true; }
    }

    $("#graph-fit").addEventListener("click", () => { userMoved = false; fit(true); });
    $("#graph-relayout").addEventListener("click", () => {
      for (const n of nodes.values()) { n.fx = n.fy = null; n.el.classList.remove("pinned"); }
      userMoved = false;
      heat(0.8);
    });
    $("#graph-clear").addEventListener("click", () => { reset("Graph"); });
    window.addEventListener("resize", () => { if (!userMoved) fit(); });

    return {
      reset, addNode, addEdge, settle, select, markExpanded,
      generation: () => gen,
      has: (id) => nodes.has(id),
      node: (id) => nodes.get(id),
      edge: (key) => edges.get(key),
    };
  })();

  function hash(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }

  // Clicking a node expands it (adds its neighbours) and shows it.
  function onNode(id) {
    Graph.select(id);
    showResource(id);
    const n = Graph.node(id);
    if (n && !n.expanded) expand(id);
  }

  function onEdge(e) {
    if (e.fact) showFact(e.s, e.p, e.o);
    else if (S.claimNs && e.s.startsWith(S.claimNs)) showClaims([e.s], "Claim " + compact(e.s));
    else if (S.claimNs && e.o.startsWith(S.claimNs)) showClaims([e.o], "Claim " + compact(e.o));
    else showTriple(e);
  }

  /** Adds a node's neighbours to the graph; lets the layout settle unless told not to. */
  async function expand(id, settle) {
    const gen = Graph.generation();
    const n = Graph.node(id);
    if (!n) return;
    Graph.markExpanded(id);
    try {
      if (S.entities.has(id)) {
        const facts = await factsOf(id);
        if (gen !== Graph.generation()) return;
        for (const f of facts) {
          if (f.s !== id && !Graph.node(f.s)) Graph.addNode(f.s, { near: id });
          if (f.o !== id && !Graph.node(f.o)) Graph.addNode(f.o, { near: id });
          Graph.addEdge(edgeOf(f.s, f.p, f.o, f));
        }
      } else if (!id.startsWith("_:")) {
        const rows = await select(`SELECT ?s ?p ?o WHERE {
  { VALUES ?s { ${ref(id)} } ?s ?p ?o . FILTER(!isLiteral(?o)) } UNION { VALUES ?o { ${ref(id)} } ?s ?p ?o }
  FILTER(?p != rdf:type)
} LIMIT 200`);
        if (gen !== Graph.generation()) return;
        for (const b of rows) {
          const s = val(b, "s"), p = val(b, "p"), o = val(b, "o");
          if (b.s.type === "bnode" || b.o.type === "bnode") continue;
          Graph.addNode(s, { near: id });
          Graph.addNode(o, { near: id });
          Graph.addEdge(edgeOf(s, p, o, null));
        }
      }
      if (settle !== false) Graph.settle(gen, false);
    } catch (e) {
      showPaneError($("#entity-pane"), e);
    }
  }

  /** An entity's neighbourhood: the graph starts anew from it (or grows, with add). */
  async function focusEntity(iri, opts) {
    opts = opts || {};
    S.entity = iri;
    if (opts.push !== false) writeHash(false);
    if (opts.add && Graph.generation() && Graph.has(iri)) {
      onNode(iri);
      return;
    }
    let gen = Graph.generation();
    if (!opts.add) gen = Graph.reset("Neighbourhood of " + labelOf(iri));
    Graph.addNode(iri);
    Graph.select(iri);
    showEntity(iri);
    await expand(iri, false);
    Graph.settle(gen, !opts.add);
  }

  // ---------------------------------------------------------------- the entity card

  let paneToken = 0;

  function showResource(iri) {
    if (iri.startsWith("_:")) return showBlankNode(iri);
    if (S.entities.has(iri)) return showEntity(iri);
    if (S.docs.has(iri)) return showArticleCard(iri);
    if (S.claimNs && iri.startsWith(S.claimNs)) return showClaims([iri], "Claim " + compact(iri));
    return showDescription(iri);
  }

  function showPaneError(pane, e) {
    pane.dataset.state = "error";
    pane.replaceChildren(el("div", { class: "error", role: "alert" },
      el("strong", null, e instanceof HttpError ? e.status + " " + e.statusText : "Error"), el("pre", { class: "message" }, e.message)));
  }

  async function showEntity(iri) {
    const token = ++paneToken;
    const pane = $("#entity-pane");
    const e = S.entities.get(iri) || { label: compact(iri), type: "Thing", alts: [] };
    pane.dataset.entity = iri;
    pane.dataset.state = "loading";
    const head = el("header", null,
      el("h2", null, e.label, " ", el("span", { class: "badge t-" + e.type }, e.type)),
      el("p", { class: "iri" }, el("code", null, compact(iri))));
    pane.replaceChildren(head, el("p", { class: "placeholder" }, "Loading…"));
    let facts, claims, mentions, same;
    try {
      [facts, claims, mentions, same] = await Promise.all([
        factsOf(iri),
        select(`SELECT ?c ?s ?p ?o ?polarity ?cur ?doc WHERE {
  { VALUES ?s { ${ref(iri)} } ?c ng:subject ?s } UNION { VALUES ?o { ${ref(iri)} } ?c ng:object ?o }
  ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; ng:polarity ?polarity .
  FILTER(?polarity = false || !isIRI(?o))
  OPTIONAL { ?c ng:currency ?cur } OPTIONAL { ?c prov:wasDerivedFrom ?doc }
} ORDER BY ?p ?o ?c`),
        select(`SELECT ?doc (SUM(?n) AS ?mentions) WHERE {
  ?occ a ng:Occurrence ; ng:entity ${ref(iri)} ; ng:document ?doc ; ng:mentionCount ?n .
} GROUP BY ?doc ORDER BY DESC(?mentions) ?doc`),
        select(`SELECT DISTINCT ?same WHERE { GRAPH ngd:entities { ${ref(iri)} owl:sameAs ?same } } ORDER BY ?same`),
      ]);
    } catch (err) {
      if (token === paneToken) showPaneError(pane, err);
      return;
    }
    if (token !== paneToken) return;
    const line = head.querySelector(".iri");
    for (const b of same) {
      const s = val(b, "same");
      const link = /^https?:\/\//.test(s) ? el("a", { href: s, target: "_blank", rel: "noopener noreferrer", class: "external" }, compact(s)) : el("code", null, compact(s));
      line.append(" · ", link);
    }
    if (e.alts.length) head.append(el("p", { class: "alts" }, "Also: " + e.alts.join(", ")));

    const sections = [];
    const out = facts.filter((f) => f.s === iri), inn = facts.filter((f) => f.s !== iri);
    sections.push(el("h3", null, "Facts ", el("span", { class: "count" }, facts.length)));
    if (facts.length) {
      sections.push(el("ul", { class: "facts relations" }, [...out, ...inn].map((f) => factItem(f, iri))));
    } else {
      sections.push(el("p", { class: "placeholder" }, "No facts link this entity to another."));
    }

    const figures = groupClaims(claims.filter((b) => val(b, "polarity") === "true"));
    if (figures.length) {
      sections.push(el("h3", null, "Figures ", el("span", { class: "count" }, figures.length)));
      sections.push(el("ul", { class: "facts figures" }, figures.map((g) => el("li", { class: "fact", dataset: { claims: g.claims.join(" ") } },
        el("button", { type: "button", class: "rel", onclick: () => showClaims(g.claims, e.label + " " + relName(g.p) + " " + g.text) }, relName(g.p)),
        " ", el("strong", null, g.text),
        el("span", { class: "meta" }, plural(g.docs.size, "article"))))));
    }

    const denied = groupClaims(claims.filter((b) => val(b, "polarity") === "false"));
    if (denied.length) {
      sections.push(el("h3", null, "Denied ", el("span", { class: "count" }, denied.length)));
      sections.push(el("ul", { class: "facts denied" }, denied.map((g) => el("li", { class: "fact", dataset: { claims: g.claims.join(" ") } },
        g.s === iri ? el("strong", null, e.label) : iriNode(g.s, labelOf(g.s)), " ",
        el("button", { type: "button", class: "rel", title: "The articles deny this", onclick: () => showClaims(g.claims, "Denied: " + labelOf(g.s) + " " + relName(g.p) + " " + g.text) }, "not " + relName(g.p)), " ",
        g.isIri ? (g.o === iri ? el("strong", null, e.label) : iriNode(g.o, labelOf(g.o))) : el("strong", null, g.text),
        el("span", { class: "meta" }, plural(g.docs.size, "article"))))));
    }

    sections.push(el("h3", null, "Articles ", el("span", { class: "count" }, mentions.length)));
    sections.push(el("ul", { class: "articles" }, mentions.map((b) => {
      const doc = val(b, "doc"), d = S.docs.get(doc) || {};
      const link = articleLink(doc, d.headline || d.file || compact(doc));
      link.dataset.entity = iri;
      return el("li", null, link,
        el("span", { class: "meta" }, [d.published, plural(Number(val(b, "mentions")), "mention")].filter(Boolean).join(" · ")));
    })));
    pane.replaceChildren(head, ...sections);
    pane.dataset.state = "done";
  }

  /** Claims with the same subject, relation and object (a literal value or an entity). */
  function groupClaims(rows) {
    const groups = new Map();
    for (const b of rows) {
      const isIri = b.o.type === "uri";
      const text = isIri ? labelOf(val(b, "o")) : (val(b, "cur") ? money(val(b, "o"), val(b, "cur")) : Number(val(b, "o")).toLocaleString("en"));
      const key = [val(b, "s"), val(b, "p"), val(b, "o"), val(b, "cur")].join("\u0001");
      if (!groups.has(key)) groups.set(key, { s: val(b, "s"), p: val(b, "p"), o: val(b, "o"), isIri, text, claims: [], docs: new Set() });
      const g = groups.get(key);
      if (!g.claims.includes(val(b, "c"))) g.claims.push(val(b, "c"));
      if (val(b, "doc")) g.docs.add(val(b, "doc"));
    }
    return [...groups.values()];
  }

  function factItem(f, focus) {
    const side = (iri) => (iri === focus ? el("strong", null, labelOf(iri)) : entityLink(iri, labelOf(iri)));
    const meta = [factDetail(f), plural(f.sources, "article")].filter(Boolean);
    const li = el("li", {
      class: "fact" + (speculativeOnly(f) ? " speculative" : ""),
      dataset: { s: f.s, p: f.p, o: f.o },
      title: "Click for the sentences that state it",
    },
    side(f.s), " ",
    el("button", { type: "button", class: "rel", "aria-label": "Evidence for " + labelOf(f.s) + " " + relName(f.p) + " " + labelOf(f.o) }, relName(f.p)),
    " ", side(f.o),
    el("span", { class: "meta" }, meta.join(" · ") + (speculativeOnly(f) ? " · speculative" : "")));
    li.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      showFact(f.s, f.p, f.o);
    });
    return li;
  }

  async function showArticleCard(doc) {
    ++paneToken;
    const d = S.docs.get(doc) || {};
    const pane = $("#entity-pane");
    pane.dataset.entity = doc;
    pane.replaceChildren(el("header", null,
      el("h2", null, d.headline || d.file || compact(doc), " ", el("span", { class: "badge t-Article" }, "Article")),
      el("p", { class: "iri" }, el("code", null, compact(doc)))),
    el("p", null, [d.file, d.published, d.lang].filter(Boolean).join(" · ")),
    el("p", null, articleLink(doc, "Read the article")));
    pane.dataset.state = "done";
  }

  /** A blank node of a CONSTRUCT result: only what the result said about it. */
  function showBlankNode(id) {
    ++paneToken;
    const pane = $("#entity-pane");
    const n = Graph.node(id);
    pane.dataset.entity = id;
    pane.replaceChildren(el("header", null, el("h2", null, id)),
      el("ul", { class: "articles" }, (n ? n.props : []).map((p) => el("li", null, p))));
    pane.dataset.state = "done";
  }

  async function showDescription(iri) {
    const token = ++paneToken;
    const pane = $("#entity-pane");
    pane.dataset.entity = iri;
    pane.replaceChildren(el("header", null, el("h2", null, compact(iri))), el("p", { class: "placeholder" }, "Loading…"));
    try {
      const rows = await select(`SELECT ?p ?o WHERE { ${ref(iri)} ?p ?o } ORDER BY ?p ?o LIMIT 200`);
      if (token !== paneToken) return;
      pane.replaceChildren(el("header", null, el("h2", null, compact(iri)), el("p", { class: "iri" }, el("code", null, iri))),
        el("table", { class: "results" }, el("tbody", null, rows.map((b) => el("tr", null, termCell(b.p), termCell(b.o))))));
      pane.dataset.state = "done";
    } catch (e) {
      if (token === paneToken) showPaneError(pane, e);
    }
  }

  // ---------------------------------------------------------------- evidence

  let evidenceToken = 0;

  async function showFact(s, p, o) {
    const title = [entityLink(s, labelOf(s)), " ", el("span", { class: "rel" }, relName(p)), " ", entityLink(o, labelOf(o))];
    return renderClaims(factClaimsQuery(s, p, o), title, { s, p, o });
  }

  function showClaims(iris, title) {
    return renderClaims(claimsByIriQuery(iris), [title], {});
  }

  function showTriple(e) {
    const pane = $("#evidence-pane");
    ++evidenceToken;
    pane.dataset.state = "done";
    pane.replaceChildren(el("h2", null, "Triple"),
      el("p", { class: "triple" }, iriNode(e.s), " ", el("code", null, compact(e.p)), " ", iriNode(e.o)),
      el("p", { class: "placeholder" }, "This edge is a plain triple, not a fact between two entities: there is no evidence sentence for it."));
  }

  async function renderClaims(query, title, fact) {
    const token = ++evidenceToken;
    const pane = $("#evidence-pane");
    pane.dataset.state = "loading";
    pane.dataset.fact = fact.p ? [fact.s, fact.p, fact.o].join(" ") : "";
    const h = el("h2", null, ...title);
    pane.replaceChildren(h, el("p", { class: "placeholder" }, "Loading…"));
    let rows;
    try {
      rows = await select(query);
    } catch (e) {
      if (token === evidenceToken) showPaneError(pane, e);
      return;
    }
    if (token !== evidenceToken) return;
    const claims = new Map();
    for (const b of rows) if (!claims.has(val(b, "c"))) claims.set(val(b, "c"), b);
    const docs = new Set([...claims.values()].map((b) => val(b, "doc")).filter(Boolean));
    const denials = [...claims.values()].filter((b) => val(b, "polarity") === "false").length;
    const summary = plural(claims.size, "claim") + " in " + plural(docs.size, "article") + (denials ? " · " + denials + " of them deny it" : "");
    pane.replaceChildren(h, el("p", { class: "summary" }, summary),
      el("ol", { class: "claims" }, [...claims.values()].map(claimItem)));
    pane.dataset.state = "done";
    pane.scrollTop = 0;
    // Stacked under the entity card (narrow screens), the evidence must come into view.
    if (getComputedStyle($("#details")).display === "block") pane.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  function claimItem(b) {
    const badges = [];
    const m = val(b, "m");
    if (val(b, "polarity") === "false") badges.push(el("span", { class: "badge denied" }, "denied"));
    if (m) badges.push(el("span", { class: "badge modality m-" + relName(m) }, relName(m).toLowerCase()));
    if (val(b, "src")) badges.push(el("span", { class: "attribution" }, "according to ", iriNode(val(b, "src"), labelOf(val(b, "src")))));
    if (val(b, "amount") && val(b, "cur")) badges.push(el("span", { class: "badge" }, money(val(b, "amount"), val(b, "cur"))));
    else if (b.o && b.o.type === "literal") {
      badges.push(el("span", { class: "badge" }, val(b, "cur") ? money(val(b, "o"), val(b, "cur")) : Number(val(b, "o")).toLocaleString("en")));
    }
    if (val(b, "date")) badges.push(el("span", { class: "badge" }, val(b, "date")));
    if (val(b, "role")) badges.push(el("span", { class: "badge" }, "role: " + val(b, "role")));
    if (val(b, "conf")) badges.push(el("span", { class: "confidence", title: "extraction confidence" }, "confidence " + val(b, "conf")));
    const doc = val(b, "doc");
    const d = S.docs.get(doc) || {};
    const span = val(b, "start") != null && val(b, "end") != null ? [val(b, "start"), val(b, "end")] : null;
    return el("li", { class: "claim" + (val(b, "polarity") === "false" ? " negated" : ""), dataset: { claim: val(b, "c") } },
      el("blockquote", { class: "sentence" }, val(b, "evidence") || "(no sentence recorded)"),
      el("div", { class: "meta" }, badges),
      doc ? el("div", { class: "source" }, articleLink(doc, d.headline || d.file || compact(doc), span),
        el("span", { class: "meta" }, [d.file && d.headline ? d.file : null, d.published, span ? "characters " + span[0] + "–" + span[1] : null].filter(Boolean).join(" · "))) : "");
  }

  // ---------------------------------------------------------------- the article reader

  /** The article's text in a dialog: the claim's sentence marked, or else the names of an entity. */
  async function openArticle(doc, span, entity) {
    const dialog = $("#article-dialog");
    const d = S.docs.get(doc) || {};
    $("#article-title").textContent = d.headline || d.file || compact(doc);
    $("#article-meta").textContent = [d.file, d.published, d.lang, compact(doc)].filter(Boolean).join(" · ");
    const body = $("#article-text");
    body.textContent = "Loading…";
    if (!dialog.open) dialog.showModal();
    try {
      const rows = await select(`SELECT ?text WHERE { ${ref(doc)} ng:text ?text } LIMIT 1`);
      const text = rows.length ? val(rows[0], "text") : "";
      if (!text) { body.textContent = "The store holds no text for this article."; return; }
      // ng:start and ng:end count code points, as the store does, not UTF-16 units.
      const cps = Array.from(text);
      if (span && Number(span[1]) <= cps.length) {
        const [a, z] = span.map(Number);
        const mark = el("mark", { id: "article-mark" }, cps.slice(a, z).join(""));
        body.replaceChildren(cps.slice(0, a).join(""), mark, cps.slice(z).join(""));
        mark.scrollIntoView({ block: "center" });
      } else if (entity && S.entities.has(entity)) {
        const e = S.entities.get(entity);
        const names = [e.label, ...e.alts].filter((n) => n.length > 1).sort((a, b) => b.length - a.length)
          .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        const parts = text.split(new RegExp("(?<![\\p{L}\\p{N}])(" + names.join("|") + ")(?![\\p{L}\\p{N}])", "giu"));
        body.replaceChildren(...parts.map((part, i) => (i % 2 ? el("mark", { class: "mention" }, part) : part)));
        const first = body.querySelector("mark");
        if (first) first.scrollIntoView({ block: "center" }); else body.scrollTop = 0;
      } else {
        body.textContent = text;
        body.scrollTop = 0;
      }
    } catch (e) {
      body.textContent = e.message;
    }
  }

  for (const dialog of document.querySelectorAll("dialog")) {
    dialog.querySelector("button.close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (ev) => { if (ev.target === dialog) dialog.close(); });
  }
  $("#help-button").addEventListener("click", () => $("#help-dialog").showModal());

  // ---------------------------------------------------------------- entity search

  const search = $("#search");
  const list = $("#search-list");
  let matches = [];
  let active = -1;
  let searchToken = 0;

  async function findEntities(q) {
    const f = fold(q.trim());
    if (!f) return [];
    const scored = [];
    for (const [iri, e] of S.entities) {
      let best = Infinity;
      for (const name of [e.label, ...e.alts]) {
        const n = fold(name);
        const i = n.indexOf(f);
        if (i < 0) continue;
        const score = n === f ? 0 : i === 0 ? 1 : /\W/.test(n[i - 1]) ? 2 : 3;
        best = Math.min(best, score + (name === e.label ? 0 : 0.5));
      }
      if (best < Infinity) scored.push([best, e.label.length, e.label, iri]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    const found = scored.slice(0, 12).map((x) => x[3]);
    if (S.indexComplete || found.length >= 12) return found;
    const str = '"' + f.replace(/[\\"]/g, "\\$&") + '"';
    const rows = await select(`SELECT DISTINCT ?e ?label ?type WHERE { GRAPH ngd:entities { ?e rdfs:label ?label . OPTIONAL { ?e a ?type } }
  FILTER(CONTAINS(LCASE(STR(?label)), ${str})) } ORDER BY STRLEN(?label) LIMIT 12`);
    for (const b of rows) {
      const iri = val(b, "e");
      if (!S.entities.has(iri)) S.entities.set(iri, { label: val(b, "label"), type: (val(b, "type") || "Thing").replace(/^.*[/#]/, ""), alts: [] });
      if (!found.includes(iri)) found.push(iri);
    }
    return found.slice(0, 12);
  }

  function renderMatches() {
    list.replaceChildren(...matches.map((iri, i) => {
      const e = S.entities.get(iri);
      return el("li", {
        role: "option", id: "match-" + i, "aria-selected": String(i === active), dataset: { iri },
        onmousedown: (ev) => { ev.preventDefault(); choose(i, ev.shiftKey); },
      }, el("span", { class: "dot t-" + e.type }), e.label, el("span", { class: "type" }, e.type),
      e.alts.length ? el("span", { class: "alts" }, e.alts.slice(0, 3).join(", ")) : "");
    }));
    list.hidden = matches.length === 0;
    search.setAttribute("aria-expanded", String(!list.hidden));
    if (active >= 0) search.setAttribute("aria-activedescendant", "match-" + active);
    else search.removeAttribute("aria-activedescendant");
  }

  function choose(i, add) {
    const iri = matches[i < 0 ? 0 : i];
    if (!iri) return;
    matches = [];
    renderMatches();
    search.value = "";
    search.blur();
    focusEntity(iri, { add });
  }

  search.addEventListener("input", async () => {
    const token = ++searchToken;
    const found = await findEntities(search.value).catch(() => []);
    if (token !== searchToken) return;
    matches = found;
    active = matches.length ? 0 : -1;
    renderMatches();
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!matches.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length;
      renderMatches();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      choose(active, ev.shiftKey);
    } else if (ev.key === "Escape") {
      matches = [];
      renderMatches();
      search.blur();
    }
  });
  search.addEventListener("blur", () => { setTimeout(() => { matches = []; renderMatches(); }, 100); });

  // ---------------------------------------------------------------- links, keys, history

  document.addEventListener("click", (ev) => {
    const a = ev.target.closest && ev.target.closest("a");
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey) return;
    if (a.classList.contains("entity")) {
      ev.preventDefault();
      focusEntity(a.dataset.iri, { add: ev.shiftKey });
    } else if (a.classList.contains("article")) {
      ev.preventDefault();
      openArticle(a.dataset.doc, a.dataset.start != null ? [a.dataset.start, a.dataset.end] : null, a.dataset.entity);
    } else if (a.classList.contains("claim-link")) {
      ev.preventDefault();
      showClaims([a.dataset.claim], "Claim " + compact(a.dataset.claim));
    }
  });

  document.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
      ev.preventDefault();
      runEditor();
      return;
    }
    if (ev.key === "Escape" && !document.querySelector("dialog[open]") && cancel()) {
      ev.preventDefault();
      return;
    }
    if (isTyping(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey || document.querySelector("dialog[open]")) return;
    if (ev.key === "/") { ev.preventDefault(); search.focus(); search.select(); }
    else if (ev.key === "?") { ev.preventDefault(); $("#help-dialog").showModal(); }
    else if (ev.key === "e") { ev.preventDefault(); editor.focus(); }
    else if (ev.key === "g") { ev.preventDefault(); $("#graph").focus(); }
  });

  // The address holds the query (a canned one by name) and the entity in focus, so
  // Back and Forward walk through what was asked, and a link shares it.
  function writeHash(replace) {
    const p = new URLSearchParams();
    if (S.current.name) p.set("query", S.current.name);
    else if (S.current.text) p.set("sparql", S.current.text);
    if (S.entity) p.set("entity", S.entity);
    const h = "#" + p.toString();
    if (h === location.hash) return;
    history[replace ? "replaceState" : "pushState"](null, "", h);
  }

  async function applyHash(first) {
    const p = new URLSearchParams(location.hash.slice(1));
    const name = p.get("query");
    const canned = name ? S.queries.find((q) => q.name === name) : null;
    const text = canned ? canned.text : p.get("sparql");
    const entity = p.get("entity");
    if (text && text !== S.current.text) {
      S.current = { name: canned ? canned.name : null, text };
      editor.value = text;
      editorChanged();
      run(text);
    } else if (!text && first) {
      editor.value = "# Write SPARQL here; the prefixes on the left are declared for you.\nSELECT ?entity ?type WHERE {\n  GRAPH ngd:entities { ?e rdfs:label ?entity ; a ?type }\n}\nORDER BY ?entity\nLIMIT 50\n";
      editorChanged();
    }
    if (entity && entity !== S.entity) {
      focusEntity(entity, { push: false });
    } else if (!entity && (first || S.entity)) {
      S.entity = null;
      overview(first && !text);
    }
  }

  /** With nothing asked yet: the figures of the graph and where to start. */
  async function overview(drawTop) {
    const pane = $("#entity-pane");
    const token = ++paneToken;
    let top;
    try { top = await topEntities(); } catch (e) { return; }
    if (token !== paneToken) return;
    pane.dataset.entity = "";
    pane.replaceChildren(el("header", null, el("h2", null, "Start here")),
      el("p", null, "The entities with the most facts. Click one to see its neighbourhood, or type a name in the search box (", el("kbd", null, "/"), ")."),
      el("ul", { class: "articles" }, top.map((t) => el("li", null, entityLink(t.iri, labelOf(t.iri)), el("span", { class: "meta" }, plural(t.facts, "fact"))))));
    pane.dataset.state = "done";
    if (drawTop && top.length && !S.entity) {
      const gen = Graph.reset("Neighbourhood of " + labelOf(top[0].iri));
      Graph.addNode(top[0].iri);
      Graph.select(top[0].iri);
      await expand(top[0].iri, false);
      Graph.settle(gen, true);
    }
  }

  function renderLegend() {
    $("#legend").replaceChildren(...TYPES.slice(0, 5).map((t) => el("li", null, el("span", { class: "dot t-" + t }), t)),
      el("li", null, el("span", { class: "dash" }), "speculative"));
  }

  start().catch((e) => {
    document.body.dataset.ready = "error";
    showPaneError($("#results"), e);
  });
})();
