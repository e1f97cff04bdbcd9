/* The visit form keeps the mother's draft in this phone's storage, per pair, so that a lost
   connection or a reload does not lose what she typed; the draft keeps the form's token too,
   so sending it again after a lost answer saves one visit, not two. Her pair page clears the
   draft once the visit is saved. Without JavaScript the form works the same, without drafts. */
(function () {
  "use strict";
  var PREFIX = "pairs.visit-draft.";
  var FIELDS = ["visited_on", "kind", "festival", "what_was_done", "needs_noticed",
    "follow_up_wanted", "client_token"];

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function read(form) {
    var draft = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field) draft[name] = field.value;
    });
    return draft;
  }

  function restore(form, draft) {
    var restored = false;
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (!field || draft[name] === undefined) return;
      if (field.value !== draft[name]) restored = restored || name !== "client_token";
      field.value = draft[name];
    });
    return restored;
  }

  function start() {
    var store = storage();
    if (!store) return;
    var saved = document.querySelector("[data-visit-draft-saved]");
    if (saved) store.removeItem(PREFIX + saved.getAttribute("data-visit-draft-saved"));
    var form = document.querySelector("form[data-visit-draft]");
    if (!form) return;
    var key = PREFIX + form.getAttribute("data-visit-draft");
    var hasErrors = form.querySelector(".field--error, .error-summary");
    var stored = store.getItem(key);
    var savedTokens = (form.getAttribute("data-saved-tokens") || "").split(" ");
    if (stored && !hasErrors) {
      try {
        var draft = JSON.parse(stored);
        if (savedTokens.indexOf(draft.client_token) !== -1) {
          store.removeItem(key);
        } else if (restore(form, draft)) {
          var note = form.querySelector("[data-visit-draft-note]");
          if (note) note.hidden = false;
        }
      } catch (error) {
        store.removeItem(key);
      }
    }
    var save = function () {
      store.setItem(key, JSON.stringify(read(form)));
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
