// Small enhancements; every page works without them.
(function () {
  "use strict";

  // Wide tables of the document scroll sideways in a keyboard-reachable region instead of widening the page.
  function wrapTables() {
    document.querySelectorAll(".plan-part table, .compare table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-scroll")) return;
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.tabIndex = 0;
      region.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      var heading = table.closest(".plan-part") && table.closest(".plan-part").querySelector("h1, h2");
      var label = caption ? caption.textContent : heading ? heading.textContent : "";
      if (label) region.setAttribute("aria-label", label.trim());
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    });
  }

  // The contents list marks the part being read.
  function followContents() {
    var links = document.querySelectorAll(".toc__list a[href^='#']");
    if (!links.length || !("IntersectionObserver" in window)) return;
    var byId = {};
    links.forEach(function (link) {
      byId[link.getAttribute("href").slice(1)] = link;
    });
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          links.forEach(function (link) {
            link.removeAttribute("aria-current");
          });
          var link = byId[entry.target.id];
          if (link) link.setAttribute("aria-current", "true");
        });
      },
      { rootMargin: "0px 0px -70% 0px" }
    );
    Object.keys(byId).forEach(function (id) {
      var target = document.getElementById(id);
      if (target) observer.observe(target);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables();
    followContents();
  });
})();
