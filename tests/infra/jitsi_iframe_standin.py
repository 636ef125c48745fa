"""A stand-in for a Jitsi web server's IFrame API: ``/external_api.js`` records the options the
join page passed (window.jitsiStandIn) and puts an empty frame where the call would be."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.infra.servers import free_port

SCRIPT = b"""
window.JitsiMeetExternalAPI = function (domain, options) {
  var listeners = {};
  var frame = document.createElement("iframe");
  frame.src = "about:blank";
  options.parentNode.appendChild(frame);
  var recorded = {};
  Object.keys(options).forEach(function (key) {
    if (key !== "parentNode") { recorded[key] = options[key]; }
  });
  window.jitsiStandIn = { domain: domain, options: recorded, parentId: options.parentNode.id };
  this.getIFrame = function () { return frame; };
  this.addListener = function (name, handler) { listeners[name] = handler; };
  this.dispose = function () { frame.remove(); };
  window.jitsiStandInFire = function (name) { listeners[name] && listeners[name]({}); };
  setTimeout(function () { window.jitsiStandInFire("videoConferenceJoined"); }, 50);
};
"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/external_api.js":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.send_header("Content-Length", str(len(SCRIPT)))
        self.end_headers()
        self.wfile.write(SCRIPT)

    def log_message(self, *args) -> None:
        pass


class JitsiWebStandIn:
    def __init__(self) -> None:
        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def jitsi_web(settings):
    """The stand-in, with the service's self-hosted Jitsi pointed at it."""
    from collab_service.meetings.video import video_backend

    standin = JitsiWebStandIn()
    standin.start()
    settings.JITSI = {
        **settings.JITSI,
        "backend": settings.JITSI_BACKENDS["self-hosted"],
        "url": standin.url,
    }
    video_backend.cache_clear()
    yield standin
    standin.stop()
    video_backend.cache_clear()
