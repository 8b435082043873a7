"""Pure rules of appointment reminders: windows, quiet hours, supersession, replies,
minimum content and SMS length. No I/O, no SQLAlchemy, no Qt."""
