"""Scheduling rules, pure: no I/O, no SQLAlchemy, no Qt.

Instants are plain ``int`` Unix seconds in UTC (what the store keeps); wall time is turned
into instants only through `wall_time`, with the clinic's IANA zone, so DST gaps and
overlaps are handled in one place.

Modules, one job each:
    errors        typed validation errors with one sentence each
    wall_time     local wall time <-> UTC seconds (spring gap refused, autumn overlap explicit)
    intervals     half-open integer intervals: merge, subtract, intersect
    validation    notes, names, phone (E.164), email, durations, zones, working hours
    availability  clinic hours, closures, provider rota (effective-from), time off, extra hours
    conflicts     typed conflicts with a sentence, and the pure conflict check
    status        the appointment status workflow and cancellation reasons
    slots         the free-slot finder
    recurrence    series rules expanded on local wall time (dateutil.rrule)
    waitlist      matching waitlist entries against freed time, best first
"""
