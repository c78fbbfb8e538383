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
    var edits = 0;         // changes typed so far
    var saved = 0;         // how many of them the server has (after an automatic save)
    var saving = false;
    var submitter = null;  // a submit clicked while an automatic save was under way: sent when it is done
    var status = form.querySelector("[data-autospara-status]");
    var url = form.getAttribute("data-autospara");

    function dirty() { return edits !== saved; }

    function say(text) {
      if (status) { status.textContent = text; }
    }

    function done() {
      saving = false;
      if (submitter !== null) {
        var button = submitter;
        submitter = null;
        form.requestSubmit(button || undefined);
      }
    }

    function save() {
      if (!url || saving || !dirty()) {
        return;
      }
      saving = true;
      var sending = edits;
      var data = new FormData(form);
      data.set("action", "spara");
      fetch(url, {method: "POST", body: data, credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
        .then(function (response) {
          if ((response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) {
            // the login page or a refusal page came back: logged out, or the page is too old
            return {ok: false, body: {stopp: true, fel: "Inte sparat automatiskt: du är utloggad eller sidan är för " +
              "gammal. Kopiera det du skrivit och ladda om sidan."}};
          }
          return response.json().then(function (body) { return {ok: response.ok, body: body}; });
        })
        .then(function (result) {
          if (result.ok) {
            form.querySelector("input[name=version]").value = result.body.version;
            saved = sending;
            say("Sparat " + result.body.sparat);
          } else {
            say(result.body.fel);
            if (result.body.stopp) {
              url = null;  // a newer version, a refusal or a lost login: trying again every 30 s would not help
            }
          }
        })
        .catch(function () { say("Inte sparat: ingen kontakt med servern. Nytt försök om en stund."); })
        .finally(done);
    }

    form.addEventListener("input", function () { edits += 1; });
    form.addEventListener("change", function () { edits += 1; save(); });
    form.addEventListener("submit", function (event) {
      if (saving) {  // wait for the automatic save, so this one is based on the version it got back
        event.preventDefault();
        submitter = event.submitter || false;
        return;
      }
      saved = edits;  // what is sent now leaves the page: nothing left to warn about
      window.setTimeout(function () {  // after the browser has read the form: a second click sends nothing
        form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
      }, 0);
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
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
