// Embeds the Jitsi room with the IFrame API. The token comes from the server; the browser's
// events only update this page (attendance is recorded from Jitsi's server events).
(function () {
  "use strict";
  var holder = document.getElementById("jitsi-embed");
  var status = document.getElementById("join-status");
  var configNode = document.getElementById("jitsi-config");
  if (!holder || !status || !configNode) { return; }
  var config = JSON.parse(configNode.textContent);

  function say(message) { status.textContent = message; }

  if (typeof window.JitsiMeetExternalAPI !== "function") {
    say(holder.dataset.msgUnreachable);
    holder.hidden = true;
    return;
  }
  var api = new window.JitsiMeetExternalAPI(config.domain, {
    roomName: config.roomName,
    jwt: config.jwt,
    parentNode: holder,
    lang: config.lang,
    width: "100%",
    height: "100%",
    userInfo: { displayName: config.displayName, email: config.email },
    configOverwrite: { defaultLanguage: config.lang, disableDeepLinking: true },
  });
  var frame = typeof api.getIFrame === "function" ? api.getIFrame() : holder.querySelector("iframe");
  if (frame) {
    frame.setAttribute("title", holder.dataset.frameTitle);
    frame.setAttribute("allow", "camera; microphone; display-capture; fullscreen; autoplay");
  }
  api.addListener("videoConferenceJoined", function () { say(holder.dataset.msgJoined); });
  api.addListener("readyToClose", function () {
    say(holder.dataset.msgLeft);
    api.dispose();
    holder.hidden = true;
  });
})();
