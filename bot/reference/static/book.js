(function () {
  "use strict";
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("main [data-search]"));
  var mirrors = Array.prototype.slice.call(document.querySelectorAll("[data-for]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var total = document.querySelectorAll("main article.topic").length;
  function filter() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (el) {
      var hay = el.getAttribute("data-search");
      var match = terms.every(function (t) { return hay.indexOf(t) !== -1; });
      el.hidden = !match;
      if (match && el.classList.contains("topic")) { shown += 1; }
    });
    mirrors.forEach(function (el) {
      var target = document.getElementById(el.getAttribute("data-for"));
      el.hidden = target ? target.hidden : false;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-search]:not([hidden]), [data-for]:not([hidden])");
    });
    status.textContent = terms.length ? shown + " of " + total + " scripts match \u201c" + input.value.trim() + "\u201d."
                                      : "All " + total + " scripts shown.";
    document.getElementById("no-match").hidden = !(terms.length && shown === 0);
  }
  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; filter(); }
  });
  document.getElementById("search-form").addEventListener("submit", function (event) { event.preventDefault(); });
  filter();

  // Live-call lookup: only on the served page (it runs the model behind a staff token).
  var lookup = document.getElementById("lookup");
  if (!/^https?:$/.test(window.location.protocol)) { return; }
  lookup.hidden = false;
  var form = document.getElementById("lookup-form");
  var out = document.getElementById("lookup-results");
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function render(status, body) {
    out.textContent = "";
    if (status !== 200) {
      out.appendChild(el("p", "status", (body && body.error) || ("Lookup failed (HTTP " + status + ").")));
      return;
    }
    if (body.red_flag) {
      var flag = el("div", "result flag");
      var label = body.red_flag.kind === "red_flag" ? "Red flag first: " : "Question for the care team: ";
      flag.appendChild(el("h3", null, label + body.red_flag.tier_title +
        (body.red_flag.category_title ? " \u2013 " + body.red_flag.category_title : "")));
      if (body.red_flag.matched) { flag.appendChild(el("p", null, "Matched: \u201c" + body.red_flag.matched + "\u201d")); }
      if (body.red_flag.staff_script) { flag.appendChild(el("p", "staff-script", body.red_flag.staff_script)); }
      out.appendChild(flag);
    }
    if (!body.matches.length) { out.appendChild(el("p", "status", "No script matches. Search the book or take a message for the care team.")); }
    body.matches.forEach(function (m, i) {
      var box = el("div", "result");
      var h = el("h3");
      var a = el("a", null, (i + 1) + ". " + m.title);
      a.href = "#" + m.anchor;
      h.appendChild(a);
      h.appendChild(el("span", "tag", " " + Math.round(m.confidence * 100) + "% \u00b7 " + m.area));
      box.appendChild(h);
      box.appendChild(el("p", "script", m.script));
      out.appendChild(box);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("lookup-q").value.trim();
    var token = document.getElementById("lookup-token").value;
    if (!q) { return; }
    out.textContent = "Looking up\u2026";
    fetch("lookup?q=" + encodeURIComponent(q), { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (r) { return r.json().then(function (b) { render(r.status, b); }, function () { render(r.status, null); }); })
      .catch(function () { render(0, { error: "The lookup service cannot be reached." }); });
  });
})();
