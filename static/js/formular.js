/* RAR Insats: no lost typing, and small helpers for forms (a static file: the CSP forbids inline scripts).
 *
 * form[data-varna-osparat]   warns before the page is left with changes not saved.
 * form[data-autospara="url"] also saves the draft to `url` when a field changes and every 30 s while there are
 *                            unsaved changes; the element [data-autospara-status] says "Sparat 14:32" or why not.
 * button[data-markera="prefix"][data-varde="true|false"] ticks or unticks every checkbox whose name begins with
 *                            `prefix` inside the same form ("Alla närvarande" / "Ingen").
 */
(function () {
  "use strict";

  document.querySelectorAll("form[data-varna-osparat]").forEach(function (form) {
    var dirty = false;
    var saving = false;
    var status = form.querySelector("[data-autospara-status]");
    var url = form.getAttribute("data-autospara");

    function warn(event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    }

    function save() {
      if (!url || saving || !dirty) {
        return;
      }
      saving = true;
      dirty = false;
      var data = new FormData(form);
      data.set("action", "spara");
      fetch(url, {method: "POST", body: data, credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
        .then(function (response) {
          return response.json().then(function (body) { return {ok: response.ok, body: body}; });
        })
        .then(function (result) {
          if (result.ok) {
            form.querySelector("input[name=version]").value = result.body.version;
            if (status) { status.textContent = "Sparat " + result.body.sparat; }
          } else {
            dirty = true;
            if (status) { status.textContent = result.body.fel; }
          }
        })
        .catch(function () {
          dirty = true;
          if (status) { status.textContent = "Inte sparat: ingen kontakt med servern. Nytt försök om en stund."; }
        })
        .finally(function () { saving = false; });
    }

    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; save(); });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", warn);
    if (url) {
      window.setInterval(save, 30000);
    }
  });

  document.querySelectorAll("button[data-markera]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.getAttribute("data-markera");
      var value = button.getAttribute("data-varde") === "true";
      button.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name.indexOf(prefix) === 0 && !box.disabled) {
          box.checked = value;
          box.dispatchEvent(new Event("change", {bubbles: true}));
        }
      });
    });
  });
})();
