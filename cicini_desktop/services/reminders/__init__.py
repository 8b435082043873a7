"""Appointment reminders: rules, templates, consent, the outbox, its runner and the senders.

Entry points for the composition root and the CLI:
* `runner.run_due_reminders(context) -> RunReport` (the worker, periodically; the CLI);
* `outbox.supersede_pending(session, appointment_id)` (optional eager hook);
* `processors.configured_processors(context)` (the "Data shared with Cicini" page).
"""
