/* The Studio edit form of a SZPoN block: send the fields, show the errors next to them. */
function SzponStudioForm(runtime, element, args) {
  "use strict";
  var kit = window.SzponKit;
  var root = kit.root(element);
  var form = root.querySelector(".szpon-studio-form");
  var status = form.querySelector("[data-status]");
  var summary = form.querySelector(".szpon-error-summary");
  var strings = args.strings;

  function values() {
    var data = {};
    form.querySelectorAll("[data-field]").forEach(function (box) {
      var input = box.querySelector("input, select, textarea");
      data[box.getAttribute("data-field")] = input.type === "checkbox" ? input.checked : input.value;
    });
    return data;
  }

  function showSummary(errors) {
    var list = summary.querySelector("ul");
    list.textContent = "";
    Object.keys(errors).forEach(function (name) {
      var box = form.querySelector('[data-field="' + name + '"]');
      var label = box ? box.querySelector("label") : null;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (label ? label.htmlFor : "");
      link.textContent = (label ? label.textContent.trim() + ": " : "") + errors[name];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var input = box && box.querySelector("input, select, textarea");
        if (input) {
          input.focus();
        }
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    kit.clearErrors(form);
    summary.hidden = true;
    kit.say(status, strings.working);
    if (runtime.notify) {
      runtime.notify("save", { state: "start" });
    }
    kit.post(runtime.handlerUrl(element, "studio_submit"), values()).then(function (result) {
      if (result.ok) {
        var warnings = result.data.warnings || [];
        kit.say(status, [strings.saved].concat(warnings).join(" "));
        if (runtime.notify) {
          runtime.notify("save", { state: "end" });
          if (warnings.length) {
            runtime.notify("error", { title: strings.saved, message: warnings.join(" ") });
          }
        }
        return;
      }
      if (runtime.notify) {
        runtime.notify("error", { title: strings.invalid, message: result.data.message || strings.failed });
      }
      if (result.data.errors) {
        kit.say(status, strings.invalid);
        kit.showErrors(form, result.data.errors);
        showSummary(result.data.errors);
      } else {
        kit.say(status, result.data.message || strings.failed);
      }
    });
  });

  form.querySelector('[data-action="cancel"]').addEventListener("click", function () {
    if (runtime.notify) {
      runtime.notify("cancel", {});
    }
  });
}
