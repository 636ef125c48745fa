/* Helpers both SZPoN blocks use: JSON requests, per-field errors, live messages, the room frame. */
window.SzponKit = window.SzponKit || (function () {
  "use strict";

  function root(element) {
    return element && element.jquery ? element[0] : element;
  }

  function cookie(name) {
    var found = document.cookie.split(";").map(function (part) {
      return part.trim();
    }).filter(function (part) {
      return part.indexOf(name + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function answer(response) {
    return response.json().then(function (data) {
      return { ok: response.ok, status: response.status, data: data || {} };
    }, function () {
      return { ok: false, status: response.status, data: {} };
    });
  }

  function unreachable() {
    return { ok: false, status: 0, data: {} };
  }

  /* POST JSON to one of the block's handlers (same origin, with Django's CSRF token). */
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": cookie("csrftoken"),
        "X-Requested-With": "XMLHttpRequest"
      },
      body: JSON.stringify(body || {})
    }).then(answer, unreachable);
  }

  /* POST JSON straight to the service (visitors who are not signed in). */
  function postToService(url, body, language) {
    return fetch(url, {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", "Accept-Language": language || "en" },
      body: JSON.stringify(body || {})
    }).then(answer, unreachable);
  }

  function say(node, text) {
    if (node) {
      node.textContent = text || "";
    }
  }

  function clearErrors(form) {
    form.querySelectorAll(".szpon-error").forEach(function (node) {
      node.textContent = "";
      node.hidden = true;
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  /* Show each field's error next to it; returns the first field in error. */
  function showErrors(form, errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var box = form.querySelector('[data-field="' + name + '"]');
      if (!box) {
        return;
      }
      var input = box.querySelector("input, select, textarea");
      var message = box.querySelector(".szpon-error");
      if (message) {
        message.textContent = errors[name];
        message.hidden = false;
      }
      if (input) {
        input.setAttribute("aria-invalid", "true");
        first = first || input;
      }
    });
    return first;
  }

  function openRoom(container, url, strings) {
    var room = container.querySelector("[data-room]");
    var frame = room.querySelector("[data-frame]");
    frame.textContent = "";
    var iframe = document.createElement("iframe");
    iframe.src = url;
    iframe.title = strings.frame_title;
    iframe.setAttribute("allow", "camera; microphone; fullscreen; display-capture; autoplay");
    iframe.setAttribute("allowfullscreen", "");
    frame.appendChild(iframe);
    room.querySelector("[data-new-tab]").href = url;
    room.hidden = false;
    room.querySelector("h3").focus();
  }

  function closeRoom(container) {
    var room = container.querySelector("[data-room]");
    room.querySelector("[data-frame]").textContent = "";
    room.hidden = true;
  }

  return {
    root: root,
    post: post,
    postToService: postToService,
    say: say,
    clearErrors: clearErrors,
    showErrors: showErrors,
    openRoom: openRoom,
    closeRoom: closeRoom
  };
}());

// Runtimes pick the call by the function's arity (2 or 3 arguments), so a view without behaviour
// still takes (runtime, element).
// eslint-disable-next-line no-unused-vars
function SzponNoop(runtime, element) {
  "use strict";
}
