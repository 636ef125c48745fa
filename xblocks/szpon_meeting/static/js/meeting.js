/* The live meeting block: join (the room opens in the page), start, invite, attendance. */
function SzponLiveMeeting(runtime, element, args) {
  "use strict";
  var kit = window.SzponKit;
  var root = kit.root(element);
  var strings = args.strings;
  var status = root.querySelector("[data-status]");
  var joinButton = root.querySelector('[data-action="join"]');
  var completed = args.completed;
  var timer = null;

  function url(name) {
    return runtime.handlerUrl(element, name);
  }

  function failure(result) {
    return result.data.message || strings.failed;
  }

  function busy(button, on) {
    if (button) {
      button.disabled = on;
      button.setAttribute("aria-busy", on ? "true" : "false");
    }
  }

  function checkAttendance() {
    if (!args.learner || completed) {
      return;
    }
    kit.post(url("check_attendance"), {}).then(function (result) {
      if (result.ok && result.data.completed) {
        completed = true;
        window.clearInterval(timer);
        var note = root.querySelector("[data-completion]");
        kit.say(note, result.data.message);
        kit.say(status, result.data.message);
      }
    });
  }

  function join(button) {
    busy(button, true);
    kit.say(status, strings.working);
    return kit.post(url("join"), {}).then(function (result) {
      busy(button, false);
      if (!result.ok) {
        kit.say(status, failure(result));
        return;
      }
      kit.openRoom(root, result.data.join_url, strings);
      kit.say(status, result.data.message);
      if (args.learner && !completed) {
        checkAttendance();
        timer = window.setInterval(checkAttendance, 60000);
      }
    });
  }

  if (joinButton) {
    joinButton.addEventListener("click", function () {
      join(joinButton);
    });
  }

  var startButton = root.querySelector('[data-action="start"]');
  if (startButton) {
    startButton.addEventListener("click", function () {
      busy(startButton, true);
      kit.say(status, strings.working);
      kit.post(url("start_meeting"), {}).then(function (result) {
        busy(startButton, false);
        if (!result.ok) {
          kit.say(status, failure(result));
          return;
        }
        startButton.hidden = true;
        join(joinButton);
      });
    });
  }

  root.querySelector('[data-action="leave"]').addEventListener("click", function () {
    kit.closeRoom(root);
    window.clearInterval(timer);
    kit.say(status, strings.left);
    checkAttendance();
    if (joinButton) {
      joinButton.focus();
    }
  });

  var invite = root.querySelector("[data-invite]");
  if (invite) {
    var inviteStatus = invite.querySelector("[data-invite-status]");
    invite.addEventListener("submit", function (event) {
      event.preventDefault();
      kit.clearErrors(invite);
      var send = invite.querySelector('button[type="submit"]');
      busy(send, true);
      kit.say(inviteStatus, strings.working);
      kit.post(url("invite"), {
        usernames: invite.elements.usernames.value,
        emails: invite.elements.emails.value
      }).then(function (result) {
        busy(send, false);
        kit.say(inviteStatus, failure(result));
        if (result.ok) {
          invite.reset();
          return;
        }
        var first = kit.showErrors(invite, result.data.errors);
        if (first) {
          first.focus();
        }
      });
    });
  }

  if (args.check_attendance) {
    checkAttendance();
  }
}

/* Visitors who are not signed in: join as a guest, straight at the service. */
function SzponMeetingPublic(runtime, element, args) {
  "use strict";
  var kit = window.SzponKit;
  var root = kit.root(element);
  var strings = args.strings;
  var status = root.querySelector("[data-status]");
  var form = root.querySelector("[data-guest]");
  var refusals = { 403: strings.refused, 409: strings.not_open, 429: strings.busy };

  root.querySelector('[data-action="leave"]').addEventListener("click", function () {
    kit.closeRoom(root);
    kit.say(status, strings.left);
    if (form) {
      form.elements.name.focus();
    }
  });
  if (!form || !args.guest_join_url) {
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    kit.clearErrors(form);
    var name = form.elements.name.value.trim();
    if (!name || name.length > 200) {
      kit.showErrors(form, { name: strings.name_missing }).focus();
      return;
    }
    kit.say(status, strings.working);
    kit.postToService(args.guest_join_url, { name: name }, args.language).then(function (result) {
      if (result.ok && result.data.join_url) {
        kit.openRoom(root, result.data.join_url, strings);
        kit.say(status, "");
        return;
      }
      kit.say(status, refusals[result.status] || strings.unavailable);
    });
  });
}
