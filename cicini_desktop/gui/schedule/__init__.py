"""The schedule: day, week and month views, booking, and the front-desk side panels."""
