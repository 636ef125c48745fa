"""Team task lists and personal to-dos."""
