"""Reminder pages: the manager's rules, templates and sending settings; the desk's panel;
the processors list for the "Data shared with Cicini" page."""
