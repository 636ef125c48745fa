"""Officials' calendars: the in-service calendar, the ICS feed and two-way CalDAV sync."""
