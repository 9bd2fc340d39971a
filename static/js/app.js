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
})();
