// Genesis page behaviour. No inline scripts anywhere: everything a page does beyond htmx is here.
(function () {
  "use strict";

  // Every unsafe htmx request carries the CSRF token from the page's meta tag.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRF-Token"] = meta.content;
    }
  });

  // "Print or save as PDF" buttons.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  // Running sections show how long they have been running; the server rendered the start time.
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var since = Date.parse(el.getAttribute("data-since"));
      if (!isNaN(since)) {
        el.textContent = Math.max(0, Math.floor((now - since) / 1000)) + " s";
      }
    });
  }
  window.setInterval(tick, 1000);
})();
