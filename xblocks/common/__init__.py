"""Helpers both course blocks share: translations, the viewer's identity, calls to the service."""
