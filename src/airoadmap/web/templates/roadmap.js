// The roadmap page's behaviour: selecting a topic (its panel, its arrows), filters and search,
// keyboard navigation, and the requirement arrows drawn in SVG behind the cards. Reads the data
// from the JSON script element; writes text only with textContent (never markup).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("roadmap-data").textContent);
  var topics = data.topics;
  var main = document.getElementById("roadmap");
  var panel = document.getElementById("panel");
  var svg = main.querySelector("svg.arrows");
  var layer = svg.querySelector("g.edges");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var SVG = "http://www.w3.org/2000/svg";

  var boxes = Array.prototype.slice.call(main.querySelectorAll("button.box"));
  var boxOf = {};
  boxes.forEach(function (box) { boxOf[box.getAttribute("data-id")] = box; });
  var nodeOf = {};
  Array.prototype.forEach.call(main.querySelectorAll("[data-node]"), function (el) {
    nodeOf[el.getAttribute("data-node")] = el;
  });
  var panels = {};
  Array.prototype.forEach.call(panel.querySelectorAll("section.topic"), function (el) {
    panels[el.getAttribute("data-topic")] = el;
  });
  var emptyPanel = panel.querySelector(".panel-empty");
  var selected = null;
  var filter = "all";

  function elementOf(id) { return boxOf[id] || nodeOf[id] || null; }
  function visible(el) { return !!el && el.getClientRects().length > 0; }

  // --- the arrows --------------------------------------------------------------------------
  function anchor(el, origin) {
    // A map's or an area's arrows start and end at its edge: they never cross its own boxes.
    var r = el.getBoundingClientRect();
    return { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top,
             bottom: r.bottom - origin.top, cx: (r.left + r.right) / 2 - origin.left,
             cy: (r.top + r.bottom) / 2 - origin.top };
  }

  function curve(a, b) {
    var x1, y1, x2, y2, d;
    if (b.top > a.bottom - 2) {  // below: from the bottom of one to the top of the other
      x1 = a.cx; y1 = a.bottom; x2 = b.cx; y2 = b.top - 1;
      d = Math.max((y2 - y1) / 2, 18);
      return "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + d) + " " + x2 + "," + (y2 - d) + " " + x2 + "," + y2;
    }
    if (a.top > b.bottom - 2) {  // above
      x1 = a.cx; y1 = a.top; x2 = b.cx; y2 = b.bottom + 1;
      d = Math.max((y1 - y2) / 2, 18);
      return "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 - d) + " " + x2 + "," + (y2 + d) + " " + x2 + "," + y2;
    }
    var right = b.left >= a.right;  // side by side
    x1 = right ? a.right : a.left; y1 = a.cy; x2 = right ? b.left - 1 : b.right + 1; y2 = b.cy;
    d = Math.max(Math.abs(x2 - x1) / 2, 18) * (right ? 1 : -1);
    return "M" + x1 + "," + y1 + " C" + (x1 + d) + "," + y1 + " " + (x2 - d) + "," + y2 + " " + x2 + "," + y2;
  }

  function draw() {
    while (layer.firstChild) { layer.removeChild(layer.firstChild); }
    var origin = main.getBoundingClientRect();
    svg.setAttribute("width", String(main.scrollWidth));
    svg.setAttribute("height", String(main.scrollHeight));
    var last = [];
    var drawn = {};
    data.edges.forEach(function (edge) {
      var from = elementOf(edge[0]), to = elementOf(edge[1]);
      if (!visible(from) || !visible(to) || from === to) { return; }
      var kind = "";
      if (selected !== null && edge[1] === selected) { kind = "needs"; }
      else if (selected !== null && edge[0] === selected) { kind = "unlocks"; }
      if (!kind) {
        // Unselected, an arrow joins the two maps (one per pair): the selected topic's join
        // its boxes. Within a map the order of its boxes says enough.
        from = from.closest(".card") || from;
        to = to.closest(".card") || to;
        var key = (from.getAttribute("data-node") || edge[0]) + "\n" + (to.getAttribute("data-node") || edge[1]);
        if (from === to || from.contains(to) || to.contains(from) || drawn[key]) { return; }
        drawn[key] = true;
      }
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", curve(anchor(from, origin), anchor(to, origin)));
      path.setAttribute("class", "edge" + (kind ? " " + kind : ""));
      path.setAttribute("marker-end", "url(#head" + (kind ? "-" + kind : "") + ")");
      path.setAttribute("data-from", edge[0]);
      path.setAttribute("data-to", edge[1]);
      if (kind) { last.push(path); } else { layer.appendChild(path); }
    });
    last.forEach(function (path) { layer.appendChild(path); });  // the highlighted on top
  }

  var pending = false;
  function redraw() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; draw(); });
  }

  // --- selecting a topic -------------------------------------------------------------------
  function mark(ids, cls) {
    ids.forEach(function (id) { var el = elementOf(id); if (el) { el.classList.add(cls); } });
  }

  var NARROW = "(max-width: 1100px)";
  function narrow() { return !!(window.matchMedia && window.matchMedia(NARROW).matches); }

  function topicOfHash() {
    // `#topic=ID`: a deep link. A malformed one (`%E0%A4%A`) names no topic: never an error.
    var hash = window.location.hash || "";
    if (hash.indexOf("#topic=") !== 0) { return null; }
    try { return decodeURIComponent(hash.slice("#topic=".length)); } catch (e) { return null; }
  }
  function writeHash(id) {
    if (!window.history || !window.history.replaceState) { return; }
    var url = window.location.href.split("#")[0] + (id === null ? "" : "#topic=" + encodeURIComponent(id));
    try { window.history.replaceState(null, "", url); } catch (e) { /* a page that cannot: fine */ }
  }

  function select(id, focus) {
    if (!panels[id]) { return; }
    if (selected !== null && panels[selected]) {
      panels[selected].hidden = true;
      if (boxOf[selected]) { boxOf[selected].setAttribute("aria-pressed", "false"); }
    }
    Array.prototype.forEach.call(main.querySelectorAll(".is-need, .is-unlock"), function (el) {
      el.classList.remove("is-need", "is-unlock");
    });
    selected = id;
    emptyPanel.hidden = true;
    panels[id].hidden = false;
    panel.scrollTop = 0;
    document.body.classList.add("has-topic");
    writeHash(id);
    var box = boxOf[id];
    if (box) {
      box.setAttribute("aria-pressed", "true");
      rove(box);
      if (focus && !narrow()) { box.focus(); }
      if (focus || !inView(box)) { box.scrollIntoView({ block: "nearest" }); }
    }
    if (narrow()) {
      // The panel is a sheet over the roadmap: focus moves into it (Esc or × gives it back).
      var title = panels[id].querySelector(".topic-title");
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    }
    var topic = topics[id] || {};
    mark(topic.needs || [], "is-need");
    mark(topic.unlocks || [], "is-unlock");
    redraw();
  }

  function close() {
    if (selected === null) { return; }
    var id = selected;
    panels[id].hidden = true;
    if (boxOf[id]) { boxOf[id].setAttribute("aria-pressed", "false"); }
    Array.prototype.forEach.call(main.querySelectorAll(".is-need, .is-unlock"), function (el) {
      el.classList.remove("is-need", "is-unlock");
    });
    selected = null;
    emptyPanel.hidden = false;
    document.body.classList.remove("has-topic");
    writeHash(null);
    redraw();
    if (boxOf[id]) { boxOf[id].focus(); }
  }

  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }

  // --- filters and search ------------------------------------------------------------------
  function words(id, topic) {
    return [topic.title, id].concat(topic.aliases || [], topic.tags || []).join("\n").toLowerCase();
  }
  var haystack = {};
  boxes.forEach(function (box) {
    var id = box.getAttribute("data-id");
    haystack[id] = words(id, topics[id] || { title: box.textContent });
  });

  function apply() {
    var query = search.value.trim().toLowerCase();
    var terms = query ? query.split(/\s+/) : [];
    var count = 0;
    boxes.forEach(function (box) {
      var id = box.getAttribute("data-id");
      var status = box.getAttribute("data-status");
      var ok = filter === "all" || status === filter;
      for (var i = 0; ok && i < terms.length; i++) { ok = haystack[id].indexOf(terms[i]) !== -1; }
      box.parentNode.classList.toggle("is-out", !ok);
      if (ok) { count++; }
    });
    Array.prototype.forEach.call(main.querySelectorAll(".card"), function (card) {
      var any = card.querySelector(".boxes li:not(.is-out) .box") !== null;
      card.classList.toggle("is-empty", !any);
      card.querySelector(".none").hidden = any;
      var label = card.querySelector(".side-label");
      if (label) { label.classList.toggle("is-out", card.querySelector(".boxes.side li:not(.is-out)") === null); }
    });
    shown.textContent = count === boxes.length ? count + " topics shown"
      : count + " of " + boxes.length + " topics shown";
    var current = main.querySelector('.box[tabindex="0"]');
    if (!current || !visible(current)) { var first = navigable()[0]; if (first) { rove(first); } }
    redraw();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".chip"), function (chip) {
    chip.addEventListener("click", function () {
      filter = chip.getAttribute("data-filter");
      Array.prototype.forEach.call(document.querySelectorAll(".chip"), function (other) {
        other.setAttribute("aria-pressed", other === chip ? "true" : "false");
      });
      apply();
    });
  });
  search.addEventListener("input", apply);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { search.value = ""; apply(); }
    if (event.key === "Enter" || event.key === "ArrowDown") {
      var first = navigable()[0];
      if (first) { event.preventDefault(); rove(first); first.focus(); }
    }
  });

  // --- the keyboard: one tab stop for the roadmap, arrows within it ------------------------
  function navigable() { return boxes.filter(visible); }
  function rove(box) {
    boxes.forEach(function (other) { other.setAttribute("tabindex", other === box ? "0" : "-1"); });
  }
  function cardBoxes(card) {
    return Array.prototype.slice.call(card.querySelectorAll("button.box")).filter(visible);
  }
  function move(box, key) {
    var list = navigable();
    var index = list.indexOf(box);
    if (key === "Home") { return list[0]; }
    if (key === "End") { return list[list.length - 1]; }
    var card = box.closest(".card");
    var own = cardBoxes(card);
    var at = own.indexOf(box);
    if (key === "ArrowDown") { return own[at + 1] || list[index + 1]; }
    if (key === "ArrowUp") { return own[at - 1] || list[index - 1]; }
    var cards = Array.prototype.slice.call(main.querySelectorAll(".card")).filter(function (c) {
      return cardBoxes(c).length > 0;
    });
    var c = cards.indexOf(card) + (key === "ArrowRight" ? 1 : -1);
    if (c < 0 || c >= cards.length) { return null; }
    var there = cardBoxes(cards[c]);
    return there[Math.min(at, there.length - 1)];
  }

  main.addEventListener("keydown", function (event) {
    var box = event.target.closest ? event.target.closest("button.box") : null;
    if (!box) { return; }
    if (["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End"].indexOf(event.key) === -1) { return; }
    var next = move(box, event.key);
    event.preventDefault();
    if (next) { rove(next); next.focus(); next.scrollIntoView({ block: "nearest" }); }
  });
  main.addEventListener("click", function (event) {
    var box = event.target.closest ? event.target.closest("button.box") : null;
    if (box) { select(box.getAttribute("data-id"), false); if (!narrow()) { box.focus(); } }
  });
  document.addEventListener("click", function (event) {
    var go = event.target.closest ? event.target.closest("[data-go]") : null;
    if (go) {
      event.preventDefault();
      var id = go.getAttribute("data-go");
      if (panels[id]) { select(id, true); }
      else { var node = nodeOf[id]; if (node) { node.scrollIntoView({ block: "nearest" }); } }
    }
    if (event.target.closest && event.target.closest(".close")) { close(); }
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target === search || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); search.focus(); search.select(); }
    else if (event.key === "Escape" && !typing && selected !== null) { close(); }
  });

  if (boxes.length) { rove(boxes[0]); }
  if (window.ResizeObserver) { new window.ResizeObserver(redraw).observe(main); }
  window.addEventListener("resize", redraw);
  if (narrow()) {  // a compact sidebar: its folds closed, the roadmap near the top
    Array.prototype.forEach.call(document.querySelectorAll("details.fold"), function (fold) {
      fold.open = false;
    });
  }
  // Print shows the charts and the legend even where the folds were closed (a narrow screen),
  // and puts the folds back as they were after.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(
      document.querySelectorAll("details.fold.charts, details.fold.legend"),
      function (fold) { return !fold.open; });
    closedForPrint.forEach(function (fold) { fold.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (fold) { fold.open = false; });
    closedForPrint = [];
  });
  window.addEventListener("hashchange", function () {
    var id = topicOfHash();
    if (id !== null && panels[id] && id !== selected) { select(id, true); }
  });
  var wanted = topicOfHash();
  if (wanted !== null && panels[wanted]) { select(wanted, false); }
  draw();
})();
