// A render that runs off the request (render_progress.html): ask its status address every few seconds, show
// the state and the progress, and follow the finished document's address once it is ready.
(function () {
  "use strict";

  function show(panel, status) {
    panel.querySelectorAll("[data-state-text]").forEach(function (text) {
      text.hidden = text.getAttribute("data-state-text") !== status.state;
    });
    var bar = panel.querySelector("progress");
    if (status.state === "ready") {
      bar.value = 100;
    } else if (status.percent !== null && status.percent !== undefined) {
      bar.value = status.percent;
    } else {
      bar.removeAttribute("value");
    }
    panel.querySelector("[data-detail]").textContent = status.detail || "";
    panel.querySelector("[data-done-link]").hidden = status.state !== "ready";
  }

  function watch(panel) {
    var statusUrl = panel.getAttribute("data-status-url");
    var doneUrl = panel.getAttribute("data-done-url");
    function ask() {
      fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (status) {
          show(panel, status);
          if (status.state === "ready") {
            if (panel.getAttribute("data-follow") === "yes") window.location.assign(status.done_url || doneUrl);
          } else if (status.state !== "failed") {
            window.setTimeout(ask, 1000 * (status.retry_after || 2));
          }
        })
        .catch(function () {
          window.setTimeout(ask, 5000);
        });
    }
    window.setTimeout(ask, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".render-progress[data-status-url]").forEach(watch);
  });
})();
