"""The Tutor plugin that deploys SZPoN (entry point ``tutor.plugin.v1``: ``szpon``)."""
