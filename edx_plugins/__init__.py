"""Open edX LMS and Studio plugin apps; the apps arrive with their issues."""
