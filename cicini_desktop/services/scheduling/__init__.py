"""Scheduling use cases, for the GUI and the CLI. Every function takes
``(context: ServiceContext, actor: Actor, ...)``, checks permission and provider scope,
runs in one transaction, and raises a `CiciniError` whose text is the sentence to show.

Modules (import the one you need; names are plain):

    patients      create_patient (duplicate check), edit_patient, get_patient, search_patients
    availability  providers, set_clinic_hours / clinic_hours, add_closure (whole or part
                  days) / closures, set_rota / save_rota_plan / rota_plans / remove_rota
                  (breaks, A/B weeks, valid_until, room), add_time_off (reason),
                  add_extra_hours, exceptions, rooms (create_room, edit_room, list_rooms),
                  types (create_type, edit_type, set_type_archived, delete_type, list_types)
    effects       preview_clinic_hours / preview_closure / preview_rota / preview_time_off
                  (future appointments a change would strand), worklist
    holidays      holiday_region / set_holiday_region, holiday_suggestions, apply_holidays
    checklist     setup_checklist (what a new clinic still has to set up)
    appointments  check_appointment (conflicts, no save), book_appointment, move_appointment,
                  change_status / check_in, cancel_appointment (returns waitlist offers),
                  edit_note, get_appointment, appointment_history
    series        preview_series, book_series (skip chosen occurrences), edit_series and
                  cancel_series with scope "this" | "following" | "all", series_occurrences
    waitlist      add_waitlist_entry, edit_waitlist_entry, remove_waitlist_entry,
                  list_waitlist, waitlist_offers
    slots         find_free_slots
    views         day_view, week_view, month_counts, todays_arrivals, working_hours,
                  note_view_opened

Times: functions accept aware datetimes (any zone) for instants; a naive datetime is read
as clinic wall time, with ``fold=0|1`` to choose in the autumn overlap (a time in the
spring gap is refused with a sentence). Rows come back as small frozen dataclasses with
aware datetimes in the clinic's zone. Writes return `core.changes.Changes`.

Errors to expect: `ValidationError` (bad input; ``.field`` names it), `ConflictError`
(``.conflicts`` are typed values with ``.kind`` and ``.sentence``), `StaleEditError`,
`PermissionDeniedError`, `NotFoundError`, `DuplicatePatientError` (``.existing_ids``),
`NonexistentTimeError` / `AmbiguousTimeError` (DST; retry with ``fold``),
`AffectedAppointmentsError` (``.appointments``: a set-up change would strand future
appointments; call again with ``allow_affected=True`` once the user confirmed).
Run every call off the GUI thread (QueryOp / WriteOp); none of them touches Qt.
"""
