// Small fixes so every part of Material's theme works from the keyboard.
// Loaded on every page by overrides/main.html; checked by tests/browser/test_keyboard.py.
(function () {
  // 1. Material puts each table in a box that scrolls sideways when the table
  // is wider than the screen. Keyboard users can only scroll what they can
  // focus, so a box that scrolls gets tabindex="0" and a name (WCAG 2.1.1).
  // Boxes that fit stay out of the tab order.
  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table (scrolls sideways)");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // 2. The header's menu and search buttons are labels for hidden checkboxes,
  // which a mouse can click but the Tab key skips. Swap each for a real
  // button. It keeps the label's class and `for`, which Material's CSS uses.
  function makeHeaderButtons() {
    var drawer = document.getElementById("__drawer");
    var query = document.querySelector(".md-search__input");
    [["__drawer", "Menu"], ["__search", "Search"]].forEach(function (pair) {
      var label = document.querySelector(".md-header label.md-header__button[for='" + pair[0] + "']");
      if (!label || !drawer || !query) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("for", pair[0]);
      button.setAttribute("aria-label", pair[1]);
      button.innerHTML = label.innerHTML;
      button.addEventListener("click", function (event) {
        if (pair[0] === "__search") return query.focus();  // Material opens search on focus
        drawer.click();
        button.setAttribute("aria-expanded", String(drawer.checked));
        // From the keyboard (no mouse position), take the reader into the menu.
        var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
        if (drawer.checked && event.detail === 0 && first) setTimeout(function () { first.focus(); }, 50);
      });
      if (pair[0] === "__drawer") button.setAttribute("aria-expanded", String(drawer.checked));
      label.replaceWith(button);
    });
  }

  // Material wraps the tables when it starts; document$ tells us it has.
  document$.subscribe(function () {
    makeHeaderButtons();
    requestAnimationFrame(markScrollingTables);
  });
  window.addEventListener("resize", markScrollingTables);
})();
