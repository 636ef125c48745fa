"""The Tutor plugin that deploys SZPoN; it arrives with its issue."""
