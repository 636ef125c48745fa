// Follows a CSV import: asks the page's JSON every two seconds, moves the bar, and reloads the
// page (with its result and report) once the import has finished. Without script, the page
// offers a link to refresh.
(function () {
  "use strict";
  var section = document.getElementById("import-progress");
  if (!section || !section.dataset.statusUrl) {
    return;
  }
  var hint = section.querySelector(".no-script-hint");
  if (hint) {
    hint.hidden = true;
  }
  var bar = document.getElementById("import-bar");
  var label = section.querySelector('[data-field="status_display"]');
  var processed = section.querySelector('[data-field="processed"]');

  function ask() {
    fetch(section.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        if (state.status === "done") {
          window.location.reload();
          return;
        }
        bar.max = Math.max(state.total, 1);
        bar.value = state.processed;
        label.textContent = state.status_display;
        processed.textContent = String(state.processed);
        window.setTimeout(ask, 2000);
      })
      .catch(function () {
        if (hint) {
          hint.hidden = false;
        }
      });
  }
  window.setTimeout(ask, 2000);
})();
