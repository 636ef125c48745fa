"""SZPoN's LMS and Studio plugin app: settings, the service client, course tab, course app and
the event receivers that keep officials' training records in the collaboration service."""
