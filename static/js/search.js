/* Autocomplete for search boxes: input[data-suggest="/search/suggest"].
 *
 * Progressive: without this script every box is a plain GET form. With it, typing asks the
 * server for up to 8 titles (debounced; stale answers ignored) and shows them as an accessible
 * listbox (the ARIA 1.2 combobox pattern): Up/Down choose, Enter opens the chosen entry (or
 * submits the search when none is chosen), Escape closes, a tap opens. No dependencies.
 */
(function () {
  "use strict";

  var DELAY = 200; // ms after the last keystroke
  var MIN_CHARS = 2;
  var counter = 0;

  function localPath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
  }

  function statusText(count) {
    var data = document.body.dataset;
    var text = count === 1 ? data.suggestOne : data.suggestMany;
    return count ? (text || "").replace("{n}", String(count)) : (data.suggestNone || "");
  }

  function attach(input) {
    var id = "suggest-" + (++counter);
    var host = input.parentNode;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var controller = null;
    var asked = "";
    var entries = [];
    var active = -1;

    host.classList.add("suggest-host");
    list.id = id;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("aria-label") ||
      (input.labels && input.labels[0] ? input.labels[0].textContent.trim() : ""));
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");  // announced, but not a second role="status" (the flashes are)
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var options = list.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        options[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(index) {
      var entry = entries[index];
      if (entry && localPath(entry.url)) {
        window.location.assign(entry.url);
      }
    }

    function show(found) {
      entries = found;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      found.forEach(function (entry, index) {
        var option = document.createElement("li");
        var label = document.createElement("span");
        var kind = document.createElement("span");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        label.className = "suggest-label";
        label.textContent = entry.label;
        kind.className = "suggest-type";
        kind.textContent = entry.type_label || "";
        option.appendChild(label);
        option.appendChild(kind);
        // Keep the focus in the box while the pointer is down, so the tap is not lost to blur.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { open(index); });
        list.appendChild(option);
      });
      list.hidden = !found.length;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = statusText(found.length);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < MIN_CHARS) {
        asked = "";
        show([]);
        status.textContent = "";
        return;
      }
      if (text === asked) {
        return;
      }
      asked = text;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(text);
      fetch(url, {
        credentials: "same-origin",
        headers: {"Accept": "application/json"},
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : {suggestions: []};
      }).then(function (data) {
        if (input.value.trim() === text && document.activeElement === input) {
          show(Array.isArray(data.suggestions) ? data.suggestions : []);
        }
      }).catch(function () { /* offline or aborted: the box still submits as a form */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var count = list.children.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (list.hidden && count) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        if (count) {
          choose(active + 1 < count ? active + 1 : 0);
          event.preventDefault();
        }
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (count && !list.hidden) {
          choose(active > 0 ? active - 1 : count - 1);
          event.preventDefault();
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          open(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
