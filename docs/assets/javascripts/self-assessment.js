/* The self-assessment "How co-productive are we?" (docs/self-assessment.md).
 *
 * The page is already a working form without this script. This adds: a count
 * of the answers, keeping answers in this browser (localStorage), a score for
 * each area answered so far, a chart with a legend, the strongest and weakest
 * areas, marks on the statements not yet answered, a short print, and a team
 * view: each person saves their answers as a small file (or a link), and one
 * person opens several to see the scores side by side.
 *
 * Nothing is sent anywhere: files are read and made in the browser, and a link
 * keeps the answers after "#", which browsers never send to a website.
 *
 * Trust: the page's data-* attributes and anything loaded (a file, a link) are
 * data, never code or addresses. The only links this script makes are to "#"
 * and an id it has checked; the guide links are real links the build wrote and
 * checked, copied as they are. Names from files are shown with textContent.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var AREA_ID = /^(value|step)-[1-9][0-9]?$/;
  var STATEMENT_ID = /^(value|step)-[1-9][0-9]?-[1-9][0-9]?$/;
  var MAX_BYTES = 64 * 1024;   // a real file of answers is under 2 KB
  var MAX_PEOPLE = 30;
  var MAX_TEXT = 80;           // characters in a name or a team
  var FIELDS = ["format", "version", "name", "team", "date", "answers"];
  // Characters that cannot be shown as plain text, or that turn text around (bidi controls).
  var ODD = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
  var LINK_KEY = "answers=";

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

  function listNames(labels) {
    if (labels.length < 2) return labels.join("");
    return labels.slice(0, -1).join(", ") + " and " + labels[labels.length - 1];
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function init() {
    var root = document.getElementById("self-assessment");
    if (!root) return;
    var form = root.querySelector(".sa-form");
    var results = root.querySelector(".sa-results");
    var status = root.querySelector(".sa-status");
    var format = root.getAttribute("data-file-format");
    var version = Number(root.getAttribute("data-file-version"));
    // Scoped to this page's path: other sites on the same host keep their own.
    var key = root.getAttribute("data-storage-key") + ":" + location.pathname;
    var weakBelow = Number(root.getAttribute("data-weak-below"));
    var nameInput = root.querySelector("#sa-name");
    var teamInput = root.querySelector("#sa-team-name");

    // The areas and statements, as the page has them; ids that do not look like ours are skipped.
    var areas = [];
    Array.prototype.forEach.call(root.querySelectorAll(".sa-area"), function (fieldset) {
      var id = fieldset.getAttribute("data-area") || "";
      var names = [];
      Array.prototype.forEach.call(fieldset.querySelectorAll(".sa-statement"), function (statement) {
        var input = statement.querySelector("input[type=radio]");
        if (input && STATEMENT_ID.test(input.name) && statement.id === "sa-" + input.name) names.push(input.name);
      });
      if (!AREA_ID.test(id) || !names.length) return;
      areas.push({
        id: id,
        label: fieldset.getAttribute("data-title") + ": " + fieldset.getAttribute("data-name"),
        names: names
      });
    });
    var names = [].concat.apply([], areas.map(function (area) { return area.names; }));
    var scale = names.length ? Array.prototype.map.call(
      form.querySelectorAll('input[name="' + names[0] + '"]'), function (i) { return Number(i.value); }) : [];
    var top = Math.max.apply(null, scale);

    function checked(name) {
      return form.querySelector('input[name="' + name + '"]:checked');
    }

    function answers() {
      var found = {};
      names.forEach(function (name) {
        var input = checked(name);
        if (input) found[name] = Number(input.value);
      });
      return found;
    }

    function unanswered() {
      return names.filter(function (name) { return !checked(name); });
    }

    function cleanText(value) {
      return String(value || "").replace(ODD, "").trim().slice(0, MAX_TEXT);
    }

    // --- Keeping answers in this browser ---------------------------------

    function save() {
      var kept = { answers: answers(), name: cleanText(nameInput.value), team: cleanText(teamInput.value) };
      try { localStorage.setItem(key, JSON.stringify(kept)); } catch (e) { /* storage off: still works */ }
    }

    function restore() {
      var saved;
      try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
      if (!saved || typeof saved.answers !== "object" || saved.answers === null) return;
      names.forEach(function (name) {
        if (!has(saved.answers, name) || scale.indexOf(saved.answers[name]) < 0) return;
        var input = form.querySelector('input[name="' + name + '"][value="' + saved.answers[name] + '"]');
        if (input) input.checked = true;
      });
      if (typeof saved.name === "string") nameInput.value = cleanText(saved.name);
      if (typeof saved.team === "string") teamInput.value = cleanText(saved.team);
    }

    function forget() {
      try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
      form.reset();
      nameInput.value = "";
      teamInput.value = "";
      markUnanswered(false);
      results.hidden = true;
      root.classList.remove("sa--has-results");
      root.querySelector(".sa-share").textContent = "";
      showCount(false);
      say("Your answers are gone from this browser.");
    }

    // --- The count of answers ----------------------------------------------

    var countTimer = null;
    function showCount(announce) {
      var done = names.length - unanswered().length;
      Array.prototype.forEach.call(root.querySelectorAll(".sa-progress__count"), function (node) {
        node.textContent = String(done);
      });
      // Said once the reader pauses, not at every click or arrow key.
      window.clearTimeout(countTimer);
      if (announce) {
        countTimer = window.setTimeout(function () { say(done + " of " + names.length + " answered."); }, 1500);
      }
    }

    // --- Asking before forgetting -----------------------------------------

    var forgetButton = root.querySelector("[data-sa-forget]");
    var dialog = el("dialog", "", { "class": "sa-dialog", "aria-labelledby": "sa-dialog-heading",
                                    "aria-describedby": "sa-dialog-text" });
    dialog.appendChild(el("h2", "Forget your answers?", { id: "sa-dialog-heading" }));
    var dialogText = el("p", "", { id: "sa-dialog-text" });
    dialog.appendChild(dialogText);
    var dialogButtons = el("p", "", { "class": "sa-buttons" });
    var keepButton = el("button", "Cancel, keep my answers", { type: "button", "class": "md-button md-button--primary" });
    var wipeButton = el("button", "Yes, forget my answers", { type: "button", "class": "md-button" });
    dialogButtons.appendChild(keepButton);
    dialogButtons.appendChild(wipeButton);
    dialog.appendChild(dialogButtons);
    root.appendChild(dialog);
    keepButton.addEventListener("click", function () { dialog.close("keep"); });
    wipeButton.addEventListener("click", function () { forget(); dialog.close("forget"); });
    // Escape closes it too, with no return value: that keeps the answers.
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "forget") say("Your answers are kept.");
      forgetButton.focus();
    });
    forgetButton.addEventListener("click", function () {
      var count = names.length - unanswered().length;
      dialogText.textContent = "This clears your " + count + (count === 1 ? " answer" : " answers") +
        " from this page and from this browser. You cannot undo it. To keep a copy, press Cancel and save" +
        " your answers as a file first.";
      dialog.returnValue = "";
      dialog.showModal();
      keepButton.focus();
    });

    // --- Scores ----------------------------------------------------------

    // Once all an area's statements are answered; null until then.
    function points(area, given) {
      var got = 0;
      for (var i = 0; i < area.names.length; i++) {
        if (!has(given, area.names[i])) return null;
        got += given[area.names[i]];
      }
      return got;
    }

    function score(area, given) {
      var got = points(area, given);
      return got === null ? null : Math.round(100 * got / (top * area.names.length));
    }

    function drawLegend() {
      var legend = results.querySelector(".sa-legend");
      legend.textContent = "";
      [["sa-chart__bar", "Solid bar: the score, out of 100"],
       ["sa-chart__bar sa-chart__bar--weak", "Striped bar: an area to work on"],
       ["sa-chart__track", "Grey bar: the rest of the way to 100"]].forEach(function (item) {
        var row = el("span", "", { "class": "sa-legend__item" });
        var swatch = svg("svg", { viewBox: "0 0 24 12", width: "24", height: "12", "class": "sa-legend__swatch",
                                  focusable: "false" });
        swatch.appendChild(hatch());
        swatch.appendChild(svg("rect", { x: 0, y: 0, width: 24, height: 12, "class": item[0] }));
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(" " + item[1]));
        legend.appendChild(row);
      });
    }

    var hatchCount = 0;
    function hatch() {
      // Stripes, so "to work on" reads without colour (and in black and white print).
      var defs = svg("defs", {});
      var id = "sa-hatch-" + (++hatchCount);
      var pattern = svg("pattern", { id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse",
                                     patternTransform: "rotate(45)" });
      pattern.appendChild(svg("rect", { width: 6, height: 6, "class": "sa-chart__hatch-back" }));
      pattern.appendChild(svg("rect", { width: 3, height: 6, "class": "sa-chart__hatch" }));
      defs.appendChild(pattern);
      defs.setAttribute("data-hatch", id);
      return defs;
    }

    function drawChart(scored) {
      var chart = results.querySelector(".sa-chart");
      var barWidth = 196, row = 34;
      chart.textContent = "";
      var defs = hatch();
      chart.appendChild(defs);
      chart.setAttribute("viewBox", "0 0 320 " + row * scored.length);
      scored.forEach(function (a, i) {
        var y = i * row;
        chart.appendChild(svg("text", { x: 0, y: y + 12, "class": "sa-chart__label" }, a.label));
        chart.appendChild(svg("rect", { x: 0, y: y + 17, width: barWidth, height: 12, "class": "sa-chart__track" }));
        var bar = svg("rect", { x: 0, y: y + 17, width: barWidth * a.score / 100, height: 12,
          "class": "sa-chart__bar" + (a.weak ? " sa-chart__bar--weak" : "") });
        if (a.weak) bar.setAttribute("fill", "url(#" + defs.getAttribute("data-hatch") + ")");
        chart.appendChild(bar);
        chart.appendChild(svg("text", { x: barWidth + 8, y: y + 28, "class": "sa-chart__score" },
          a.score + "%" + (a.weak ? ", to work on" : "")));
      });
    }
    // The legend's swatches use the same classes; the striped one gets its pattern here.
    function fixLegendFills() {
      Array.prototype.forEach.call(results.querySelectorAll(".sa-legend svg"), function (swatch) {
        var rect = swatch.querySelector("rect.sa-chart__bar--weak");
        if (rect) rect.setAttribute("fill", "url(#" + swatch.querySelector("defs").getAttribute("data-hatch") + ")");
      });
    }

    // Mark each statement not answered yet, in words, not only by colour.
    function markUnanswered(on) {
      names.forEach(function (name) {
        var statement = document.getElementById("sa-" + name);
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

    // A link within this page, to a statement this script knows: never built from anything else.
    function linkToStatement(text, name) {
      if (names.indexOf(name) < 0 || !STATEMENT_ID.test(name)) return el("span", text);
      return el("a", text, { href: "#sa-" + name });
    }

    // The guide link the build wrote for this area, copied as it is.
    function guideLink(area) {
      var item = root.querySelector('.sa-guides li[data-area="' + area.id + '"]');
      var link = item && item.querySelector("a[href]");
      return link ? link.cloneNode(true) : el("span", "Read about " + area.label);
    }

    function today() {
      return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    }

    function writeMeta() {
      var meta = results.querySelector(".sa-results__meta");
      var who = cleanText(nameInput.value), team = cleanText(teamInput.value);
      meta.textContent = "Filled in by: " + (who || "______________________") +
        "     Team: " + (team || "______________________") + "     Date: " + today();
    }

    function showResults(announce) {
      var given = answers();
      var missing = unanswered();
      var summary = results.querySelector(".sa-results__summary");
      summary.textContent = "";
      var progress = results.querySelector(".sa-results__progress");
      progress.textContent = "";
      writeMeta();
      var scored = [];
      areas.forEach(function (area) {
        var s = score(area, given);
        if (s !== null) scored.push({ area: area, label: area.label, score: s });
      });
      if (missing.length) {
        markUnanswered(true);
        progress.appendChild(el("p", "You have answered " + (names.length - missing.length) + " of " + names.length +
          " statements. " + missing.length + (missing.length === 1 ? " is" : " are") +
          " marked \u201cNot answered yet\u201d. These results are for the " + scored.length + " of " + areas.length +
          " areas you have finished."));
        var next = el("p", "", { "class": "sa-screen-only" });
        next.appendChild(linkToStatement("Go to the first statement not answered yet", missing[0]));
        progress.appendChild(next);
      } else {
        markUnanswered(false);
      }
      if (!scored.length) {
        results.querySelector(".sa-results__scores").hidden = true;
        summary.appendChild(el("p", "Finish all the statements in at least one area to see a score."));
        return reveal(announce);
      }
      results.querySelector(".sa-results__scores").hidden = false;
      var values = scored.map(function (a) { return a.score; });
      var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
      var strongest = scored.filter(function (a) { return a.score === high; });
      var weakest = scored.filter(function (a) { return a.score === low; });
      // To work on: the weakest areas, and any other area under the line.
      scored.forEach(function (a) { a.weak = a.score < 100 && (a.score === low || a.score < weakBelow); });
      var toWorkOn = scored.filter(function (a) { return a.weak; })
        .sort(function (a, b) { return a.score - b.score; });
      var labels = function (list) { return listNames(list.map(function (a) { return a.label; })); };

      var sentences = [];
      if (scored.length === 1) {
        sentences.push("Your score for " + scored[0].label + " is " + high + " out of 100.");
      } else if (low === high) {
        sentences.push("All " + scored.length + " areas have the same score: " + high + " out of 100.");
      } else {
        sentences.push((strongest.length > 1 ? "Your strongest areas are " : "Your strongest area is ") +
          labels(strongest) + ", with " + high + " out of 100.");
        sentences.push((weakest.length > 1 ? "Your weakest areas are " : "Your weakest area is ") +
          labels(weakest) + ", with " + low + " out of 100.");
      }
      sentences.forEach(function (s) { summary.appendChild(el("p", s)); });
      if (toWorkOn.length) {
        summary.appendChild(el("h3", "Where to start: the areas to work on"));
        var list = el("ul", "", { "class": "sa-next" });
        toWorkOn.forEach(function (a) {
          var item = el("li");
          item.appendChild(guideLink(a.area));
          item.appendChild(document.createTextNode(" (score " + a.score + " out of 100)"));
          list.appendChild(item);
        });
        summary.appendChild(list);
      } else {
        summary.appendChild(el("p", "Every area has full marks. Keep checking, as teams and people change."));
      }

      drawLegend();
      fixLegendFills();
      drawChart(scored);
      var body = results.querySelector("table tbody");
      body.textContent = "";
      scored.forEach(function (a) {
        var tr = el("tr");
        tr.appendChild(el("th", a.label, { scope: "row" }));
        tr.appendChild(el("td", a.score + "%"));
        tr.appendChild(el("td", a.weak ? "Yes" : "No"));
        body.appendChild(tr);
      });

      reveal(announce);
    }

    function reveal(announce) {
      results.hidden = false;
      root.classList.add("sa--has-results");
      if (announce) {
        // One announcement: focus moves to the results' heading, which screen readers say,
        // and they read on from there; the browser brings it into view. The status line
        // says nothing now: the results said there as well were heard twice.
        window.clearTimeout(countTimer);
        status.textContent = "";
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

    // --- Saving answers to share --------------------------------------------

    var share = root.querySelector(".sa-share");

    function record() {
      var d = new Date();
      var iso = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
        String(d.getDate()).padStart(2, "0");
      return { format: format, version: version, name: cleanText(nameInput.value),
               team: cleanText(teamInput.value), date: iso, answers: answers() };
    }

    function nothingToShare() {
      if (names.length - unanswered().length) return false;
      share.textContent = "";
      share.appendChild(el("p", "Answer at least one statement first, then save your answers."));
      return true;
    }

    root.querySelector("[data-sa-save]").addEventListener("click", function () {
      if (nothingToShare()) return;
      var saved = record();
      var slug = saved.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
      var fileName = "self-assessment-" + (slug || "answers") + ".json";
      var blob = new Blob([JSON.stringify(saved, null, 1) + "\n"], { type: "application/json" });
      // A link to a file made here, in the browser: clicked once, then thrown away.
      var url = URL.createObjectURL(blob);
      var link = el("a", "", { href: url, download: fileName, hidden: "" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      share.textContent = "";
      share.appendChild(el("p", "Your answers are saved as " + fileName + ", in your downloads. " +
        "Send the file to the person who gathers your team's answers."));
    });

    function encode(object) {
      var bytes = new TextEncoder().encode(JSON.stringify(object));
      var binary = "";
      bytes.forEach(function (b) { binary += String.fromCharCode(b); });
      return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function decode(text) {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }

    root.querySelector("[data-sa-link]").addEventListener("click", function () {
      if (nothingToShare()) return;
      var address = location.href.split("#")[0] + "#" + LINK_KEY + encode(record());
      share.textContent = "";
      share.appendChild(el("p", "This link holds your answers after the # sign. Browsers never send that part " +
        "to a website, but anyone who has the link can see your answers."));
      var field = el("p", "", { "class": "sa-field" });
      field.appendChild(el("label", "Your link", { "for": "sa-link-text" }));
      var text = el("input", "", { type: "text", id: "sa-link-text", readonly: "" });
      text.value = address;
      field.appendChild(text);
      share.appendChild(field);
      var copy = el("button", "Copy the link", { type: "button", "class": "md-button" });
      var copied = el("span", "", { role: "status" });
      copy.addEventListener("click", function () {
        text.select();
        var done = function () { copied.textContent = " Copied. Paste it into an email or a message."; };
        if (navigator.clipboard) navigator.clipboard.writeText(address).then(done, function () {
          copied.textContent = " Select the link and copy it.";
        });
      });
      var line = el("p");
      line.appendChild(copy);
      line.appendChild(copied);
      share.appendChild(line);
      text.focus();
      text.select();
    });

    // --- The team view ----------------------------------------------------

    var people = [];
    var messages = root.querySelector(".sa-team__messages");
    var view = root.querySelector(".sa-team__view");

    // A saved file or link, read and checked; a person, or the reason it cannot be used.
    function check(text) {
      if (text.length > MAX_BYTES) {
        return { problem: "it is " + Math.ceil(text.length / 1024) + " KB, and a saved self-assessment is never more than 64 KB." };
      }
      var data;
      try { data = JSON.parse(text); } catch (e) {
        return { problem: "it is not a saved self-assessment (it is not written in JSON)." };
      }
      if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== format) {
        return { problem: "it is not a saved self-assessment from this page (it has no \u201cformat\u201d: \u201c" +
          format + "\u201d)." };
      }
      if (data.version !== version) {
        return { problem: "it was saved in another version of the format (" + JSON.stringify(data.version).slice(0, 20) +
          "), and this page reads version " + version + "." };
      }
      var extra = Object.keys(data).filter(function (k) { return FIELDS.indexOf(k) < 0; });
      if (extra.length) {
        return { problem: "it has a part this page does not know: \u201c" + extra[0].slice(0, 40) + "\u201d." };
      }
      var person = { answers: {} };
      for (var i = 0; i < 2; i++) {
        var field = ["name", "team"][i];
        var value = has(data, field) ? data[field] : "";
        if (typeof value !== "string" || value.length > MAX_TEXT || ODD.test(value)) {
          return { problem: "its " + field + " is not plain text of up to " + MAX_TEXT + " characters." };
        }
        person[field] = value.trim();
      }
      if (has(data, "date") && !(typeof data.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.date))) {
        return { problem: "its date is not written as year-month-day, like 2026-03-31." };
      }
      person.date = data.date || "";
      var given = data.answers;
      if (!given || typeof given !== "object" || Array.isArray(given) || !Object.keys(given).length) {
        return { problem: "it has no answers." };
      }
      var keys = Object.keys(given);
      for (var j = 0; j < keys.length; j++) {
        if (names.indexOf(keys[j]) < 0) {
          return { problem: "it answers a statement that is not on this page (\u201c" + keys[j].slice(0, 40) + "\u201d)." };
        }
        if (scale.indexOf(given[keys[j]]) < 0) {
          return { problem: "its answer to statement \u201c" + keys[j] + "\u201d is not one of this page's answers (" +
            scale[0] + " to " + top + ")." };
        }
        person.answers[keys[j]] = given[keys[j]];
      }
      return { person: person };
    }

    function addFrom(source, text) {
      if (people.length >= MAX_PEOPLE) {
        return { problem: "the team view holds up to " + MAX_PEOPLE + " people." };
      }
      var found = check(text);
      var same = function (p) {
        return p.name === found.person.name && JSON.stringify(p.answers) === JSON.stringify(found.person.answers);
      };
      if (found.person && people.some(same)) return { problem: "the same answers are already in the team view." };
      if (found.person) {
        found.person.source = source;
        if (!found.person.name) found.person.name = "Person " + (people.length + 1);
        people.push(found.person);
      }
      return found;
    }

    function report(lines) {
      messages.textContent = "";
      if (!lines.length) return;
      var list = el("ul", "", { "class": "sa-team__problems" });
      lines.forEach(function (line) {
        var item = el("li", "", { "class": line.ok ? "sa-team__ok" : "sa-team__problem" });
        item.appendChild(el("strong", line.ok ? "Loaded: " : "Not loaded: "));
        item.appendChild(document.createTextNode("\u201c" + line.source + "\u201d" +
          (line.ok ? " (" + line.name + ")." : ", because " + line.problem)));
        list.appendChild(item);
      });
      messages.appendChild(list);
      if (!lines.every(function (l) { return l.ok; })) {
        messages.appendChild(el("p", "Ask the person who sent a file that was not loaded to save it again from this page."));
      }
    }

    function take(entries) {
      var lines = entries.map(function (entry) {
        var found = entry.problem ? entry : addFrom(entry.source, entry.text);
        return found.person ? { ok: true, source: entry.source, name: found.person.name }
                            : { ok: false, source: entry.source, problem: found.problem };
      });
      report(lines);
      drawTeam();
    }

    var fileInput = root.querySelector("#sa-files");
    fileInput.multiple = true;
    fileInput.accept = ".json,application/json";
    fileInput.addEventListener("change", function () {
      var files = Array.prototype.slice.call(fileInput.files);
      Promise.all(files.map(function (file) {
        var source = cleanText(file.name) || "a file with no name";
        if (file.size > MAX_BYTES) {
          return { source: source, problem: "it is " + Math.ceil(file.size / 1024) +
            " KB, and a saved self-assessment is never more than 64 KB." };
        }
        return file.text().then(function (text) { return { source: source, text: text }; },
          function () { return { source: source, problem: "this browser could not read it." }; });
      })).then(function (entries) {
        take(entries);
        fileInput.value = "";
      });
    });

    function fromLink(line) {
      var at = line.indexOf("#" + LINK_KEY);
      if (at < 0) return { problem: "it is not a link made by this page (it has no \u201c#" + LINK_KEY + "\u201d)." };
      try { return { text: decode(line.slice(at + 1 + LINK_KEY.length).slice(0, MAX_BYTES * 2)) }; } catch (e) {
        return { problem: "the link is cut short or changed, so its answers cannot be read." };
      }
    }

    var paste = root.querySelector(".sa-paste");
    var pasteField = el("p", "", { "class": "sa-field" });
    pasteField.appendChild(el("label", "Or paste the links your team sent you, one on each line", { "for": "sa-links" }));
    var pasteBox = el("textarea", "", { id: "sa-links", rows: "3", spellcheck: "false" });
    pasteField.appendChild(pasteBox);
    paste.appendChild(pasteField);
    var pasteButton = el("button", "Add these links", { type: "button", "class": "md-button" });
    paste.appendChild(el("p")).appendChild(pasteButton);
    pasteButton.addEventListener("click", function () {
      var lines = pasteBox.value.split(/\s+/).filter(Boolean);
      take(lines.map(function (line, i) {
        var read = fromLink(line);
        read.source = "link " + (i + 1);
        return read;
      }));
      pasteBox.value = "";
    });

    // Our bands, from no source: answers apart, on average over the area's statements.
    function verdict(area, totals) {
      var apart = (Math.max.apply(null, totals) - Math.min.apply(null, totals)) / area.names.length;
      return totals.length < 2 ? ["few", "Too few answers to compare"] : apart < 0.5 ? ["agree", "Agree"]
        : apart < 1 ? ["some", "Differ a little"] : ["differ", "Differ a lot: talk about it"];
    }

    function drawTeam() {
      view.textContent = "";
      if (!people.length) return;
      view.appendChild(el("h3", "Your team's scores", { id: "sa-team-scores" }));
      var names_ = people.map(function (p) { return p.name; });
      view.appendChild(el("p", people.length + (people.length === 1 ? " person: " : " people: ") + listNames(names_) +
        ". Each score is out of 100. \u201cNot done\u201d means that person has not finished the area."));
      drawTeamChart();
      view.appendChild(el("p", "\u201cAgree\u201d: under half an answer apart, on average over an area\u2019s statements." +
        " \u201cDiffer a lot\u201d: a whole answer or more, such as \u201cStarting\u201d and \u201cMostly\u201d."));
      var wrap = el("div", "", { "class": "sa-team__scroll", tabindex: "0", role: "region",
                                 "aria-labelledby": "sa-team-scores" });
      // Roles too: Safari drops a table's meaning once its parts are blocks.
      var table = el("table", "", { "class": "sa-team__table", role: "table" });
      table.appendChild(el("caption", "Scores out of 100, by area and by person"));
      var columns = ["Area"].concat(people.map(function (p) { return p.name; }),
                                    ["Average", "Spread (points)", "Agree or differ"]);
      var head = el("tr", "", { role: "row" });
      columns.forEach(function (t) { head.appendChild(el("th", t, { scope: "col", role: "columnheader" })); });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      // The column's name: seen only as blocks (the CSS), never heard.
      function cell(tr, text, attributes) {
        attributes = attributes || {};
        attributes.role = "cell";
        var td = tr.appendChild(el("td", "", attributes));
        td.appendChild(el("span", columns[tr.children.length - 1], { "class": "sa-team__label", "aria-hidden": "true" }));
        td.appendChild(el("span", text, { "class": "sa-team__value" }));
        return td;
      }
      var rows = [];
      areas.forEach(function (area) {
        var tr = el("tr", "", { role: "row" });
        tr.appendChild(el("th", area.label, { scope: "row", role: "rowheader" }));
        var got = [], totals = [];
        people.forEach(function (p) {
          var s = score(area, p.answers);
          if (s !== null) { got.push(s); totals.push(points(area, p.answers)); }
          cell(tr, s === null ? "Not done" : String(s), s === null ? { "class": "sa-team__none" } : {});
        });
        var spread = got.length ? Math.max.apply(null, got) - Math.min.apply(null, got) : 0;
        var mean = got.length ? Math.round(got.reduce(function (a, b) { return a + b; }, 0) / got.length) : null;
        cell(tr, mean === null ? "Not done" : String(mean));
        cell(tr, got.length < 2 ? "\u2013" : String(spread));
        var said = verdict(area, totals);
        cell(tr, said[1], { "class": "sa-team__verdict sa-team__verdict--" + said[0] });
        body.appendChild(tr);
        rows.push({ label: area.label, spread: spread, count: got.length, mean: mean });
      });
      wrap.appendChild(table);
      view.appendChild(wrap);
      var compared = rows.filter(function (r) { return r.count >= 2; });
      if (compared.length) {
        var most = Math.max.apply(null, compared.map(function (r) { return r.spread; }));
        var least = Math.min.apply(null, compared.map(function (r) { return r.spread; }));
        var pick = function (value) {
          return listNames(compared.filter(function (r) { return r.spread === value; }).map(function (r) { return r.label; }));
        };
        view.appendChild(el("p", "You agree most about " + pick(least) + " (a spread of " + least + " points)."));
        if (most > least) {
          view.appendChild(el("p", "You differ most about " + pick(most) + " (a spread of " + most +
            " points). Start your team talk there."));
        }
      }
      var clear = el("button", "Clear the team view", { type: "button", "class": "md-button" });
      clear.addEventListener("click", function () {
        people = [];
        report([]);
        drawTeam();
        fileInput.focus();
      });
      view.appendChild(el("p")).appendChild(clear);
    }

    // A picture of the same scores: each person is a numbered mark on a line from 0 to 100,
    // and a band runs from the lowest to the highest. A short band: you agree.
    function drawTeamChart() {
      var key = el("p", "", { "class": "sa-team-key", "aria-hidden": "true" });
      key.appendChild(el("span", "In the chart, each number is one person:"));
      people.forEach(function (p, i) {
        key.appendChild(document.createTextNode(" "));
        var who = el("span", "", { "class": "sa-team-key__person" });
        who.appendChild(el("strong", String(i + 1)));
        who.appendChild(document.createTextNode(" " + p.name));
        key.appendChild(who);
      });
      key.appendChild(el("span", " The band runs from the lowest score to the highest: a short band means you agree." +
        " The number on the right is the spread, in points."));
      view.appendChild(key);
      var width = 360, row = 40, left = 10, span = 300;
      var chart = svg("svg", { "class": "sa-team-chart", viewBox: "0 0 " + width + " " + row * areas.length,
                               "aria-hidden": "true", focusable: "false" });
      areas.forEach(function (area, i) {
        var y = i * row;
        var got = [];
        people.forEach(function (p, n) {
          var s = score(area, p.answers);
          if (s !== null) got.push({ score: s, n: n + 1 });
        });
        chart.appendChild(svg("text", { x: 0, y: y + 12, "class": "sa-chart__label" }, area.label));
        chart.appendChild(svg("rect", { x: left, y: y + 25, width: span, height: 2, "class": "sa-team-chart__axis" }));
        if (got.length > 1) {
          var low = Math.min.apply(null, got.map(function (g) { return g.score; }));
          var high = Math.max.apply(null, got.map(function (g) { return g.score; }));
          chart.appendChild(svg("rect", { x: left + span * low / 100 - 9, y: y + 17, width: span * (high - low) / 100 + 18,
                                          height: 18, rx: 9, "class": "sa-team-chart__band" }));
          chart.appendChild(svg("text", { x: width, y: y + 12, "text-anchor": "end", "class": "sa-team-chart__spread" },
                                String(high - low)));
        }
        var seen = {};
        got.forEach(function (g) {
          // People with the same score sit side by side, not on top of each other.
          var nudge = (seen[g.score] = (seen[g.score] || 0) + 1) - 1;
          var x = left + span * g.score / 100 + nudge * 12;
          chart.appendChild(svg("circle", { cx: x, cy: y + 26, r: 8, "class": "sa-team-chart__mark" }));
          chart.appendChild(svg("text", { x: x, y: y + 30, "text-anchor": "middle", "class": "sa-team-chart__number" },
                                String(g.n)));
        });
      });
      view.appendChild(chart);
    }

    // --- Wiring -----------------------------------------------------------

    form.addEventListener("change", function () {
      save();
      showCount(true);
      // Results already on screen follow the answers, quietly.
      if (!results.hidden) showResults(false);
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // Part-way through too: results for the areas finished, and what is left.
      showResults(true);
    });

    [nameInput, teamInput].forEach(function (input) {
      input.maxLength = MAX_TEXT;
      input.autocomplete = "off";
      input.addEventListener("input", function () { save(); writeMeta(); });
    });
    root.querySelector("[data-sa-print]").addEventListener("click", function () { writeMeta(); window.print(); });
    window.addEventListener("beforeprint", writeMeta);
    Array.prototype.forEach.call(root.querySelectorAll("[data-sa-js-only]"), function (node) { node.hidden = false; });

    restore();
    showCount(false);
    if (!unanswered().length) showResults(false);
    // Opened from a link that holds someone's answers: show them in the team view.
    if (location.hash.indexOf("#" + LINK_KEY) === 0) {
      var read = fromLink(location.hash);
      read.source = "the link this page was opened with";
      take([read]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
