/* The self-assessment "How co-productive are we?" (docs/self-assessment.md).
 *
 * The page is already a working form without this script. This adds: keeping
 * answers in this browser (localStorage, nothing is sent anywhere), a score for
 * each area answered so far, a chart, the strongest and weakest areas, marks
 * on the statements not yet answered, and printing.
 * Everything it needs is in the page's HTML (data-* attributes), so the
 * statements live in one place: data/self-assessment.yml.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function init() {
    var root = document.getElementById("self-assessment");
    if (!root) return;
    var form = root.querySelector(".sa-form");
    var results = root.querySelector(".sa-results");
    var status = root.querySelector(".sa-status");
    // Scoped to this page's path: other sites on the same host keep their own.
    var key = root.getAttribute("data-storage-key") + ":" + location.pathname;
    var weakBelow = Number(root.getAttribute("data-weak-below"));
    var areas = Array.prototype.map.call(root.querySelectorAll(".sa-area"), function (fieldset) {
      return {
        fieldset: fieldset,
        label: fieldset.getAttribute("data-title") + ": " + fieldset.getAttribute("data-name"),
        kind: fieldset.getAttribute("data-kind"),
        guide: fieldset.getAttribute("data-guide"),
        names: Array.prototype.map.call(fieldset.querySelectorAll(".sa-statement"), function (statement) {
          return statement.querySelector("input[type=radio]").name;
        })
      };
    });
    var names = [].concat.apply([], areas.map(function (area) { return area.names; }));

    function checked(name) {
      return form.querySelector('input[name="' + name + '"]:checked');
    }

    function topPoints(name) {
      var inputs = form.querySelectorAll('input[name="' + name + '"]');
      return Math.max.apply(null, Array.prototype.map.call(inputs, function (i) { return Number(i.value); }));
    }

    function answers() {
      var found = {};
      names.forEach(function (name) {
        var input = checked(name);
        if (input) found[name] = Number(input.value);
      });
      return found;
    }

    // --- Keeping answers in this browser ---------------------------------

    function save() {
      try { localStorage.setItem(key, JSON.stringify({ answers: answers() })); } catch (e) { /* storage off: still works */ }
    }

    function restore() {
      var saved;
      try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
      if (!saved || typeof saved.answers !== "object") return;
      names.forEach(function (name) {
        var input = form.querySelector('input[name="' + name + '"][value="' + Number(saved.answers[name]) + '"]');
        if (input) input.checked = true;
      });
    }

    function forget() {
      try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
      form.reset();
      markUnanswered(false);
      results.hidden = true;
      root.classList.remove("sa--has-results");
      say("Your answers are gone from this browser.");
    }

    // --- Scores ----------------------------------------------------------

    // An area is scored once all its statements are answered.
    function complete(area, given) {
      return area.names.every(function (name) { return name in given; });
    }

    function score(area, given) {
      var got = 0, most = 0;
      area.names.forEach(function (name) { got += given[name]; most += topPoints(name); });
      return Math.round(100 * got / most);
    }

    function listNames(list) {
      var labels = list.map(function (a) { return a.label; });
      if (labels.length < 2) return labels.join("");
      return labels.slice(0, -1).join(", ") + " and " + labels[labels.length - 1];
    }

    function el(name, text, attributes) {
      var node = document.createElement(name);
      if (text) node.textContent = text;
      Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
      return node;
    }

    function svg(name, attributes, text) {
      var node = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
      if (text) node.textContent = text;
      return node;
    }

    function drawChart(scored) {
      var chart = results.querySelector(".sa-chart");
      var width = 320, barWidth = 272, row = 32;
      chart.textContent = "";
      chart.setAttribute("viewBox", "0 0 " + width + " " + row * scored.length);
      scored.forEach(function (a, i) {
        var y = i * row;
        chart.appendChild(svg("text", { x: 0, y: y + 12, "class": "sa-chart__label" }, a.label));
        chart.appendChild(svg("rect", { x: 0, y: y + 16, width: barWidth, height: 12, "class": "sa-chart__track" }));
        chart.appendChild(svg("rect", { x: 0, y: y + 16, width: barWidth * a.score / 100, height: 12,
          "class": "sa-chart__bar" + (a.weak ? " sa-chart__bar--weak" : "") }));
        chart.appendChild(svg("text", { x: width, y: y + 27, "text-anchor": "end", "class": "sa-chart__score" },
          a.score + "%"));
      });
    }

    // Mark each statement not answered yet, in words, not only by colour.
    function markUnanswered(on) {
      names.forEach(function (name) {
        var statement = form.querySelector("#sa-" + name);
        var note = statement.querySelector(".sa-missing");
        var missing = on && !checked(name);
        statement.classList.toggle("sa-statement--missing", missing);
        if (missing && !note) {
          note = el("p", "Not answered yet", { "class": "sa-missing" });
          statement.insertBefore(note, statement.querySelector(".sa-scale"));
        } else if (!missing && note) {
          note.remove();
        }
      });
    }

    function showResults(announce) {
      var given = answers();
      var done = areas.filter(function (area) { return complete(area, given); });
      var missing = unanswered();
      var summary = results.querySelector(".sa-results__summary");
      summary.textContent = "";
      var progress = results.querySelector(".sa-results__progress");
      progress.textContent = "";
      if (missing.length) {
        markUnanswered(true);
        progress.appendChild(el("p", "You have answered " + (names.length - missing.length) + " of " + names.length +
          " statements. " + missing.length + (missing.length === 1 ? " is" : " are") +
          " marked \u201cNot answered yet\u201d. These results are for the " + done.length + " of " + areas.length +
          " areas you have finished."));
        var next = el("p");
        next.appendChild(el("a", "Go to the first statement not answered yet", { href: "#sa-" + missing[0] }));
        progress.appendChild(next);
      } else {
        markUnanswered(false);
      }
      if (!done.length) {
        results.querySelector(".sa-results__scores").hidden = true;
        summary.appendChild(el("p", "Finish all the statements in at least one area to see a score."));
        return reveal(announce, progress.textContent);
      }
      results.querySelector(".sa-results__scores").hidden = false;
      var scored = done.map(function (area) {
        return { label: area.label, kind: area.kind, guide: area.guide, score: score(area, given) };
      });
      var values = scored.map(function (a) { return a.score; });
      var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
      var strongest = scored.filter(function (a) { return a.score === high; });
      var weakest = scored.filter(function (a) { return a.score === low; });
      // To work on: the weakest areas, and any other area under the line.
      scored.forEach(function (a) { a.weak = a.score < 100 && (a.score === low || a.score < weakBelow); });
      var toWorkOn = scored.filter(function (a) { return a.weak; })
        .sort(function (a, b) { return a.score - b.score; });

      var sentences = [];
      if (scored.length === 1) {
        sentences.push("Your score for " + scored[0].label + " is " + high + " out of 100.");
      } else if (low === high) {
        sentences.push("All " + scored.length + " areas have the same score: " + high + " out of 100.");
      } else {
        sentences.push((strongest.length > 1 ? "Your strongest areas are " : "Your strongest area is ") +
          listNames(strongest) + ", with " + high + " out of 100.");
        sentences.push((weakest.length > 1 ? "Your weakest areas are " : "Your weakest area is ") +
          listNames(weakest) + ", with " + low + " out of 100.");
      }
      sentences.forEach(function (s) { summary.appendChild(el("p", s)); });
      if (toWorkOn.length) {
        summary.appendChild(el("h3", "Where to start"));
        var list = el("ul", "", { "class": "sa-next" });
        toWorkOn.forEach(function (a) {
          var item = el("li");
          var what = a.kind === "step" ? "Read the guide to " : "Read about ";
          item.appendChild(el("a", what + a.label, { href: a.guide }));
          item.appendChild(document.createTextNode(" (score " + a.score + " out of 100)"));
          list.appendChild(item);
        });
        summary.appendChild(list);
      } else {
        summary.appendChild(el("p", "Every area has full marks. Keep checking, as teams and people change."));
      }

      drawChart(scored);
      var body = results.querySelector("table tbody");
      body.textContent = "";
      scored.forEach(function (a) {
        var tr = el("tr");
        tr.appendChild(el("th", a.label, { scope: "row" }));
        tr.appendChild(el("td", a.score + "%"));
        body.appendChild(tr);
      });

      reveal(announce, progress.textContent + " " + sentences.join(" "));
    }

    function reveal(announce, message) {
      results.hidden = false;
      root.classList.add("sa--has-results");
      if (announce) {
        say("Your results are ready. " + message);
        // Focus moves to the results' heading and the browser brings it into view.
        var heading = results.querySelector("h2");
        heading.focus();
        heading.scrollIntoView({ block: "start" });
      }
    }

    // --- Talking to the reader --------------------------------------------

    function say(message) {
      // Clear first, so the same words said twice are announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function unanswered() {
      return names.filter(function (name) { return !checked(name); });
    }

    form.addEventListener("change", function () {
      save();
      // Results already on screen follow the answers, quietly.
      if (!results.hidden) showResults(false);
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // Part-way through too: results for the areas finished, and what is left.
      showResults(true);
    });

    root.querySelector("[data-sa-forget]").addEventListener("click", forget);
    root.querySelector("[data-sa-print]").addEventListener("click", function () { window.print(); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-sa-js-only]"), function (node) { node.hidden = false; });

    restore();
    if (!unanswered().length) showResults(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
