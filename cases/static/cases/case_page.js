/* The case page: while its edit form has unsaved changes, the workflow buttons are held back and
   the page says to save first (a transition carries none of the form's fields, so the typed edit
   would otherwise be left behind). No library: plain DOM. */
(function () {
  "use strict";

  function snapshot(form) {
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") {
        values.push([name, typeof value === "string" ? value : value.name]);
      }
    });
    return JSON.stringify(values);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("case_form");
    var warning = document.getElementById("unsaved-warning");
    if (!form || !warning) {
      return;
    }
    var saved = snapshot(form);
    var guarded = document.querySelectorAll("[data-needs-saved]");

    function check() {
      var unsaved = snapshot(form) !== saved;
      warning.hidden = !unsaved;
      guarded.forEach(function (button) {
        button.disabled = unsaved;
        button.title = unsaved ? warning.textContent : "";
      });
    }

    form.addEventListener("input", check);
    form.addEventListener("change", check);
  });
})();
