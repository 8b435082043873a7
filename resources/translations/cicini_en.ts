<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>audit_viewer</name>
        <message numerus="yes">
            <source>%n record(s){more}, newest first</source>
            <translation>
                <numerusform>%n{more} record, newest first</numerusform>
                <numerusform>%n{more} records, newest first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) exported to {name}.</source>
            <translation>
                <numerusform>%n record exported to {name}.</numerusform>
                <numerusform>%n records exported to {name}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>reminders.rules_page</name>
        <message numerus="yes">
            <source>{len} characters, %n SMS part(s) ({encoding})</source>
            <translation>
                <numerusform>{len} characters, %n SMS part ({encoding})</numerusform>
                <numerusform>{len} characters, %n SMS parts ({encoding})</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.appointment_list</name>
        <message numerus="yes">
            <source>%n appointment(s) shown, in time order.</source>
            <translation>
                <numerusform>%n appointment shown, in time order.</numerusform>
                <numerusform>%n appointments shown, in time order.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.booking_dialog</name>
        <message numerus="yes">
            <source>%n appointment(s) booked.</source>
            <translation>
                <numerusform>Appointment booked.</numerusform>
                <numerusform>%n appointments booked.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.day_sheet</name>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n appointment</numerusform>
                <numerusform>%n appointments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.grid_painting</name>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n appointment</numerusform>
                <numerusform>%n appointments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.month_view</name>
        <message numerus="yes">
            <source>%n appt(s)</source>
            <translation>
                <numerusform>%n appt</numerusform>
                <numerusform>%n appts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.patient_file</name>
        <message numerus="yes">
            <source>&amp;Upcoming (%n appointment(s))</source>
            <translation>
                <numerusform>&amp;Upcoming (%n appointment)</numerusform>
                <numerusform>&amp;Upcoming (%n appointments)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&amp;Past (%n appointment(s))</source>
            <translation>
                <numerusform>&amp;Past (%n appointment)</numerusform>
                <numerusform>&amp;Past (%n appointments)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.patient_picker</name>
        <message numerus="yes">
            <source>%n match(es). Press Enter to take the first, or pick one.</source>
            <translation>
                <numerusform>%n match. Press Enter to take the first, or pick one.</numerusform>
                <numerusform>%n matches. Press Enter to take the first, or pick one.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>setup.hours_page</name>
        <message numerus="yes">
            <source>Closed on %n holiday(s).</source>
            <translation>
                <numerusform>Closed on %n holiday.</numerusform>
                <numerusform>Closed on %n holidays.</numerusform>
            </translation>
        </message>
    </context>
</TS>
