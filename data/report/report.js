// newsgraph report: pan and zoom the diagram, click an entity (in the diagram or the
// list) to see its facts and the sentences that state them. No network, no libraries.
(function () {
  var data = JSON.parse(document.getElementById("ng-data").textContent);
  var byId = {};
  data.entities.forEach(function (e) { byId[e.id] = e; });
  var panel = document.getElementById("ng-entity");

  function show(id) {
    var e = byId[id];
    if (!e) { return; }
    var html = "<h3>" + esc(e.label) + " <small>(" + esc(e.type) + ")</small></h3><ul>";
    data.facts.forEach(function (f) {
      if (f.s !== id && f.o !== id) { return; }
      html += "<li><b>" + esc(byId[f.s].label) + " " + esc(f.p) + " " + esc(byId[f.o].label) + "</b>";
      if (f.detail) { html += " (" + esc(f.detail) + ")"; }
      html += " — " + f.sources + " source" + (f.sources === 1 ? "" : "s") + "<ul>";
      f.evidence.forEach(function (ev) {
        html += "<li class=\"ng-evidence\">“" + esc(ev.text) + "” <small>" + esc(ev.doc) + "</small></li>";
      });
      html += "</ul></li>";
    });
    panel.innerHTML = html + "</ul>";
    panel.setAttribute("data-entity", id);
  }

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  // Entity list.
  var list = document.getElementById("ng-entities");
  data.entities.forEach(function (e) {
    var li = document.createElement("li");
    li.textContent = e.label + " (" + e.type + ")";
    li.setAttribute("data-id", e.id);
    li.addEventListener("click", function () { show(e.id); });
    list.appendChild(li);
  });

  // Diagram: clicking a node's text shows the entity; the wheel zooms, dragging pans.
  var svg = document.querySelector("#ng-diagram svg");
  if (svg) {
    var byLabel = {};
    data.entities.forEach(function (e) { byLabel[e.label] = e.id; });
    Array.prototype.forEach.call(svg.querySelectorAll("text"), function (t) {
      var id = byLabel[t.textContent.trim()];
      if (id) {
        t.style.cursor = "pointer";
        t.addEventListener("click", function () { show(id); });
      }
    });
    var vb = (svg.getAttribute("viewBox") || "0 0 " + (svg.getAttribute("width") || "1000").replace("pt", "") + " " + (svg.getAttribute("height") || "800").replace("pt", "")).split(/[\s,]+/).map(Number);
    function apply() { svg.setAttribute("viewBox", vb.join(" ")); }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
      var cx = vb[0] + vb[2] / 2, cy = vb[1] + vb[3] / 2;
      vb[2] *= k; vb[3] *= k; vb[0] = cx - vb[2] / 2; vb[1] = cy - vb[3] / 2;
      apply();
    });
    var drag = null;
    svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY]; });
    window.addEventListener("mouseup", function () { drag = null; });
    window.addEventListener("mousemove", function (ev) {
      if (!drag) { return; }
      var scale = vb[2] / (svg.clientWidth || 1000);
      vb[0] -= (ev.clientX - drag[0]) * scale; vb[1] -= (ev.clientY - drag[1]) * scale;
      drag = [ev.clientX, ev.clientY];
      apply();
    });
    apply();
  }

  if (data.entities.length > 0) { show(data.central || data.entities[0].id); }
  document.body.setAttribute("data-ready", "yes");
})();
