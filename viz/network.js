/* govkg network view. Every string from the graph goes on screen through textContent
   or as a plain-string vis tooltip (set with innerText); no innerHTML, no eval.
   window.govkg exposes the network and its data sets (for tests and the curious);
   window.govkgReady turns true once the network has been drawn (positions come computed,
   physics is off, so the page is settled from its first frame). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var TYPES = {}, RELATIONS = {}, ARTICLES = data.articles;
  data.types.forEach(function (t) { TYPES[t.name] = t; });
  data.relations.forEach(function (r) { RELATIONS[r.name] = r; });
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var edgeById = new Map();
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var n = data.nodes.length, m = data.edges.length;

  // ---------------------------------------------------------------- helpers
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function typeLabel(t) { return (TYPES[t] && TYPES[t].label) || t; }
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function clip(s, k) { s = String(s); return s.length > k ? s.slice(0, k - 1) + "…" : s; }
  function source(a) {
    var art = ARTICLES[a] || {};
    return [art.title || art.id || "", art.date || ""].filter(Boolean).join(", ");
  }

  // ---------------------------------------------------------------- vis data
  function nodeTooltip(node) {
    var lines = [node.label, typeLabel(node.type)];
    if (node.aliases && node.aliases.length) lines.push("auch: " + clip(node.aliases.join(", "), 200));
    lines.push(node.degree + (node.degree === 1 ? " Verbindung" : " Verbindungen"));
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var a = byId.get(e.from), b = byId.get(e.to);
    var lines = [(a ? a.label : e.from) + " — " + e.label + " → " + (b ? b.label : e.to)];
    if (e.start) lines.push("seit " + e.start);
    if (e.ev && e.ev.length) {
      lines.push("„" + clip(e.ev[0][0], 300) + "“", source(e.ev[0][1]));
      if (e.ev.length > 1) lines.push("(+" + (e.ev.length - 1) + " weitere Belege)");
    }
    return lines.join("\n");
  }
  // Arrowheads and labels on every edge cost more than the lines (measured: 7,000 edges draw
  // in 120 ms without arrowheads, 290 ms with, and changing them through the DataSet takes
  // most of a second); so on a large graph the page draws them itself, after vis-network,
  // for the edges of the selected actor only.
  var MANY_EDGES = 1500, FEW = m <= MANY_EDGES;
  // parallel edges (two postings of one person in one office) curve apart instead of overlapping
  var pairCount = new Map();
  var visEdges = data.edges.map(function (e) {
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var k = pairCount.get(pair) || 0;
    pairCount.set(pair, k + 1);
    var r = RELATIONS[e.rel] || {};
    var item = {id: e.id, from: e.from, to: e.to, label: FEW ? e.label : undefined, title: edgeTooltip(e),
                color: {color: r.color || "#999", highlight: "#333", hover: "#555"}, dashes: !!r.dashes};
    if (k > 0) item.smooth = {enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2)};
    return item;
  });
  var visNodes = data.nodes.map(function (node) {
    var t = TYPES[node.type] || {};
    return {id: node.id, label: node.label, value: node.degree + 1, shape: t.shape || "dot", x: node.x, y: node.y,
            color: {background: t.color, border: t.color, highlight: {background: t.color, border: "#222"},
                    hover: {background: t.color, border: "#222"}},
            title: nodeTooltip(node), hidden: false};
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  // Positions come computed (viz/layout.py) and physics stays off: the page is drawn
  // once and settles at once, whatever its size (vis-network's physics takes about
  // 250 ms a step for 5,000 nodes). Dragging a node moves just that node.
  var options = {
    layout: {randomSeed: 7, improvedLayout: false},
    physics: {enabled: false},
    nodes: {scaling: {min: 6, max: 36, label: {enabled: true, min: 11, max: 20, drawThreshold: 5}},
            font: {size: 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff"}, borderWidth: 1},
    edges: {arrows: {to: {enabled: FEW, scaleFactor: 0.45}}, width: 1, selectionWidth: 2, hoverWidth: 0.5,
            font: {size: 9, align: "middle", color: "#444", strokeWidth: 3, strokeColor: "#ffffff"},
            smooth: false},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: m > 3000, hideEdgesOnZoom: m > 3000,
                  multiselect: false, navigationButtons: false, keyboard: false}
  };
  var container = document.getElementById("network");
  if (n === 0) container.parentNode.appendChild(el("div", "Keine Akteure in dieser Ansicht.")).id = "empty";
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

  // The first view: the focus and its neighbours, or else the actors that have edges
  // (single actors sit in a grid below and are one zoom away).
  function firstView() {
    if (data.focus && byId.has(data.focus)) {
      network.selectNodes([data.focus]);
      arrowsFor(network.getConnectedEdges(data.focus));
      showNode(data.focus);
    }
    var linked = data.nodes.filter(function (node) { return node.degree > 0; }).map(function (node) { return node.id; });
    network.fit(linked.length && linked.length < n ? {nodes: linked, animation: false} : {animation: false});
  }
  var marked = [];  // large graphs: edges drawn with arrowhead and label on top
  function arrowsFor(edgeIds) {
    if (FEW) return;
    marked = edgeIds.map(function (id) { return edgeById.get(id); }).filter(Boolean);
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (FEW || !marked.length) return;
    var scale = network.getScale(), showLabels = 9 * scale >= 5;
    ctx.save();
    ctx.font = "9px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    marked.forEach(function (e) {
      var a = network.body.nodes[e.from], b = network.body.nodes[e.to];
      if (!a || !b || a.options.hidden || b.options.hidden) return;
      var angle = Math.atan2(a.y - b.y, a.x - b.x), reach = b.distanceToBorder(ctx, angle);
      var tx = b.x + reach * Math.cos(angle), ty = b.y + reach * Math.sin(angle), len = 9;
      ctx.fillStyle = (RELATIONS[e.rel] || {}).color || "#999";
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx + len * Math.cos(angle + 0.4), ty + len * Math.sin(angle + 0.4));
      ctx.lineTo(tx + len * Math.cos(angle - 0.4), ty + len * Math.sin(angle - 0.4));
      ctx.closePath();
      ctx.fill();
      if (showLabels && e.label) {
        var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(e.label, mx, my);
        ctx.fillStyle = "#444";
        ctx.fillText(e.label, mx, my);
      }
    });
    ctx.restore();
  });
  network.on("select", function (p) { arrowsFor(p.nodes.length ? network.getConnectedEdges(p.nodes[0]) : p.edges); });
  var ready = false;
  network.once("afterDrawing", function () {
    if (ready) return;
    ready = true;
    window.govkgReady = true;
    document.documentElement.setAttribute("data-ready", "1");
  });

  // ---------------------------------------------------------------- summary and legend
  var summary = document.getElementById("summary");
  function visibleCounts() {
    return {nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length};
  }
  function updateSummary() {
    var c = visibleCounts();
    summary.textContent = c.nodes + " von " + n + " Knoten, " + c.edges + " von " + m + " Kanten sichtbar";
  }
  var typeCount = {};
  data.nodes.forEach(function (node) { typeCount[node.type] = (typeCount[node.type] || 0) + 1; });
  var shown = {};
  var typesBox = document.getElementById("types");
  data.types.forEach(function (spec) {
    var t = spec.name;
    if (!typeCount[t]) return;
    shown[t] = true;
    var row = el("label", null, "row");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = t; box.setAttribute("data-type", t);
    box.addEventListener("change", function () { setTypeShown(t, box.checked); });
    var sw = el("span", null, "swatch");
    sw.style.background = TYPES[t].color;
    if (TYPES[t].shape === "dot") sw.style.borderRadius = "50%";
    row.appendChild(box); row.appendChild(sw);
    row.appendChild(el("span", TYPES[t].label + " (" + TYPES[t].label_en + ")"));
    row.appendChild(el("span", typeCount[t], "count"));
    typesBox.appendChild(row);
  });
  function setTypeShown(t, on) {
    shown[t] = on;
    var box = typesBox.querySelector('input[data-type="' + t + '"]');
    if (box) box.checked = on;
    nodes.update(data.nodes.filter(function (node) { return node.type === t; })
                           .map(function (node) { return {id: node.id, hidden: !on}; }));
    updateSummary();
  }
  var relCount = {};
  data.edges.forEach(function (e) { relCount[e.rel] = (relCount[e.rel] || 0) + 1; });
  var relBox = document.getElementById("relations");
  data.relations.forEach(function (spec) {
    var r = spec.name;
    if (!relCount[r]) return;
    var row = el("div", null, "row");
    var line = el("span", null, "line" + (RELATIONS[r].dashes ? " dashed" : ""));
    line.style.borderTopColor = RELATIONS[r].color;
    row.appendChild(line);
    var name = r === "posting" ? "Posten (Beschriftung: Rolle im Wortlaut)" : RELATIONS[r].label;
    row.appendChild(el("span", name + " (" + RELATIONS[r].label_en + ")"));
    row.appendChild(el("span", relCount[r], "count"));
    relBox.appendChild(row);
  });
  if (!m) relBox.hidden = true;
  updateSummary();

  // ---------------------------------------------------------------- details panel
  var details = document.getElementById("details");
  function evidenceBlock(parent, ev) {
    (ev || []).forEach(function (item) {
      parent.appendChild(el("blockquote", item[0]));
      var art = ARTICLES[item[1]] || {};
      var p = el("p", source(item[1]), "source");
      if (art.url) {
        p.appendChild(document.createTextNode(" · "));
        var a = el("a", "Artikel öffnen");
        a.href = art.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        p.appendChild(a);
      } else if (art.rawurl) {
        p.appendChild(el("span", " · Adresse (kein http-Link): " + art.rawurl));
      }
      parent.appendChild(p);
    });
    if (!ev || !ev.length) parent.appendChild(el("p", "kein Beleg im Graphen", "source"));
  }
  function gotoButton(id) {
    var node = byId.get(id);
    var b = el("button", node ? node.label : id, "goto");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function edgeItem(e, here) {
    var li = el("li");
    var head = el("div");
    if (e.from === here) {
      head.appendChild(el("span", e.label + " → ", "rel"));
      head.appendChild(gotoButton(e.to));
    } else if (e.to === here) {
      head.appendChild(gotoButton(e.from));
      head.appendChild(el("span", " → " + e.label, "rel"));
    } else {
      head.appendChild(gotoButton(e.from));
      head.appendChild(el("span", " — " + e.label + " → ", "rel"));
      head.appendChild(gotoButton(e.to));
    }
    li.appendChild(head);
    var meta = [];
    if (e.rel === "posting" && e.role && e.role !== e.label) meta.push("Rolle: " + e.role);
    if (e.labels) meta.push("Wortlaut: " + e.labels.join(" · "));
    if (e.start) meta.push("seit " + e.start);
    if (meta.length) li.appendChild(el("p", meta.join("; "), "meta"));
    if (e.rel !== "mentions") evidenceBlock(li, e.ev);  // a mention's evidence is the article itself
    return li;
  }
  // A hub (the Bund, the OZG) has hundreds of edges: the first SHOW are listed at once,
  // the rest on request, so that selecting it stays quick.
  var SHOW = 40;
  function appendLimited(list, items, make) {
    items.slice(0, SHOW).forEach(function (item) { list.appendChild(make(item)); });
    if (items.length <= SHOW) return;
    var li = el("li");
    var more = el("button", "weitere " + (items.length - SHOW) + " anzeigen", "goto more");
    more.type = "button";
    more.addEventListener("click", function () {
      list.removeChild(li);
      items.slice(SHOW).forEach(function (item) { list.appendChild(make(item)); });
    });
    li.appendChild(more);
    list.appendChild(li);
  }
  function showNode(id) {
    var node = byId.get(id);
    if (!node) return;
    details.textContent = "";
    details.appendChild(el("h2", node.label));
    details.appendChild(el("p", typeLabel(node.type) + " · " + node.degree +
                                (node.degree === 1 ? " Verbindung" : " Verbindungen"), "meta"));
    if (node.aliases && node.aliases.length) details.appendChild(el("p", "Auch: " + node.aliases.join(" · "), "meta aliases"));
    if (node.type === "Article") {
      if (node.date) details.appendChild(el("p", node.date, "meta"));
      if (node.url) {
        var a = el("a", node.url); a.href = node.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        details.appendChild(a);
      } else if (node.rawurl) {
        details.appendChild(el("p", "Adresse (kein http-Link): " + node.rawurl, "meta"));
      }
    }
    details.appendChild(el("p", node.id, "iri"));
    var connected = network.getConnectedEdges(id).map(function (eid) { return edgeById.get(eid); })
                           .filter(Boolean).sort(function (x, y) { return x.id - y.id; });
    var posts = connected.filter(function (e) { return e.rel === "posting" && e.from === id; });
    if (posts.length || (node.postings && node.postings.length)) {
      details.appendChild(el("h3", "Posten"));
      var ul = el("ul", null, "edges postings");
      appendLimited(ul, posts, function (e) { return edgeItem(e, id); });
      (node.postings || []).forEach(function (p) {
        var li = el("li");
        li.appendChild(el("div", p.label + " (ohne genannte Organisation)", "rel"));
        var meta = [];
        if (p.role && p.role !== p.label) meta.push("Rolle: " + p.role);
        if (p.labels && p.labels.length > 1) meta.push("Wortlaut: " + p.labels.join(" · "));
        if (p.start) meta.push("seit " + p.start);
        if (meta.length) li.appendChild(el("p", meta.join("; "), "meta"));
        evidenceBlock(li, p.ev);
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    var rest = connected.filter(function (e) { return posts.indexOf(e) < 0; });
    if (rest.length) {
      details.appendChild(el("h3", "Beziehungen"));
      var ul2 = el("ul", null, "edges relations");
      appendLimited(ul2, rest, function (e) { return edgeItem(e, id); });
      details.appendChild(ul2);
    }
  }
  function showEdge(eid) {
    var e = edgeById.get(eid);
    if (!e) return;
    details.textContent = "";
    details.appendChild(el("h2", (RELATIONS[e.rel] || {}).label || e.rel));
    var ul = el("ul", null, "edges");
    ul.appendChild(edgeItem(e, null));
    details.appendChild(ul);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---------------------------------------------------------------- search
  var index = data.nodes.map(function (node) {
    return {id: node.id, keys: [node.label].concat(node.aliases || []).map(fold)};
  });
  function search(q) {
    q = fold(q);
    if (!q) return [];
    var scored = [];
    index.forEach(function (item) {
      var best = 9;
      item.keys.forEach(function (k) {
        var s = k === q ? 0 : k.indexOf(q) === 0 ? 1 : (" " + k).indexOf(" " + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : 9;
        if (s < best) best = s;
      });
      if (best < 9) scored.push([best, byId.get(item.id).label, item.id]);
    });
    scored.sort(function (x, y) {
      return x[0] - y[0] || (byId.get(y[2]).degree - byId.get(x[2]).degree) || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    });
    return scored.slice(0, 12).map(function (s) { return s[2]; });
  }
  function focusNode(id) {
    var node = byId.get(id);
    if (!node) return false;
    if (!shown[node.type]) setTypeShown(node.type, true);
    network.selectNodes([id]);
    // vis-network animates in a fixed number of frames; on a large graph each frame is a
    // full redraw (a quarter second for 5,000 nodes), so there the view jumps instead
    network.focus(id, {scale: Math.max(network.getScale(), 1.1),
                       animation: FEW && n <= 1500 ? {duration: 300, easingFunction: "easeInOutQuad"} : false});
    arrowsFor(network.getConnectedEdges(id));
    showNode(id);
    return true;
  }
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var hits = [], active = 0;
  function markActive() {
    Array.prototype.forEach.call(results.children, function (li, i) {
      li.className = i === active && hits.length ? "active" : li.className === "none" ? "none" : "";
      if (i === active) li.setAttribute("aria-selected", "true"); else li.removeAttribute("aria-selected");
    });
  }
  function renderResults() {
    results.textContent = "";
    hits = search(input.value);
    active = 0;
    hits.forEach(function (id, i) {
      var node = byId.get(id);
      var li = el("li", node.label);
      li.setAttribute("role", "option");
      li.setAttribute("data-id", id);
      li.appendChild(el("span", typeLabel(node.type), "kind"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    if (!hits.length && fold(input.value)) results.appendChild(el("li", "kein Treffer", "none"));
    markActive();
  }
  function pick(id) {
    focusNode(id);
    input.value = byId.get(id).label;
    results.textContent = "";
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      if (!hits.length) renderResults();
      if (hits.length) pick(hits[Math.min(active, hits.length - 1)]);
    } else if ((ev.key === "ArrowDown" || ev.key === "ArrowUp") && hits.length) {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      markActive();
    } else if (ev.key === "Escape") {
      results.textContent = "";
    }
  });
  input.addEventListener("blur", function () { setTimeout(function () { results.textContent = ""; }, 150); });

  firstView();
  if (n === 0) { window.govkgReady = true; document.documentElement.setAttribute("data-ready", "1"); }

  window.govkg = {network: network, nodes: nodes, edges: edges, data: data, focusNode: focusNode,
                  search: search, visibleCounts: visibleCounts, setTypeShown: setTypeShown,
                  markedEdges: function () { return marked.map(function (e) { return e.id; }); }};
})();
