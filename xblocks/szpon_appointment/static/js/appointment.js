/* The appointment block: book a free time, cancel a booking; the list is redrawn by the server. */
function SzponAppointment(runtime, element, args) {
  "use strict";
  var kit = window.SzponKit;
  var root = kit.root(element);
  var strings = args.strings;
  var status = root.querySelector("[data-status]");
  var panel = root.querySelector("[data-panel]");

  function focusAfter() {
    var target = panel.querySelector("[data-bookings]") || panel.querySelector("[data-free]");
    if (target) {
      target.focus();
    }
  }

  function send(handler, body, button) {
    button.disabled = true;
    kit.say(status, strings.working);
    kit.post(runtime.handlerUrl(element, handler), body).then(function (result) {
      button.disabled = false;
      if (result.data.html !== undefined) {
        panel.innerHTML = result.data.html;
        focusAfter();
      }
      kit.say(status, result.data.message || strings.failed);
    });
  }

  panel.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !panel.contains(button)) {
      return;
    }
    if (button.hasAttribute("data-start")) {
      send("book", { start: button.getAttribute("data-start") }, button);
    } else if (button.hasAttribute("data-cancel")) {
      send("cancel", { booking_id: button.getAttribute("data-cancel") }, button);
    }
  });
}
