<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>application</name>
        <message>
            <source>Creating the demo clinic</source>
            <translation>Die Demo-Praxis wird angelegt</translation>
        </message>
        <message>
            <source>Cicini Desktop cannot start: a setting is wrong</source>
            <translation>Cicini Desktop kann nicht starten: Eine Einstellung ist falsch</translation>
        </message>
        <message>
            <source>Ask IT to correct the setting; this message is also in the log file.</source>
            <translation>Bitten Sie die IT, die Einstellung zu korrigieren; diese Meldung steht auch in der Protokolldatei.</translation>
        </message>
        <message>
            <source>Cicini Desktop cannot open the clinic's data</source>
            <translation>Cicini Desktop kann die Daten der Praxis nicht öffnen</translation>
        </message>
        <message>
            <source>demo, nothing is sent</source>
            <translation>Demo, es wird nichts gesendet</translation>
        </message>
        <message>
            <source>not set up</source>
            <translation>nicht eingerichtet</translation>
        </message>
        <message>
            <source>Retention policy</source>
            <translation>Aufbewahrungsregel</translation>
        </message>
        <message>
            <source>sending…</source>
            <translation>wird gesendet…</translation>
        </message>
        <message>
            <source>sent {time}</source>
            <translation>gesendet {time}</translation>
        </message>
        <message>
            <source>up to date ({time})</source>
            <translation>aktuell ({time})</translation>
        </message>
        <message>
            <source>not enrolled</source>
            <translation>nicht angemeldet</translation>
        </message>
        <message>
            <source>offline, will retry</source>
            <translation>offline, neuer Versuch folgt</translation>
        </message>
        <message>
            <source>waiting to retry</source>
            <translation>wartet auf neuen Versuch</translation>
        </message>
        <message>
            <source>needs attention (see Settings)</source>
            <translation>braucht Aufmerksamkeit (siehe Einstellungen)</translation>
        </message>
        <message>
            <source>Your access was changed by a practice manager</source>
            <translation>Ihre Zugriffsrechte wurden von einer Praxisleitung geändert</translation>
        </message>
        <message>
            <source>; some pages or actions are no longer available.</source>
            <translation>; einige Seiten oder Aktionen sind nicht mehr verfügbar.</translation>
        </message>
    </context>
    <context>
        <name>audit_chain</name>
        <message>
            <source>Audit trail OK: no records yet.</source>
            <translation>Protokoll in Ordnung: noch keine Einträge.</translation>
        </message>
        <message>
            <source>Audit trail OK: {records} records, #{first} to #{last}, chain intact.</source>
            <translation>Protokoll in Ordnung: {records} Einträge, Nr. {first} bis Nr. {last}, Kette unversehrt.</translation>
        </message>
        <message>
            <source>The audit trail cannot be vouched for ({why}); keep the database and its .audit-head file as they are for IT to investigate (the clinic's data is readable, nothing needs restoring for this).</source>
            <translation>Für das Protokoll kann nicht garantiert werden ({why}); lassen Sie die Datenbank und ihre .audit-head-Datei unverändert, damit die IT den Fall untersuchen kann (die Daten der Praxis sind lesbar, nichts muss dafür wiederhergestellt werden).</translation>
        </message>
        <message>
            <source>The audit trail is broken at record #{record} ({reason}: {why}); keep the database and its .audit-head file as they are for IT to investigate (the trail was changed outside Cicini Desktop).</source>
            <translation>Das Protokoll ist bei Eintrag Nr. {record} unterbrochen ({reason}: {why}); lassen Sie die Datenbank und ihre .audit-head-Datei unverändert, damit die IT den Fall untersuchen kann (das Protokoll wurde außerhalb von Cicini Desktop verändert).</translation>
        </message>
        <message>
            <source>The audit trail cannot be vouched for: {problem}.</source>
            <translation>Für das Protokoll kann nicht garantiert werden: {problem}.</translation>
        </message>
    </context>
    <context>
        <name>audit_labels</name>
        <message>
            <source>Sign in: succeeded</source>
            <translation>Anmeldung: erfolgreich</translation>
        </message>
        <message>
            <source>Sign in: failed</source>
            <translation>Anmeldung: fehlgeschlagen</translation>
        </message>
        <message>
            <source>Sign in: throttled</source>
            <translation>Anmeldung: verzögert</translation>
        </message>
        <message>
            <source>Sign in: locked</source>
            <translation>Anmeldung: gesperrt</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Abmeldung</translation>
        </message>
        <message>
            <source>Idle lock</source>
            <translation>Sperre bei Inaktivität</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Entsperrt</translation>
        </message>
        <message>
            <source>Account: unlocked</source>
            <translation>Konto: entsperrt</translation>
        </message>
        <message>
            <source>Password: changed</source>
            <translation>Passwort: geändert</translation>
        </message>
        <message>
            <source>Access: denied</source>
            <translation>Zugriff: verweigert</translation>
        </message>
        <message>
            <source>Staff: created</source>
            <translation>Personal: angelegt</translation>
        </message>
        <message>
            <source>Staff: changed</source>
            <translation>Personal: geändert</translation>
        </message>
        <message>
            <source>Staff: deactivated</source>
            <translation>Personal: deaktiviert</translation>
        </message>
        <message>
            <source>Staff: reactivated</source>
            <translation>Personal: reaktiviert</translation>
        </message>
        <message>
            <source>Staff: password reset</source>
            <translation>Personal: Passwort zurückgesetzt</translation>
        </message>
        <message>
            <source>Role: created</source>
            <translation>Rolle: angelegt</translation>
        </message>
        <message>
            <source>Role: changed</source>
            <translation>Rolle: geändert</translation>
        </message>
        <message>
            <source>Role: deleted</source>
            <translation>Rolle: gelöscht</translation>
        </message>
        <message>
            <source>Permission: granted</source>
            <translation>Berechtigung: erteilt</translation>
        </message>
        <message>
            <source>Permission: revoked</source>
            <translation>Berechtigung: entzogen</translation>
        </message>
        <message>
            <source>Settings: changed</source>
            <translation>Einstellungen: geändert</translation>
        </message>
        <message>
            <source>Organization: created</source>
            <translation>Organisation: angelegt</translation>
        </message>
        <message>
            <source>Data: exported</source>
            <translation>Daten: exportiert</translation>
        </message>
        <message>
            <source>Backup: made</source>
            <translation>Sicherung: erstellt</translation>
        </message>
        <message>
            <source>Restore: done</source>
            <translation>Wiederherstellung: erfolgt</translation>
        </message>
        <message>
            <source>Key: rotated</source>
            <translation>Schlüssel: gewechselt</translation>
        </message>
        <message>
            <source>Recovery key: used</source>
            <translation>Wiederherstellungsschlüssel: verwendet</translation>
        </message>
        <message>
            <source>Database: unlock failed</source>
            <translation>Datenbank: Entsperren fehlgeschlagen</translation>
        </message>
        <message>
            <source>Appointment: conflict overridden</source>
            <translation>Termin: Konflikt übergangen</translation>
        </message>
        <message>
            <source>Appointment: check in overridden</source>
            <translation>Termin: Einchecken übergangen</translation>
        </message>
        <message>
            <source>Appointment: note edited</source>
            <translation>Termin: Notiz bearbeitet</translation>
        </message>
        <message>
            <source>Waitlist: booked</source>
            <translation>Warteliste: gebucht</translation>
        </message>
        <message>
            <source>Sync: enrolled</source>
            <translation>Synchronisierung: angemeldet</translation>
        </message>
        <message>
            <source>Sync: sent</source>
            <translation>Synchronisierung: gesendet</translation>
        </message>
        <message>
            <source>Sync: failed</source>
            <translation>Synchronisierung: fehlgeschlagen</translation>
        </message>
        <message>
            <source>Retention: purge</source>
            <translation>Aufbewahrung: Bereinigung</translation>
        </message>
        <message>
            <source>Audit: head reset</source>
            <translation>Protokoll: Kopf zurückgesetzt</translation>
        </message>
        <message>
            <source>Privacy: request handled</source>
            <translation>Datenschutz: Anfrage bearbeitet</translation>
        </message>
        <message>
            <source>Patient: corrected</source>
            <translation>Patient: korrigiert</translation>
        </message>
        <message>
            <source>Reminder: sent</source>
            <translation>Erinnerung: gesendet</translation>
        </message>
        <message>
            <source>Reminder: failed</source>
            <translation>Erinnerung: fehlgeschlagen</translation>
        </message>
        <message>
            <source>Reminder: reply handled</source>
            <translation>Erinnerung: Antwort bearbeitet</translation>
        </message>
        <message>
            <source>Reminder: rule changed</source>
            <translation>Erinnerung: Regel geändert</translation>
        </message>
        <message>
            <source>Reminder: template changed</source>
            <translation>Erinnerung: Vorlage geändert</translation>
        </message>
        <message>
            <source>Reminder: consent changed</source>
            <translation>Erinnerung: Einwilligung geändert</translation>
        </message>
        <message>
            <source>Success</source>
            <translation>Erfolg</translation>
        </message>
        <message>
            <source>Failure</source>
            <translation>Fehlschlag</translation>
        </message>
        <message>
            <source>Denied</source>
            <translation>Verweigert</translation>
        </message>
    </context>
    <context>
        <name>audit_viewer</name>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Personal</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Ziel</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Netzwerk</translation>
        </message>
        <message>
            <source>Workstation</source>
            <translation>Arbeitsplatz</translation>
        </message>
        <message>
            <source>System</source>
            <translation>System</translation>
        </message>
        <message>
            <source>Staff {staff_id}</source>
            <translation>Mitarbeiter {staff_id}</translation>
        </message>
        <message>
            <source>staff: {staff_label}</source>
            <translation>Personal: {staff_label}</translation>
        </message>
        <message>
            <source>{device_category}, {os_family} {os_major}, app {app_version}</source>
            <translation>{device_category}, {os_family} {os_major}, App {app_version}</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>&amp;Von</translation>
        </message>
        <message>
            <source>&amp;To</source>
            <translation>&amp;Bis</translation>
        </message>
        <message>
            <source>Filter from date</source>
            <translation>Filter ab Datum</translation>
        </message>
        <message>
            <source>Filter to date</source>
            <translation>Filter bis Datum</translation>
        </message>
        <message>
            <source>Use {lower}</source>
            <translation>{lower} verwenden</translation>
        </message>
        <message>
            <source>Filter by action</source>
            <translation>Nach Aktion filtern</translation>
        </message>
        <message>
            <source>All actions</source>
            <translation>Alle Aktionen</translation>
        </message>
        <message>
            <source>Filter by outcome</source>
            <translation>Nach Ergebnis filtern</translation>
        </message>
        <message>
            <source>All outcomes</source>
            <translation>Alle Ergebnisse</translation>
        </message>
        <message>
            <source>Filter by staff member</source>
            <translation>Nach Mitarbeiter filtern</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Alle</translation>
        </message>
        <message>
            <source>&amp;Action:</source>
            <translation>&amp;Aktion:</translation>
        </message>
        <message>
            <source>&amp;Outcome:</source>
            <translation>&amp;Ergebnis:</translation>
        </message>
        <message>
            <source>&amp;Staff:</source>
            <translation>&amp;Personal:</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <source>Audit trail status</source>
            <translation>Protokollstatus</translation>
        </message>
        <message>
            <source>&amp;Export CSV…</source>
            <translation>CSV &amp;exportieren…</translation>
        </message>
        <message>
            <source>Export the filtered audit trail to a CSV file</source>
            <translation>Das gefilterte Protokoll als CSV-Datei exportieren</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Check integrity</source>
            <translation>&amp;Integrität prüfen</translation>
        </message>
        <message>
            <source>Check that the audit trail is intact</source>
            <translation>Prüfen, ob das Protokoll unversehrt ist</translation>
        </message>
        <message>
            <source>Walk the whole trail and check every record against its hash and the chain head</source>
            <translation>Das ganze Protokoll durchgehen und jeden Eintrag mit seinem Hash und dem Kettenkopf vergleichen</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Your role does not allow reading the audit trail.</source>
            <translation>Ihre Rolle erlaubt es nicht, das Protokoll zu lesen.</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s){more}, newest first</source>
            <translation>
                <numerusform>%n{more} Eintrag, neueste zuerst</numerusform>
                <numerusform>%n{more} Einträge, neueste zuerst</numerusform>
            </translation>
        </message>
        <message>
            <source>Export audit trail</source>
            <translation>Protokoll exportieren</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Wird exportiert…</translation>
        </message>
        <message>
            <source>Exporting the audit trail</source>
            <translation>Protokoll wird exportiert</translation>
        </message>
        <message>
            <source>Export cancelled; no file was written.</source>
            <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
        </message>
        <message>
            <source>Checking the audit trail…</source>
            <translation>Protokoll wird geprüft…</translation>
        </message>
        <message>
            <source>Checking the audit trail</source>
            <translation>Protokoll wird geprüft</translation>
        </message>
        <message>
            <source> Note: {warning}.</source>
            <translation> Hinweis: {warning}.</translation>
        </message>
        <message>
            <source>The audit trail is broken; see the message.</source>
            <translation>Das Protokoll ist beschädigt; siehe Meldung.</translation>
        </message>
        <message>
            <source>The audit trail is broken</source>
            <translation>Das Protokoll ist beschädigt</translation>
        </message>
        <message>
            <source>The audit trail was not checked</source>
            <translation>Das Protokoll wurde nicht geprüft</translation>
        </message>
        <message>
            <source>Check cancelled.</source>
            <translation>Prüfung abgebrochen.</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) exported to {name}.</source>
            <translation>
                <numerusform>%n Eintrag nach {name} exportiert.</numerusform>
                <numerusform>%n Einträge nach {name} exportiert.</numerusform>
            </translation>
        </message>
        <message>
            <source>The audit trail was not exported</source>
            <translation>Das Protokoll wurde nicht exportiert</translation>
        </message>
    </context>
    <context>
        <name>backup_page</name>
        <message>
            <source>A backup is a complete, encrypted copy of the clinic's database, made while everyone keeps working. Keep backups on another disk or a network share. A backup opens only with this clinic's key, or with the recovery key IT keeps; to restore one, close Cicini Desktop on this computer and ask IT to run 'cicini restore'.</source>
            <translation>Eine Sicherung ist eine vollständige, verschlüsselte Kopie der Datenbank der Praxis, erstellt, während alle weiterarbeiten. Bewahren Sie Sicherungen auf einem anderen Datenträger oder einer Netzwerkfreigabe auf. Eine Sicherung lässt sich nur mit dem Schlüssel dieser Praxis oder mit dem Wiederherstellungsschlüssel der IT öffnen; um eine zurückzuspielen, schließen Sie Cicini Desktop auf diesem Computer und bitten Sie die IT, 'cicini restore' auszuführen.</translation>
        </message>
        <message>
            <source>&amp;Back up now…</source>
            <translation>Jetzt &amp;sichern…</translation>
        </message>
        <message>
            <source>Back up now</source>
            <translation>Jetzt sichern</translation>
        </message>
        <message>
            <source>Backups in the data folder</source>
            <translation>Sicherungen im Datenordner</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>Sicherung</translation>
        </message>
        <message>
            <source>Made</source>
            <translation>Erstellt</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Backups kept in {folder}:</source>
            <translation>Sicherungen in {folder}:</translation>
        </message>
        <message>
            <source>Back up the clinic's database</source>
            <translation>Datenbank der Praxis sichern</translation>
        </message>
        <message>
            <source>Cicini backups (*.db)</source>
            <translation>Cicini-Sicherungen (*.db)</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>Sicherung läuft…</translation>
        </message>
        <message>
            <source>Backing up the database</source>
            <translation>Datenbank wird gesichert</translation>
        </message>
        <message>
            <source>Backup written to {target} ({size}).</source>
            <translation>Sicherung geschrieben: {target} ({size}).</translation>
        </message>
        <message>
            <source>Backup cancelled; no file was left behind.</source>
            <translation>Sicherung abgebrochen; es blieb keine Datei zurück.</translation>
        </message>
        <message>
            <source>No backup was made.</source>
            <translation>Es wurde keine Sicherung erstellt.</translation>
        </message>
        <message>
            <source>No backup was made</source>
            <translation>Es wurde keine Sicherung erstellt</translation>
        </message>
    </context>
    <context>
        <name>connection_banner</name>
        <message>
            <source>This workstation (encrypted)</source>
            <translation>Dieser Arbeitsplatz (verschlüsselt)</translation>
        </message>
        <message>
            <source>Clinic server {host}: connected</source>
            <translation>Praxisserver {host}: verbunden</translation>
        </message>
        <message>
            <source>Clinic server {host}: reconnecting now…</source>
            <translation>Praxisserver {host}: verbindet jetzt neu…</translation>
        </message>
        <message>
            <source>Clinic server {host}: offline, retrying in {seconds} s</source>
            <translation>Praxisserver {host}: offline, neuer Versuch in {seconds} s</translation>
        </message>
        <message>
            <source>Clinic server {host}: reconnecting in {seconds} s</source>
            <translation>Praxisserver {host}: neuer Verbindungsversuch in {seconds} s</translation>
        </message>
        <message>
            <source>The connection to the clinic server was lost. Retrying now…</source>
            <translation>Die Verbindung zum Praxisserver ist unterbrochen. Neuer Versuch läuft…</translation>
        </message>
        <message>
            <source>The connection to the clinic server was lost. Retrying in {seconds} s…</source>
            <translation>Die Verbindung zum Praxisserver ist unterbrochen. Neuer Versuch in {seconds} s…</translation>
        </message>
        <message>
            <source>Data store and connection</source>
            <translation>Datenspeicher und Verbindung</translation>
        </message>
        <message>
            <source>Connection lost</source>
            <translation>Verbindung unterbrochen</translation>
        </message>
        <message>
            <source>Connection message</source>
            <translation>Verbindungsmeldung</translation>
        </message>
        <message>
            <source>Retry now</source>
            <translation>Jetzt erneut versuchen</translation>
        </message>
        <message>
            <source>Retry the connection now</source>
            <translation>Verbindung jetzt erneut versuchen</translation>
        </message>
    </context>
    <context>
        <name>data_shared_page</name>
        <message>
            <source>Cicini receives only how many times each feature below was used per day, with this installation's internal ID, the app version, the operating system family and the country set by IT; it never receives names, contact details, appointment details, notes or any other content.</source>
            <translation>Cicini erhält nur, wie oft jede der unten genannten Funktionen pro Tag benutzt wurde, zusammen mit der internen ID dieser Installation, der App-Version, der Betriebssystemfamilie und dem von der IT eingestellten Land; es erhält niemals Namen, Kontaktdaten, Termindetails, Notizen oder andere Inhalte.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <source>Data shared with Cicini</source>
            <translation>Mit Cicini geteilte Daten</translation>
        </message>
        <message>
            <source>What is and is not shared</source>
            <translation>Was geteilt wird und was nicht</translation>
        </message>
        <message>
            <source>Last document sent</source>
            <translation>Zuletzt gesendetes Dokument</translation>
        </message>
        <message>
            <source>Time the last document was sent</source>
            <translation>Zeitpunkt des zuletzt gesendeten Dokuments</translation>
        </message>
        <message>
            <source>Server answer status</source>
            <translation>Status der Serverantwort</translation>
        </message>
        <message>
            <source>Last document sent, exact bytes</source>
            <translation>Zuletzt gesendetes Dokument, genaue Bytes</translation>
        </message>
        <message>
            <source>Server answer, exact bytes</source>
            <translation>Serverantwort, genaue Bytes</translation>
        </message>
        <message>
            <source>Sent at:</source>
            <translation>Gesendet am:</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>Antwort:</translation>
        </message>
        <message>
            <source>Document:</source>
            <translation>Dokument:</translation>
        </message>
        <message>
            <source>Answer body:</source>
            <translation>Inhalt der Antwort:</translation>
        </message>
        <message>
            <source>Next document queued</source>
            <translation>Nächstes Dokument in der Warteschlange</translation>
        </message>
        <message>
            <source>Next document queued, exact bytes</source>
            <translation>Nächstes Dokument in der Warteschlange, genaue Bytes</translation>
        </message>
        <message>
            <source>Counters that may be shared</source>
            <translation>Zähler, die geteilt werden dürfen</translation>
        </message>
        <message>
            <source>Counters that may be shared:</source>
            <translation>Zähler, die geteilt werden dürfen:</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>Jetzt &amp;synchronisieren</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Jetzt synchronisieren</translation>
        </message>
        <message>
            <source>no answer (network)</source>
            <translation>keine Antwort (Netzwerk)</translation>
        </message>
        <message>
            <source>Nothing has been sent yet.</source>
            <translation>Es wurde noch nichts gesendet.</translation>
        </message>
        <message>
            <source>Nothing is queued: Cicini holds every counted day.</source>
            <translation>Nichts in der Warteschlange: Cicini hat jeden gezählten Tag erhalten.</translation>
        </message>
    </context>
    <context>
        <name>errors.access</name>
        <message>
            <source>This account was deactivated since it signed in; the action was not done. Sign in with another account, or ask a practice manager.</source>
            <translation>Dieses Konto wurde seit der Anmeldung deaktiviert; die Aktion wurde nicht ausgeführt. Melden Sie sich mit einem anderen Konto an oder wenden Sie sich an die Praxisleitung.</translation>
        </message>
        <message>
            <source>Your role does not cover this provider's schedule; ask a practice manager if you need it.</source>
            <translation>Ihre Rolle umfasst den Kalender dieses Behandlers nicht; wenden Sie sich an die Praxisleitung, wenn Sie ihn brauchen.</translation>
        </message>
        <message>
            <source>Your role does not allow this ({permission}); ask a practice manager if you need it.</source>
            <translation>Ihre Rolle erlaubt das nicht ({permission}); wenden Sie sich an die Praxisleitung, wenn Sie es brauchen.</translation>
        </message>
        <message>
            <source>You can only grant permissions your own role holds ({permission} is not one of them).</source>
            <translation>Sie können nur Berechtigungen vergeben, die Ihre eigene Rolle hat („{permission}“ gehört nicht dazu).</translation>
        </message>
    </context>
    <context>
        <name>errors.audit</name>
        <message>
            <source>Times for the audit filter must carry a time zone.</source>
            <translation>Zeiten für den Protokollfilter müssen eine Zeitzone enthalten.</translation>
        </message>
        <message>
            <source>The audit export could not be written to {target} ({strerror}); choose a folder you can write to.</source>
            <translation>Der Protokollexport konnte nicht nach {target} geschrieben werden ({strerror}); wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
        </message>
    </context>
    <context>
        <name>errors.backup</name>
        <message>
            <source>{path} already exists; choose a new file name for the recovery key.</source>
            <translation>{path} gibt es bereits; wählen Sie einen neuen Dateinamen für den Wiederherstellungsschlüssel.</translation>
        </message>
        <message>
            <source>{source} does not exist; give the path of a Cicini backup file.</source>
            <translation>{source} gibt es nicht; geben Sie den Pfad einer Cicini-Sicherungsdatei an.</translation>
        </message>
        <message>
            <source>{source} was made with an earlier key; run the restore again with --recovery-key-stdin and type the recovery key that was current then.</source>
            <translation>{source} wurde mit einem früheren Schlüssel erstellt; starten Sie die Wiederherstellung erneut mit --recovery-key-stdin und geben Sie den Wiederherstellungsschlüssel ein, der damals galt.</translation>
        </message>
        <message>
            <source>{source} has no manifest ({name}) beside it; copy both files of the backup together and try again.</source>
            <translation>Neben {source} liegt kein Manifest ({name}); kopieren Sie beide Dateien der Sicherung zusammen und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>This computer holds no key for that backup; run the restore again with --recovery-key-stdin and type the clinic's recovery key.</source>
            <translation>Dieser Computer hat keinen Schlüssel für diese Sicherung; starten Sie die Wiederherstellung erneut mit --recovery-key-stdin und geben Sie den Wiederherstellungsschlüssel der Praxis ein.</translation>
        </message>
        <message>
            <source>This recovery key does not open that backup; type the recovery key that was current when the backup was made.</source>
            <translation>Dieser Wiederherstellungsschlüssel öffnet diese Sicherung nicht; geben Sie den Wiederherstellungsschlüssel ein, der galt, als die Sicherung erstellt wurde.</translation>
        </message>
        <message>
            <source>{source} could not be copied into {parent}; check the folder and free space.</source>
            <translation>{source} konnte nicht nach {parent} kopiert werden; prüfen Sie den Ordner und den freien Speicherplatz.</translation>
        </message>
        <message>
            <source>No Cicini database at {database}; check the data folder setting, or restore a backup with 'cicini restore'.</source>
            <translation>Unter {database} gibt es keine Cicini-Datenbank; prüfen Sie die Einstellung des Datenordners oder stellen Sie eine Sicherung mit 'cicini restore' wieder her.</translation>
        </message>
        <message>
            <source>This recovery key does not open this clinic's database; check that it is the latest recovery key of this clinic (a key rotation replaces the earlier one).</source>
            <translation>Dieser Wiederherstellungsschlüssel öffnet die Datenbank dieser Praxis nicht; prüfen Sie, ob es der neueste Wiederherstellungsschlüssel der Praxis ist (ein Schlüsselwechsel ersetzt den früheren).</translation>
        </message>
        <message>
            <source>{target} already exists; choose a new file name for the backup.</source>
            <translation>{target} gibt es bereits; wählen Sie einen neuen Dateinamen für die Sicherung.</translation>
        </message>
        <message>
            <source>The backup could not be written; check free disk space and try again.</source>
            <translation>Die Sicherung konnte nicht geschrieben werden; prüfen Sie den freien Speicherplatz und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The backup cannot be written in {parent}; check the folder and free space.</source>
            <translation>Die Sicherung kann nicht in {parent} geschrieben werden; prüfen Sie den Ordner und den freien Speicherplatz.</translation>
        </message>
        <message>
            <source>{source} has been altered or damaged (a page failed its integrity check), so no backup was made; restore an earlier backup with 'cicini restore'.</source>
            <translation>{source} wurde verändert oder ist beschädigt (eine Seite hat ihre Integritätsprüfung nicht bestanden), daher wurde keine Sicherung erstellt; stellen Sie mit 'cicini restore' eine frühere Sicherung wieder her.</translation>
        </message>
        <message>
            <source>{path} cannot be read; give the path of a Cicini backup.</source>
            <translation>{path} kann nicht gelesen werden; geben Sie den Pfad einer Cicini-Sicherung an.</translation>
        </message>
        <message>
            <source>{path} is empty or cut short ({size} bytes), so it is not a whole Cicini backup; it was not used.</source>
            <translation>{path} ist leer oder abgeschnitten ({size} Bytes) und damit keine vollständige Cicini-Sicherung; sie wurde nicht verwendet.</translation>
        </message>
        <message>
            <source>{path} does not open with this database's key, or is damaged; it was not used.</source>
            <translation>{path} lässt sich mit dem Schlüssel dieser Datenbank nicht öffnen oder ist beschädigt; sie wurde nicht verwendet.</translation>
        </message>
        <message>
            <source>{path} failed its integrity check; it was not used.</source>
            <translation>{path} hat die Integritätsprüfung nicht bestanden; sie wurde nicht verwendet.</translation>
        </message>
        <message>
            <source>{path} is not a backup of a Cicini clinic; it was not used.</source>
            <translation>{path} ist keine Sicherung einer Cicini-Praxis; sie wurde nicht verwendet.</translation>
        </message>
        <message>
            <source>{backup} does not exist; give the path of a Cicini backup file.</source>
            <translation>{backup} gibt es nicht; geben Sie den Pfad einer Cicini-Sicherungsdatei an.</translation>
        </message>
        <message>
            <source>{backup} is a backup of another clinic's database; it was not used.</source>
            <translation>{backup} ist eine Sicherung der Datenbank einer anderen Praxis; sie wurde nicht verwendet.</translation>
        </message>
        <message>
            <source>{backup} could not be copied into {parent}; check free space.</source>
            <translation>{backup} konnte nicht nach {parent} kopiert werden; prüfen Sie den freien Speicherplatz.</translation>
        </message>
    </context>
    <context>
        <name>errors.conflicts</name>
        <message>
            <source>There is a conflict from {start} to {end}.</source>
            <translation>Von {start} bis {end} gibt es eine Überschneidung.</translation>
        </message>
        <message>
            <source>The provider already has an appointment from {start} to {end}.</source>
            <translation>Der Behandler hat von {start} bis {end} bereits einen Termin.</translation>
        </message>
        <message>
            <source>The room is already booked from {start} to {end}.</source>
            <translation>Der Raum ist von {start} bis {end} bereits belegt.</translation>
        </message>
        <message>
            <source>The patient already has another appointment from {start} to {end}.</source>
            <translation>Der Patient hat von {start} bis {end} bereits einen anderen Termin.</translation>
        </message>
        <message>
            <source>The provider does not work from {start} to {end}.</source>
            <translation>Der Behandler arbeitet von {start} bis {end} nicht.</translation>
        </message>
        <message>
            <source>The provider is on time off from {start} to {end}.</source>
            <translation>Der Behandler ist von {start} bis {end} abwesend.</translation>
        </message>
        <message>
            <source>The clinic is closed on {day}.</source>
            <translation>Die Praxis ist am {day} geschlossen.</translation>
        </message>
        <message>
            <source>This is too close to the appointment from {start} to {end}: the preparation or clean-up time would overlap.</source>
            <translation>Das liegt zu nah am Termin von {start} bis {end}: Vor- oder Nachbereitungszeit würden sich überschneiden.</translation>
        </message>
        <message>
            <source>{conflicts} Pick another time, or override the conflict with a reason.</source>
            <translation>{conflicts} Wählen Sie eine andere Zeit oder buchen Sie trotzdem mit Begründung.</translation>
        </message>
        <message>
            <source>The provider is already booked at this time: another desk booked it a moment ago. Pick another time, or override the conflict with a reason.</source>
            <translation>Der Behandler ist zu dieser Zeit bereits belegt: Ein anderer Arbeitsplatz hat gerade gebucht. Wählen Sie eine andere Zeit oder buchen Sie trotzdem mit Begründung.</translation>
        </message>
        <message>
            <source>The room is already booked at this time: another desk booked it a moment ago. Pick another time or room, or override the conflict with a reason.</source>
            <translation>Der Raum ist zu dieser Zeit bereits belegt: Ein anderer Arbeitsplatz hat gerade gebucht. Wählen Sie eine andere Zeit oder einen anderen Raum, oder buchen Sie trotzdem mit Begründung.</translation>
        </message>
    </context>
    <context>
        <name>errors.desk_access</name>
        <message>
            <source>account {owner}, group {group}</source>
            <translation>Benutzerkonto {owner}, Gruppe {group}</translation>
        </message>
        <message>
            <source>group {group}</source>
            <translation>Gruppe {group}</translation>
        </message>
        <message>
            <source>account {owner}</source>
            <translation>Benutzerkonto {owner}</translation>
        </message>
        <message>
            <source>--owner and --group are for Linux and macOS; on Windows the installer sets the folder's access (see the IT guide).</source>
            <translation>--owner und --group gibt es für Linux und macOS; unter Windows legt das Installationsprogramm die Zugriffsrechte des Ordners fest (siehe IT-Leitfaden).</translation>
        </message>
        <message>
            <source>--owner: there is no account named '{owner}' on this computer.</source>
            <translation>--owner: Auf diesem Computer gibt es kein Benutzerkonto namens '{owner}'.</translation>
        </message>
        <message>
            <source>--group: there is no group named '{group}'; create it first ('groupadd {group}', then 'usermod -aG {group} ACCOUNT' for each desk account).</source>
            <translation>--group: Es gibt keine Gruppe namens '{group}'; legen Sie sie zuerst an ('groupadd {group}', dann 'usermod -aG {group} ACCOUNT' für jedes Empfangskonto).</translation>
        </message>
        <message>
            <source>--owner and --group hand the files to other accounts, which only an administrator may do; run provisioning as root (sudo).</source>
            <translation>--owner und --group übergeben die Dateien an andere Benutzerkonten, was nur ein Administrator darf; führen Sie die Einrichtung als root aus (sudo).</translation>
        </message>
        <message>
            <source>Provisioning for {describe} needs 'key_file' under [settings] (for example /etc/cicini/cicini.key): the desk account cannot read this session's keystore.</source>
            <translation>Die Einrichtung für {describe} braucht 'key_file' unter [settings] (zum Beispiel /etc/cicini/cicini.key): Das Empfangskonto kann den Schlüsselspeicher dieser Sitzung nicht lesen.</translation>
        </message>
        <message>
            <source>Provisioning for {describe} needs 'data_dir' under [settings] outside this account's home folder (for example /var/lib/cicini); {data_dir} is in it.</source>
            <translation>Die Einrichtung für {describe} braucht 'data_dir' unter [settings] außerhalb des Benutzerordners dieses Kontos (zum Beispiel /var/lib/cicini); {data_dir} liegt darin.</translation>
        </message>
        <message>
            <source>database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <source>{path}: the key file can be read by other users (mode {mode}); make it private with 'chmod 600 {path}' (or 'chmod 640' for a shared workstation's group).</source>
            <translation>{path}: Die Schlüsseldatei kann von anderen Benutzern gelesen werden (Modus {mode}); schützen Sie sie mit 'chmod 600 {path}' (oder 'chmod 640' für die Gruppe eines gemeinsam genutzten Arbeitsplatzes).</translation>
        </message>
        <message>
            <source>{path}: the key file can be changed by its group (mode {mode}); use 'chmod 640 {path}'.</source>
            <translation>{path}: Die Schlüsseldatei kann von ihrer Gruppe geändert werden (Modus {mode}); verwenden Sie 'chmod 640 {path}'.</translation>
        </message>
        <message>
            <source>{path}: the {what} can be read by every account on this computer (mode {mode}); run 'chmod o-rwx {path}' (the group model for shared workstations is in the IT guide).</source>
            <translation>{path}: Die {what} kann von jedem Benutzerkonto auf diesem Computer gelesen werden (Modus {mode}); führen Sie 'chmod o-rwx {path}' aus (das Gruppenmodell für gemeinsam genutzte Arbeitsplätze steht im IT-Leitfaden).</translation>
        </message>
        <message>
            <source>{path}: the file has no access list, so every account can read it.</source>
            <translation>{path}: Die Datei hat keine Zugriffsliste, daher kann jedes Benutzerkonto sie lesen.</translation>
        </message>
        <message>
            <source>{path}: other accounts on this computer can read the file; run 'cicini provision' again or remove their access in its Security tab.</source>
            <translation>{path}: Andere Benutzerkonten auf diesem Computer können die Datei lesen; führen Sie 'cicini provision' erneut aus oder entfernen Sie deren Zugriff auf der Registerkarte „Sicherheit“.</translation>
        </message>
    </context>
    <context>
        <name>errors.endpoints</name>
        <message>
            <source>an address such as https://usage.example.org</source>
            <translation>eine Adresse wie https://usage.example.org</translation>
        </message>
        <message>
            <source>an https:// address (plain http:// is allowed only to this machine)</source>
            <translation>eine https://-Adresse (einfaches http:// ist nur zu diesem Computer erlaubt)</translation>
        </message>
    </context>
    <context>
        <name>errors.maintenance</name>
        <message>
            <source>On the clinic server the audit trail is append-only for every desk; removing old records is IT's task on the server itself (see the IT guide).</source>
            <translation>Auf dem Praxisserver kann jeder Arbeitsplatz das Prüfprotokoll nur ergänzen; alte Einträge entfernt die IT direkt auf dem Server (siehe IT-Leitfaden).</translation>
        </message>
    </context>
    <context>
        <name>errors.plan</name>
        <message>
            <source>active providers</source>
            <translation>aktive Behandler</translation>
        </message>
        <message>
            <source>staff accounts</source>
            <translation>Personalkonten</translation>
        </message>
        <message>
            <source>The {plan} plan could not be confirmed for over 14 days, so the Trial limit of {limit} {words} applies; connect this computer so Cicini can sync, and nothing existing is affected.</source>
            <translation>Der Tarif {plan} konnte seit über 14 Tagen nicht bestätigt werden, daher gilt die Grenze des Testtarifs von {limit} {words}; verbinden Sie diesen Computer, damit Cicini synchronisieren kann. Bestehendes bleibt unberührt.</translation>
        </message>
        <message>
            <source>The Trial plan allows {limit} {words} until this installation first syncs with Cicini; ask IT to enrol it, or deactivate one first.</source>
            <translation>Der Testtarif erlaubt {limit} {words}, bis diese Installation zum ersten Mal mit Cicini synchronisiert; bitten Sie die IT, sie anzumelden, oder schaffen Sie zuerst durch Deaktivieren Platz.</translation>
        </message>
        <message>
            <source>The {plan} plan allows {limit} {words}; deactivate one first or ask Cicini to extend the plan.</source>
            <translation>Der Tarif {plan} erlaubt {limit} {words}; schaffen Sie zuerst durch Deaktivieren Platz, oder bitten Sie Cicini, den Tarif zu erweitern.</translation>
        </message>
    </context>
    <context>
        <name>errors.privacy</name>
        <message>
            <source>patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>staff member</source>
            <translation>Mitarbeitende/r</translation>
        </message>
        <message>
            <source>No {what} has the id {key}; check the id and try again.</source>
            <translation>Kein Datensatz ({what}) hat die ID {key}; prüfen Sie die ID und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Give a minimum retention between 0 and {years} years.</source>
            <translation>Geben Sie eine Mindestaufbewahrung zwischen 0 und {years} Jahren an.</translation>
        </message>
        <message>
            <source>This patient's record is already erased.</source>
            <translation>Der Datensatz dieses Patienten ist bereits gelöscht.</translation>
        </message>
        <message>
            <source>The clinic keeps appointment records for at least {years} year(s), so this patient cannot be erased yet; restrict the record instead.</source>
            <translation>Die Praxis bewahrt Termindaten mindestens {years} Jahr(e) auf, daher kann dieser Patient noch nicht gelöscht werden; schränken Sie den Datensatz stattdessen ein.</translation>
        </message>
        <message>
            <source>You cannot erase your own account; ask another practice manager to do it.</source>
            <translation>Sie können Ihr eigenes Konto nicht löschen; bitten Sie eine andere Praxisleitung darum.</translation>
        </message>
        <message>
            <source>This staff member's record is already erased.</source>
            <translation>Der Datensatz dieser Mitarbeiterin bzw. dieses Mitarbeiters ist bereits gelöscht.</translation>
        </message>
        <message>
            <source>This patient's record is erased; there is nothing to restrict.</source>
            <translation>Der Datensatz dieses Patienten ist gelöscht; es gibt nichts einzuschränken.</translation>
        </message>
        <message>
            <source>{path} already exists; choose another folder for the export.</source>
            <translation>{path} gibt es bereits; wählen Sie einen anderen Ordner für den Export.</translation>
        </message>
        <message>
            <source>{path} could not be written; choose a folder you can write to.</source>
            <translation>{path} konnte nicht geschrieben werden; wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
        </message>
        <message>
            <source>{folder} is not a folder; create it or choose another one.</source>
            <translation>{folder} ist kein Ordner; legen Sie ihn an oder wählen Sie einen anderen.</translation>
        </message>
    </context>
    <context>
        <name>errors.reminders</name>
        <message>
            <source>A rule name needs 1 to {most} characters.</source>
            <translation>Ein Regelname braucht 1 bis {most} Zeichen.</translation>
        </message>
        <message>
            <source>Choose email or SMS.</source>
            <translation>Wählen Sie E-Mail oder SMS.</translation>
        </message>
        <message>
            <source>A reminder goes between 15 minutes and 14 days before the appointment.</source>
            <translation>Eine Erinnerung geht zwischen 15 Minuten und 14 Tagen vor dem Termin hinaus.</translation>
        </message>
        <message>
            <source>A late reminder may go at most as late as the appointment itself.</source>
            <translation>Eine verspätete Erinnerung darf höchstens bis zum Termin selbst hinausgehen.</translation>
        </message>
        <message>
            <source>Choose a language of the shipped templates: {items}.</source>
            <translation>Wählen Sie eine Sprache der mitgelieferten Vorlagen: {items}.</translation>
        </message>
        <message>
            <source>Quiet hours are times of day.</source>
            <translation>Ruhezeiten sind Uhrzeiten.</translation>
        </message>
        <message>
            <source>The settle delay is 0 to 120 minutes.</source>
            <translation>Die Wartezeit vor dem Versand beträgt 0 bis 120 Minuten.</translation>
        </message>
        <message>
            <source>The mail server port is 1 to 65535.</source>
            <translation>Der Port des Mailservers liegt zwischen 1 und 65535.</translation>
        </message>
        <message>
            <source>Mail to another machine must use STARTTLS or TLS; an unencrypted connection is allowed only to a relay on this machine.</source>
            <translation>E-Mails an einen anderen Computer müssen STARTTLS oder TLS verwenden; eine unverschlüsselte Verbindung ist nur zu einem Relay auf diesem Computer erlaubt.</translation>
        </message>
        <message>
            <source>The sender must be an email address.</source>
            <translation>Der Absender muss eine E-Mail-Adresse sein.</translation>
        </message>
        <message>
            <source>The SMS provider address must be {problem}.</source>
            <translation>Die Adresse des SMS-Anbieters muss {problem} sein.</translation>
        </message>
        <message>
            <source>Reminders must say which number patients can call; enter the clinic's phone.</source>
            <translation>Erinnerungen müssen angeben, welche Nummer Patienten anrufen können; geben Sie die Telefonnummer der Praxis ein.</translation>
        </message>
        <message>
            <source>The template uses a value that reminders never include ({message}); use only: {items}.</source>
            <translation>Die Vorlage verwendet einen Wert, den Erinnerungen nie enthalten ({message}); verwenden Sie nur: {items}.</translation>
        </message>
        <message>
            <source>The template cannot be read: {value}.</source>
            <translation>Die Vorlage kann nicht gelesen werden: {value}.</translation>
        </message>
        <message>
            <source>A reminder must state the clinic's name and phone, the date, the time and the time zone; this template leaves out: {items}.</source>
            <translation>Eine Erinnerung muss Namen und Telefonnummer der Praxis, das Datum, die Uhrzeit und die Zeitzone nennen; in dieser Vorlage fehlt: {items}.</translation>
        </message>
        <message>
            <source>This SMS takes {segments} parts ({encoding}); keep it to {most}.</source>
            <translation>Diese SMS braucht {segments} Teile ({encoding}); beschränken Sie sie auf {most}.</translation>
        </message>
        <message>
            <source>Choose a shipped language.</source>
            <translation>Wählen Sie eine mitgelieferte Sprache.</translation>
        </message>
    </context>
    <context>
        <name>errors.roles</name>
        <message>
            <source>A role with that name exists; choose another name.</source>
            <translation>Eine Rolle mit diesem Namen gibt es bereits; wählen Sie einen anderen Namen.</translation>
        </message>
        <message>
            <source>That role no longer exists; refresh the list.</source>
            <translation>Diese Rolle gibt es nicht mehr; aktualisieren Sie die Liste.</translation>
        </message>
        <message>
            <source>Someone else changed this role meanwhile; reopen it and retry.</source>
            <translation>Jemand anderes hat diese Rolle inzwischen geändert; öffnen Sie sie erneut und versuchen Sie es noch einmal.</translation>
        </message>
        <message>
            <source>Built-in roles keep their names; copy the role to rename it.</source>
            <translation>Vorgegebene Rollen behalten ihren Namen; kopieren Sie die Rolle, um sie umzubenennen.</translation>
        </message>
        <message>
            <source>Built-in roles cannot be deleted; remove its permissions instead.</source>
            <translation>Vorgegebene Rollen können nicht gelöscht werden; entfernen Sie stattdessen ihre Berechtigungen.</translation>
        </message>
        <message>
            <source>{holders} staff member(s) hold this role; give them another role first.</source>
            <translation>Mitarbeitende mit dieser Rolle: {holders}; geben Sie ihnen zuerst eine andere Rolle.</translation>
        </message>
        <message>
            <source>Someone else changed these roles meanwhile; reopen the editor and retry.</source>
            <translation>Jemand anderes hat diese Rollen inzwischen geändert; öffnen Sie den Editor erneut und versuchen Sie es noch einmal.</translation>
        </message>
        <message>
            <source>This change would leave no active account able to manage roles; give another active account a role with 'role.manage' first.</source>
            <translation>Nach dieser Änderung könnte kein aktives Konto mehr Rollen verwalten; geben Sie zuerst einem anderen aktiven Konto eine Rolle mit 'role.manage'.</translation>
        </message>
    </context>
    <context>
        <name>errors.scheduling</name>
        <message>
            <source>The note is {length} characters long; shorten it to {limit} or fewer.</source>
            <translation>Die Notiz ist {length} Zeichen lang; kürzen Sie sie auf höchstens {limit}.</translation>
        </message>
        <message>
            <source>The name contains a line break, tab or other control character; type it on one line.</source>
            <translation>Der Name enthält einen Zeilenumbruch, Tabulator oder ein anderes Steuerzeichen; geben Sie ihn in einer Zeile ein.</translation>
        </message>
        <message>
            <source>The name has only invisible characters; type the name with letters.</source>
            <translation>Der Name besteht nur aus unsichtbaren Zeichen; geben Sie ihn mit Buchstaben ein.</translation>
        </message>
        <message>
            <source>Enter a name; it cannot be empty.</source>
            <translation>Geben Sie einen Namen ein; er darf nicht leer sein.</translation>
        </message>
        <message>
            <source>Shorten the name to {limit} characters or fewer.</source>
            <translation>Kürzen Sie den Namen auf höchstens {limit} Zeichen.</translation>
        </message>
        <message>
            <source>That phone number is not valid; enter it with the area code, or in international form such as +49 30 1234567.</source>
            <translation>Diese Telefonnummer ist ungültig; geben Sie sie mit Vorwahl ein oder international, etwa +49 30 1234567.</translation>
        </message>
        <message>
            <source>That email address is not valid; it should look like name@example.org.</source>
            <translation>Diese E-Mail-Adresse ist ungültig; sie sollte etwa so aussehen: name@example.org.</translation>
        </message>
        <message>
            <source>The date of birth must be a real date in the past.</source>
            <translation>Das Geburtsdatum muss ein gültiges Datum in der Vergangenheit sein.</translation>
        </message>
        <message>
            <source>The end is before the start; pick a later end time.</source>
            <translation>Das Ende liegt vor dem Beginn; wählen Sie eine spätere Endzeit.</translation>
        </message>
        <message>
            <source>The appointment has no length; give it a duration.</source>
            <translation>Der Termin hat keine Länge; geben Sie eine Dauer an.</translation>
        </message>
        <message>
            <source>An appointment cannot last more than 24 hours.</source>
            <translation>Ein Termin kann nicht länger als 24 Stunden dauern.</translation>
        </message>
        <message>
            <source>The duration must be more than zero minutes.</source>
            <translation>Die Dauer muss mehr als null Minuten betragen.</translation>
        </message>
        <message>
            <source>The duration cannot be more than 24 hours.</source>
            <translation>Die Dauer darf höchstens 24 Stunden betragen.</translation>
        </message>
        <message>
            <source>A buffer must be between 0 and {limit} minutes.</source>
            <translation>Eine Pufferzeit muss zwischen 0 und {limit} Minuten liegen.</translation>
        </message>
        <message>
            <source>Pick a colour as #RRGGBB, for example #3A7BD5.</source>
            <translation>Wählen Sie eine Farbe im Format #RRGGBB, zum Beispiel #3A7BD5.</translation>
        </message>
        <message>
            <source>Hours must lie within one day (00:00 to 24:00).</source>
            <translation>Die Zeiten müssen innerhalb eines Tages liegen (00:00 bis 24:00).</translation>
        </message>
        <message>
            <source>The weekday must be Monday to Sunday.</source>
            <translation>Der Wochentag muss zwischen Montag und Sonntag liegen.</translation>
        </message>
        <message>
            <source>Two working-hour intervals on the same day overlap; make them follow one another.</source>
            <translation>Zwei Arbeitszeiten am selben Tag überschneiden sich; legen Sie sie hintereinander.</translation>
        </message>
        <message>
            <source>Choose an appointment type that is in use.</source>
            <translation>Wählen Sie eine Terminart, die in Gebrauch ist.</translation>
        </message>
        <message>
            <source>Choose an active provider.</source>
            <translation>Wählen Sie einen aktiven Behandler.</translation>
        </message>
        <message>
            <source>This provider does not offer that appointment type; choose another provider.</source>
            <translation>Dieser Behandler bietet diese Terminart nicht an; wählen Sie einen anderen Behandler.</translation>
        </message>
        <message>
            <source>Choose a patient for the appointment.</source>
            <translation>Wählen Sie einen Patienten für den Termin.</translation>
        </message>
        <message>
            <source>Choose a room that is in use.</source>
            <translation>Wählen Sie einen Raum, der in Gebrauch ist.</translation>
        </message>
        <message>
            <source>This appointment type needs a {kind} room; choose one.</source>
            <translation>Diese Terminart braucht einen Raum der Art „{kind}“; wählen Sie einen solchen.</translation>
        </message>
        <message>
            <source>That appointment no longer exists; reload the list.</source>
            <translation>Diesen Termin gibt es nicht mehr; laden Sie die Liste neu.</translation>
        </message>
        <message>
            <source>That appointment type no longer exists; reload the list.</source>
            <translation>Diese Terminart gibt es nicht mehr; laden Sie die Liste neu.</translation>
        </message>
        <message>
            <source>That patient record no longer exists; reload the list.</source>
            <translation>Diese Patientenakte gibt es nicht mehr; laden Sie die Liste neu.</translation>
        </message>
        <message>
            <source>That reminder rule no longer exists; reload the list.</source>
            <translation>Diese Erinnerungsregel gibt es nicht mehr; laden Sie die Liste neu.</translation>
        </message>
        <message>
            <source>That waitlist entry no longer exists; reload the list.</source>
            <translation>Diesen Wartelisteneintrag gibt es nicht mehr; laden Sie die Liste neu.</translation>
        </message>
        <message>
            <source>This appointment was changed by someone else; reload it.</source>
            <translation>Dieser Termin wurde inzwischen von jemand anderem geändert; laden Sie ihn neu.</translation>
        </message>
        <message>
            <source>This appointment type was changed by someone else; reload it.</source>
            <translation>Diese Terminart wurde inzwischen von jemand anderem geändert; laden Sie sie neu.</translation>
        </message>
        <message>
            <source>This patient record was changed by someone else; reload it.</source>
            <translation>Diese Patientenakte wurde inzwischen von jemand anderem geändert; laden Sie sie neu.</translation>
        </message>
        <message>
            <source>This reminder rule was changed by someone else; reload it.</source>
            <translation>Diese Erinnerungsregel wurde inzwischen von jemand anderem geändert; laden Sie sie neu.</translation>
        </message>
        <message>
            <source>This waitlist entry was changed by someone else; reload it.</source>
            <translation>Dieser Wartelisteneintrag wurde inzwischen von jemand anderem geändert; laden Sie ihn neu.</translation>
        </message>
        <message>
            <source>Ask for between 1 and 500 results.</source>
            <translation>Fragen Sie nach 1 bis 500 Ergebnissen.</translation>
        </message>
        <message>
            <source>SMS reminders need a phone number.</source>
            <translation>SMS-Erinnerungen brauchen eine Telefonnummer.</translation>
        </message>
        <message>
            <source>Email reminders need an email address.</source>
            <translation>E-Mail-Erinnerungen brauchen eine E-Mail-Adresse.</translation>
        </message>
        <message>
            <source>A patient with the same name and date of birth, or the same phone number, already exists; open that record, or create a new one anyway.</source>
            <translation>Es gibt bereits einen Patienten mit gleichem Namen und Geburtsdatum oder gleicher Telefonnummer; öffnen Sie diese Akte oder legen Sie trotzdem eine neue an.</translation>
        </message>
        <message>
            <source>This patient's record is restricted; a practice manager must lift the restriction before it can be edited.</source>
            <translation>Die Akte dieses Patienten ist eingeschränkt; die Praxisleitung muss die Einschränkung aufheben, bevor sie bearbeitet werden kann.</translation>
        </message>
        <message>
            <source>Choose a patient for the waitlist entry.</source>
            <translation>Wählen Sie einen Patienten für den Wartelisteneintrag.</translation>
        </message>
        <message>
            <source>Choose a provider, or any provider.</source>
            <translation>Wählen Sie einen Behandler oder „beliebiger Behandler“.</translation>
        </message>
        <message>
            <source>Repeat every 1 to 52 days, weeks or months.</source>
            <translation>Wiederholen Sie alle 1 bis 52 Tage, Wochen oder Monate.</translation>
        </message>
        <message>
            <source>Say when the series ends: an end date or a number of occurrences.</source>
            <translation>Geben Sie an, wann die Serie endet: ein Enddatum oder eine Anzahl von Terminen.</translation>
        </message>
        <message>
            <source>A series has 1 to {most} occurrences.</source>
            <translation>Eine Serie hat 1 bis {most} Termine.</translation>
        </message>
        <message>
            <source>Weekdays must be Monday to Sunday.</source>
            <translation>Wochentage müssen zwischen Montag und Sonntag liegen.</translation>
        </message>
        <message>
            <source>Choose the first, second, third, fourth or last weekday of the month.</source>
            <translation>Wählen Sie den ersten, zweiten, dritten, vierten oder letzten Wochentag des Monats.</translation>
        </message>
        <message>
            <source>This repeat rule has no occurrences; check the first date and the end date.</source>
            <translation>Diese Wiederholungsregel ergibt keine Termine; prüfen Sie das erste Datum und das Enddatum.</translation>
        </message>
        <message>
            <source>Priority must be between -100 and 100.</source>
            <translation>Die Priorität muss zwischen -100 und 100 liegen.</translation>
        </message>
        <message>
            <source>The expiry date {day} has already passed; choose today or a later date, or leave it empty.</source>
            <translation>Das Ablaufdatum {day} ist bereits vorbei; wählen Sie heute oder ein späteres Datum, oder lassen Sie das Feld leer.</translation>
        </message>
        <message>
            <source>This waitlist entry is for another patient; book that patient or close the entry by hand.</source>
            <translation>Dieser Wartelisteneintrag gehört zu einem anderen Patienten; buchen Sie diesen Patienten oder schließen Sie den Eintrag von Hand.</translation>
        </message>
        <message>
            <source>This waitlist entry was already closed; reload the waitlist.</source>
            <translation>Dieser Wartelisteneintrag wurde bereits geschlossen; laden Sie die Warteliste neu.</translation>
        </message>
        <message>
            <source>Choose a reason for the cancellation.</source>
            <translation>Wählen Sie einen Grund für die Absage.</translation>
        </message>
        <message>
            <source>An appointment that is {value} can no longer be moved or changed.</source>
            <translation>Ein Termin mit dem Status „{value}“ kann nicht mehr verschoben oder geändert werden.</translation>
        </message>
        <message>
            <source>'{name}' is not a known time zone; use an IANA name such as Europe/Berlin.</source>
            <translation>'{name}' ist keine bekannte Zeitzone; verwenden Sie einen IANA-Namen wie Europe/Berlin.</translation>
        </message>
        <message>
            <source>{local} does not exist in {zone} (the clocks skip it for summer time); choose a time outside that hour.</source>
            <translation>{local} gibt es in {zone} nicht (die Uhren springen wegen der Sommerzeit darüber); wählen Sie eine Zeit außerhalb dieser Stunde.</translation>
        </message>
        <message>
            <source>{local} happens twice in {zone} (the clocks go back); say whether you mean the first or the second time.</source>
            <translation>{local} gibt es in {zone} zweimal (die Uhren werden zurückgestellt); geben Sie an, ob Sie die erste oder die zweite meinen.</translation>
        </message>
        <message>
            <source>{problem} Skip that occurrence or choose another time.</source>
            <translation>{problem} Überspringen Sie diesen Termin oder wählen Sie eine andere Zeit.</translation>
        </message>
        <message>
            <source>Every occurrence was skipped, so there is nothing to book.</source>
            <translation>Alle Termine wurden übersprungen, es gibt also nichts zu buchen.</translation>
        </message>
        <message>
            <source>These occurrences have conflicts: {dates}. Skip them, or override the conflicts with a reason.</source>
            <translation>Diese Termine haben Konflikte: {dates}. Überspringen Sie sie oder übergehen Sie die Konflikte mit einer Begründung.</translation>
        </message>
        <message>
            <source>This occurrence has already taken place or was cancelled; choose a later one.</source>
            <translation>Dieser Termin hat bereits stattgefunden oder wurde abgesagt; wählen Sie einen späteren.</translation>
        </message>
        <message>
            <source>Search between 1 and 366 days ahead.</source>
            <translation>Suchen Sie zwischen 1 und 366 Tagen im Voraus.</translation>
        </message>
        <message>
            <source>Slots step by 5, 10, 15, 20, 30 or 60 minutes.</source>
            <translation>Freie Zeiten lassen sich in Schritten von 5, 10, 15, 20, 30 oder 60 Minuten suchen.</translation>
        </message>
    </context>
    <context>
        <name>errors.settings</name>
        <message>
            <source>Give the first day of the week as 1 (Monday) to 7 (Sunday), or 0 for the locale's.</source>
            <translation>Geben Sie den ersten Wochentag als 1 (Montag) bis 7 (Sonntag) an oder 0 für die Vorgabe der Sprache.</translation>
        </message>
        <message>
            <source>Choose a 24-hour or a 12-hour clock.</source>
            <translation>Wählen Sie eine 24- oder 12-Stunden-Anzeige.</translation>
        </message>
    </context>
    <context>
        <name>errors.setup</name>
        <message>
            <source>{label}, {day}</source>
            <translation>{label}, {day}</translation>
        </message>
        <message>
            <source>{label}: the weekday must be Monday to Sunday.</source>
            <translation>{label}: Der Wochentag muss zwischen Montag und Sonntag liegen.</translation>
        </message>
        <message>
            <source>{where}: times must lie within the day (00:00 to 24:00).</source>
            <translation>{where}: Zeiten müssen innerhalb des Tages liegen (00:00 bis 24:00).</translation>
        </message>
        <message>
            <source>{where}: the end {end} is before the start {start}.</source>
            <translation>{where}: Das Ende {end} liegt vor dem Beginn {start}.</translation>
        </message>
        <message>
            <source>{where}: {span} has no length; give it an end time.</source>
            <translation>{where}: {span} hat keine Dauer; geben Sie eine Endzeit an.</translation>
        </message>
        <message>
            <source>{where}: {span} overlaps {other}.</source>
            <translation>{where}: {span} überschneidet sich mit {other}.</translation>
        </message>
        <message>
            <source>{where}: the break {span} lies outside the working hours of that day.</source>
            <translation>{where}: Die Pause {span} liegt außerhalb der Arbeitszeiten dieses Tages.</translation>
        </message>
        <message>
            <source>{label}: {minutes} minutes does not fit the {grid}-minute time grid; use a multiple of {grid}.</source>
            <translation>{label}: {minutes} Minuten passen nicht in das {grid}-Minuten-Raster; verwenden Sie ein Vielfaches von {grid}.</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <source>{label}: the duration must be more than zero minutes.</source>
            <translation>{label}: Die Dauer muss mehr als null Minuten betragen.</translation>
        </message>
        <message>
            <source>{label}: the duration cannot be more than {hours} hours.</source>
            <translation>{label}: Die Dauer darf höchstens {hours} Stunden betragen.</translation>
        </message>
        <message>
            <source>{label}: a buffer cannot be negative.</source>
            <translation>{label}: Eine Pufferzeit kann nicht negativ sein.</translation>
        </message>
        <message>
            <source>{label}: a buffer can be at most {minutes} minutes.</source>
            <translation>{label}: Eine Pufferzeit darf höchstens {minutes} Minuten betragen.</translation>
        </message>
        <message>
            <source>Valid until: {until} is before valid from {since}.</source>
            <translation>„Gültig bis“ ({until}) liegt vor „Gültig ab“ ({since}).</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>{label}: '{other}' exists already (names differing only in capitals count as the same); choose another name.</source>
            <translation>{label}: '{other}' gibt es bereits (Namen, die sich nur in Groß- und Kleinschreibung unterscheiden, gelten als gleich); wählen Sie einen anderen Namen.</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Farbe</translation>
        </message>
        <message>
            <source>{label}: '{text}' is not a colour; pick one, or type it as #RRGGBB (for example #3A7BD5).</source>
            <translation>{label}: '{text}' ist keine Farbe; wählen Sie eine aus oder geben Sie sie als #RRGGBB ein (zum Beispiel #3A7BD5).</translation>
        </message>
        <message>
            <source>{label}: the end {end} is before the start {start}.</source>
            <translation>{label}: Das Ende {end} liegt vor dem Beginn {start}.</translation>
        </message>
        <message>
            <source>{label}: the end {end} is not after the start {start}.</source>
            <translation>{label}: Das Ende {end} liegt nicht nach dem Beginn {start}.</translation>
        </message>
        <message>
            <source>Reason: choose vacation, sick, training or other.</source>
            <translation>Grund: Wählen Sie Urlaub, Krankheit, Fortbildung oder Sonstiges.</translation>
        </message>
        <message>
            <source>Country: '{country}' is not a country the holiday calendar knows; use a two-letter code such as DE or AT.</source>
            <translation>Land: '{country}' kennt der Feiertagskalender nicht; verwenden Sie einen Ländercode aus zwei Buchstaben wie DE oder AT.</translation>
        </message>
        <message>
            <source>Region: '{region}' is not a region of {country} in the holiday calendar; leave it empty for national holidays only.</source>
            <translation>Region: '{region}' ist keine Region von {country} im Feiertagskalender; lassen Sie das Feld leer, wenn nur bundesweite Feiertage gelten sollen.</translation>
        </message>
        <message>
            <source>{where}: '{part}' is not a time span; type it as 08:00-12:00 (several separated by commas).</source>
            <translation>{where}: '{part}' ist keine Zeitspanne; geben Sie sie als 08:00-12:00 ein (mehrere durch Kommas getrennt).</translation>
        </message>
        <message>
            <source>{where}: '{part}' has minutes above 59.</source>
            <translation>{where}: '{part}' hat Minuten über 59.</translation>
        </message>
        <message>
            <source>The clinic server's database holds no clinic yet; IT sets it up with 'cicini server init'.</source>
            <translation>Die Datenbank des Praxisservers enthält noch keine Praxis; die IT richtet sie mit 'cicini server init' ein.</translation>
        </message>
        <message>
            <source>{database_path} was never fully set up (no clinic in it); move it aside and set the clinic up again, or restore a backup.</source>
            <translation>{database_path} wurde nie vollständig eingerichtet (es enthält keine Praxis); legen Sie die Datei beiseite und richten Sie die Praxis erneut ein, oder stellen Sie eine Sicherung wieder her.</translation>
        </message>
        <message>
            <source>'{name}' is not a known time zone; use an IANA name such as Europe/Berlin.</source>
            <translation>'{name}' ist keine bekannte Zeitzone; verwenden Sie einen IANA-Namen wie Europe/Berlin.</translation>
        </message>
        <message>
            <source>The organisation name must be 1 to 200 characters with at least one letter or digit, and no control characters.</source>
            <translation>Der Name der Organisation muss 1 bis 200 Zeichen lang sein, mindestens einen Buchstaben oder eine Ziffer und keine Steuerzeichen enthalten.</translation>
        </message>
        <message>
            <source>The contact name must be at most 200 characters.</source>
            <translation>Der Name der Kontaktperson darf höchstens 200 Zeichen lang sein.</translation>
        </message>
        <message>
            <source>The contact email does not look right; write it as name@example.org.</source>
            <translation>Die Kontakt-E-Mail-Adresse sieht nicht richtig aus; schreiben Sie sie als name@example.org.</translation>
        </message>
        <message>
            <source>The contact phone number is not valid; include the country code, e.g. +49 30 1234567.</source>
            <translation>Die Kontakttelefonnummer ist ungültig; geben Sie die Landesvorwahl mit an, z. B. +49 30 1234567.</translation>
        </message>
        <message>
            <source>Opening hours</source>
            <translation>Öffnungszeiten</translation>
        </message>
        <message>
            <source>Closure</source>
            <translation>Schließzeit</translation>
        </message>
        <message>
            <source>That staff member is not a provider.</source>
            <translation>Diese Person ist keine Behandlerin bzw. kein Behandler.</translation>
        </message>
        <message>
            <source>Working hours</source>
            <translation>Arbeitszeiten</translation>
        </message>
        <message>
            <source>Breaks</source>
            <translation>Pausen</translation>
        </message>
        <message>
            <source>Working hours, week B</source>
            <translation>Arbeitszeiten, Woche B</translation>
        </message>
        <message>
            <source>Breaks, week B</source>
            <translation>Pausen, Woche B</translation>
        </message>
        <message>
            <source>Breaks, week B: there is no week B; turn on alternating weeks first.</source>
            <translation>Pausen, Woche B: Es gibt keine Woche B; schalten Sie zuerst die abwechselnden Wochen ein.</translation>
        </message>
        <message>
            <source>Time off</source>
            <translation>Abwesenheit</translation>
        </message>
        <message>
            <source>Default duration</source>
            <translation>Standarddauer</translation>
        </message>
        <message>
            <source>Calendar colour</source>
            <translation>Kalenderfarbe</translation>
        </message>
        <message>
            <source>Buffer before</source>
            <translation>Pufferzeit davor</translation>
        </message>
        <message>
            <source>Buffer after</source>
            <translation>Pufferzeit danach</translation>
        </message>
        <message>
            <source>Room name</source>
            <translation>Raumname</translation>
        </message>
        <message>
            <source>Type name</source>
            <translation>Name der Terminart</translation>
        </message>
        <message>
            <source>{label}: {sentence}</source>
            <translation>{label}: {sentence}</translation>
        </message>
        <message>
            <source>Shorten the label to 100 characters or fewer.</source>
            <translation>Kürzen Sie die Bezeichnung auf höchstens 100 Zeichen.</translation>
        </message>
        <message>
            <source>Room kind: give it a short name, e.g. ultrasound (at most 60 characters).</source>
            <translation>Art des Raums: Geben Sie einen kurzen Namen an, z. B. Ultraschall (höchstens 60 Zeichen).</translation>
        </message>
        <message>
            <source>the clinic is closed</source>
            <translation>die Praxis ist geschlossen</translation>
        </message>
        <message>
            <source>the provider has time off</source>
            <translation>der Behandler ist abwesend</translation>
        </message>
        <message>
            <source>outside working hours</source>
            <translation>außerhalb der Arbeitszeiten</translation>
        </message>
        <message>
            <source>This change would leave 1 future appointment outside the working hours, in time off or in a closure; review the list and confirm to save anyway (nothing is moved or cancelled; rebook them from the worklist).</source>
            <translation>Durch diese Änderung läge 1 künftiger Termin außerhalb der Arbeitszeiten, in einer Abwesenheit oder einer Schließzeit; prüfen Sie die Liste und bestätigen Sie, um trotzdem zu speichern (nichts wird verschoben oder abgesagt; buchen Sie ihn über die Arbeitsliste um).</translation>
        </message>
        <message>
            <source>This change would leave {count} future appointments outside the working hours, in time off or in a closure; review the list and confirm to save anyway (nothing is moved or cancelled; rebook them from the worklist).</source>
            <translation>Durch diese Änderung lägen {count} künftige Termine außerhalb der Arbeitszeiten, in einer Abwesenheit oder einer Schließzeit; prüfen Sie die Liste und bestätigen Sie, um trotzdem zu speichern (nichts wird verschoben oder abgesagt; buchen Sie sie über die Arbeitsliste um).</translation>
        </message>
        <message>
            <source>'{country}' is not a country code phone numbers know; use two letters such as DE.</source>
            <translation>'{country}' ist kein Ländercode, den Telefonnummern kennen; verwenden Sie zwei Buchstaben wie DE.</translation>
        </message>
        <message>
            <source>Give the late-cancel cut-off as 0 to {hours} hours (0 = no late-cancel flag).</source>
            <translation>Geben Sie die Frist für späte Absagen mit 0 bis {hours} Stunden an (0 = keine Kennzeichnung später Absagen).</translation>
        </message>
        <message>
            <source>'{language}' is not a language Cicini speaks; choose de or en.</source>
            <translation>'{language}' ist keine Sprache, die Cicini spricht; wählen Sie de oder en.</translation>
        </message>
        <message>
            <source>Year: choose a year between 1900 and 2200.</source>
            <translation>Jahr: Wählen Sie ein Jahr zwischen 1900 und 2200.</translation>
        </message>
        <message>
            <source>Country: the clinic's country is not known from its time zone; choose one.</source>
            <translation>Land: Das Land der Praxis lässt sich aus ihrer Zeitzone nicht ermitteln; wählen Sie eines aus.</translation>
        </message>
    </context>
    <context>
        <name>errors.setup_transfer</name>
        <message>
            <source>'{where}' {sentence}</source>
            <translation>'{where}' {sentence}</translation>
        </message>
        <message>
            <source>must be a time as HH:MM, not {text}.</source>
            <translation>muss eine Uhrzeit im Format HH:MM sein, nicht {text}.</translation>
        </message>
        <message>
            <source>must be a table of weekdays, e.g. {mon = ["08:00-12:00"]}.</source>
            <translation>muss eine Tabelle der Wochentage sein, z. B. {mon = ["08:00-12:00"]}.</translation>
        </message>
        <message>
            <source>is not a weekday; use one of {items}.</source>
            <translation>ist kein Wochentag; verwenden Sie einen von {items}.</translation>
        </message>
        <message>
            <source>must be a list such as ["08:00-12:00"].</source>
            <translation>muss eine Liste wie ["08:00-12:00"] sein.</translation>
        </message>
        <message>
            <source>needs spans as "HH:MM-HH:MM", not {span}.</source>
            <translation>braucht Zeitspannen als "HH:MM-HH:MM", nicht {span}.</translation>
        </message>
        <message>
            <source>is required.</source>
            <translation>ist erforderlich.</translation>
        </message>
        <message>
            <source>must be text in quotes.</source>
            <translation>muss Text in Anführungszeichen sein.</translation>
        </message>
        <message>
            <source>must be a whole number.</source>
            <translation>muss eine ganze Zahl sein.</translation>
        </message>
        <message>
            <source>must be true or false.</source>
            <translation>muss true oder false sein.</translation>
        </message>
        <message>
            <source>must be a date written as 2026-12-24 (no quotes).</source>
            <translation>muss ein Datum in der Form 2026-12-24 sein (ohne Anführungszeichen).</translation>
        </message>
        <message>
            <source>must be a list of tables ([[{where}]]).</source>
            <translation>muss eine Liste von Tabellen sein ([[{where}]]).</translation>
        </message>
        <message>
            <source>is not a known key; expected one of {items}.</source>
            <translation>ist kein bekannter Schlüssel; erwartet wird einer von {items}.</translation>
        </message>
        <message>
            <source>must be a table ([setup]).</source>
            <translation>muss eine Tabelle sein ([setup]).</translation>
        </message>
        <message>
            <source>must be a list of usernames, e.g. ["anna"].</source>
            <translation>muss eine Liste von Benutzernamen sein, z. B. ["anna"].</translation>
        </message>
        <message>
            <source>names '{name}' twice (any case counts).</source>
            <translation>nennt '{name}' zweimal (Groß- und Kleinschreibung zählt nicht).</translation>
        </message>
        <message>
            <source>must list role names, e.g. ["Receptionist"].</source>
            <translation>muss Rollennamen auflisten, z. B. ["Receptionist"].</translation>
        </message>
        <message>
            <source>'setup.provider_hours': '{provider}' is not a provider's username.</source>
            <translation>'setup.provider_hours': '{provider}' ist nicht der Benutzername einer Behandlerin oder eines Behandlers.</translation>
        </message>
        <message>
            <source>'setup.provider_hours': there is no room named '{room}'.</source>
            <translation>'setup.provider_hours': Es gibt keinen Raum namens '{room}'.</translation>
        </message>
        <message>
            <source>'staff': the account '{username}' does not exist yet; give it a one_time_password (it must be changed at first sign-in).</source>
            <translation>'staff': Das Konto '{username}' gibt es noch nicht; geben Sie ihm ein one_time_password (es muss bei der ersten Anmeldung geändert werden).</translation>
        </message>
        <message>
            <source>'staff': the role '{name}' does not exist; use one of {items}.</source>
            <translation>'staff': Die Rolle '{name}' gibt es nicht; verwenden Sie eine von {items}.</translation>
        </message>
        <message>
            <source>'setup.appointment_types': '{username}' (offering '{name}') is not a staff username.</source>
            <translation>'setup.appointment_types': '{username}' (bietet '{name}' an) ist kein Benutzername des Personals.</translation>
        </message>
    </context>
    <context>
        <name>errors.sign_in</name>
        <message>
            <source>Use at least {count} characters; a few unrelated words make a good password.</source>
            <translation>Verwenden Sie mindestens {count} Zeichen; einige Wörter ohne Zusammenhang ergeben ein gutes Passwort.</translation>
        </message>
        <message>
            <source>Use at most {count} characters.</source>
            <translation>Verwenden Sie höchstens {count} Zeichen.</translation>
        </message>
        <message>
            <source>This password is on the list of passwords attackers try first; choose another.</source>
            <translation>Dieses Passwort steht auf der Liste der Passwörter, die Angreifer zuerst ausprobieren; wählen Sie ein anderes.</translation>
        </message>
        <message>
            <source>This password is a simple repetition or sequence; choose another.</source>
            <translation>Dieses Passwort ist eine einfache Wiederholung oder Folge; wählen Sie ein anderes.</translation>
        </message>
        <message>
            <source>The password must not contain your username or name; choose another.</source>
            <translation>Das Passwort darf weder Ihren Benutzernamen noch Ihren Namen enthalten; wählen Sie ein anderes.</translation>
        </message>
        <message>
            <source>A username needs 2 to 64 characters.</source>
            <translation>Ein Benutzername braucht 2 bis 64 Zeichen.</translation>
        </message>
        <message>
            <source>A username may hold letters, digits, dots, dashes and underscores only.</source>
            <translation>Ein Benutzername darf nur Buchstaben, Ziffern, Punkte, Bindestriche und Unterstriche enthalten.</translation>
        </message>
        <message>
            <source>The username or password is not right; check both and try again.</source>
            <translation>Benutzername oder Passwort stimmen nicht; prüfen Sie beides und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Set up the clinic before signing in.</source>
            <translation>Richten Sie die Praxis ein, bevor Sie sich anmelden.</translation>
        </message>
        <message>
            <source>This account is locked after too many failed sign-ins. Try again after {time} UTC, or ask a practice manager to unlock it.</source>
            <translation>Dieses Konto ist nach zu vielen fehlgeschlagenen Anmeldungen gesperrt. Versuchen Sie es nach {time} Uhr UTC erneut oder bitten Sie die Praxisleitung, es zu entsperren.</translation>
        </message>
        <message>
            <source>Too many failed attempts: wait {seconds} seconds, then try again.</source>
            <translation>Zu viele Fehlversuche: Warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>This account was deactivated; sign in with another one.</source>
            <translation>Dieses Konto wurde deaktiviert; melden Sie sich mit einem anderen an.</translation>
        </message>
        <message>
            <source>This account no longer exists; sign in again.</source>
            <translation>Dieses Konto gibt es nicht mehr; melden Sie sich erneut an.</translation>
        </message>
        <message>
            <source>The current password is not right; type it again.</source>
            <translation>Das aktuelle Passwort stimmt nicht; geben Sie es erneut ein.</translation>
        </message>
        <message>
            <source>Choose a password different from the current one.</source>
            <translation>Wählen Sie ein anderes Passwort als das aktuelle.</translation>
        </message>
    </context>
    <context>
        <name>errors.staff</name>
        <message>
            <source>The display name must be 1 to 200 characters.</source>
            <translation>Der Anzeigename muss 1 bis 200 Zeichen lang sein.</translation>
        </message>
        <message>
            <source>A colour is written as #RRGGBB, e.g. #3A7BD5.</source>
            <translation>Eine Farbe wird als #RRGGBB angegeben, z. B. #3A7BD5.</translation>
        </message>
        <message>
            <source>That staff member no longer exists; refresh the list.</source>
            <translation>Diesen Mitarbeiter gibt es nicht mehr; aktualisieren Sie die Liste.</translation>
        </message>
        <message>
            <source>Someone else changed this staff member meanwhile; reopen it and make your change again.</source>
            <translation>Jemand anderes hat diesen Mitarbeiter inzwischen geändert; öffnen Sie ihn erneut und nehmen Sie Ihre Änderung noch einmal vor.</translation>
        </message>
        <message>
            <source>One of the chosen roles no longer exists; refresh.</source>
            <translation>Eine der gewählten Rollen gibt es nicht mehr; aktualisieren Sie die Ansicht.</translation>
        </message>
        <message>
            <source>A role can only be limited to staff marked as providers; refresh and choose again.</source>
            <translation>Eine Rolle lässt sich nur auf Mitarbeiter beschränken, die als Behandler markiert sind; aktualisieren Sie und wählen Sie erneut.</translation>
        </message>
        <message>
            <source>That account holds permissions your role does not have; only someone who holds all of them can change its roles, password, lock or status.</source>
            <translation>Dieses Konto hat Berechtigungen, die Ihre Rolle nicht hat; nur wer alle davon hat, kann seine Rollen, sein Passwort, seine Sperre oder seinen Status ändern.</translation>
        </message>
        <message>
            <source>Set up the clinic before creating its first account.</source>
            <translation>Richten Sie die Praxis ein, bevor Sie das erste Konto anlegen.</translation>
        </message>
        <message>
            <source>This clinic already has staff accounts; sign in as a practice manager to add more.</source>
            <translation>Diese Praxis hat bereits Personalkonten; melden Sie sich als Praxisleitung an, um weitere anzulegen.</translation>
        </message>
        <message>
            <source>That username is taken; choose another.</source>
            <translation>Dieser Benutzername ist vergeben; wählen Sie einen anderen.</translation>
        </message>
    </context>
    <context>
        <name>errors.store</name>
        <message>
            <source>A Cicini database already exists at {path} and was left untouched; use another data folder, or restore or recover the existing one.</source>
            <translation>Unter {path} gibt es bereits eine Cicini-Datenbank; sie wurde nicht verändert. Verwenden Sie einen anderen Datenordner, oder stellen Sie die vorhandene aus einer Sicherung oder mit dem Wiederherstellungsschlüssel wieder her.</translation>
        </message>
        <message>
            <source>{path} cannot be opened (missing folder or no permission); check the data folder setting and its permissions.</source>
            <translation>{path} kann nicht geöffnet werden (Ordner fehlt oder keine Berechtigung); prüfen Sie die Einstellung des Datenordners und seine Berechtigungen.</translation>
        </message>
        <message>
            <source>{path} is empty or missing; it is not a Cicini database.</source>
            <translation>{path} ist leer oder fehlt; es ist keine Cicini-Datenbank.</translation>
        </message>
        <message>
            <source>{path} is not a Cicini database (it is not an encrypted database file); check the data folder setting, or restore the database from a backup.</source>
            <translation>{path} ist keine Cicini-Datenbank (es ist keine verschlüsselte Datenbankdatei); prüfen Sie die Einstellung des Datenordners oder stellen Sie die Datenbank aus einer Sicherung wieder her.</translation>
        </message>
        <message>
            <source>{path} has been altered or damaged (its integrity check failed); restore it from a backup with 'cicini restore', and keep the damaged file for IT.</source>
            <translation>{path} wurde verändert oder ist beschädigt (die Integritätsprüfung ist fehlgeschlagen); stellen Sie sie mit 'cicini restore' aus einer Sicherung wieder her und bewahren Sie die beschädigte Datei für die IT auf.</translation>
        </message>
        <message>
            <source>The key does not open this database; enter the recovery key with 'cicini recover', or check that the data folder belongs to this installation.</source>
            <translation>Der Schlüssel öffnet diese Datenbank nicht; geben Sie den Wiederherstellungsschlüssel mit 'cicini recover' ein, oder prüfen Sie, ob der Datenordner zu dieser Installation gehört.</translation>
        </message>
        <message>
            <source>{path} has been altered or damaged (a page failed its integrity check); restore it from a backup with 'cicini restore', and keep the damaged file for IT.</source>
            <translation>{path} wurde verändert oder ist beschädigt (eine Seite hat ihre Integritätsprüfung nicht bestanden); stellen Sie sie mit 'cicini restore' aus einer Sicherung wieder her und bewahren Sie die beschädigte Datei für die IT auf.</translation>
        </message>
        <message>
            <source>The clinic's database is in use (Cicini Desktop or another command is open on it); close it on this computer, then try again.</source>
            <translation>Die Datenbank der Praxis ist in Gebrauch (Cicini Desktop oder ein anderer Befehl hat sie geöffnet); schließen Sie sie auf diesem Computer und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>A recovery key has {groups} groups of {number} characters ({expected} in all) but {cleaned} were given; check for a missing or extra group.</source>
            <translation>Ein Wiederherstellungsschlüssel hat {groups} Gruppen zu je {number} Zeichen (insgesamt {expected}), eingegeben wurden aber {cleaned}; prüfen Sie, ob eine Gruppe fehlt oder zu viel ist.</translation>
        </message>
        <message>
            <source>Group {number} of the recovery key holds a character that is never used ('{value}'); check that group.</source>
            <translation>Gruppe {number} des Wiederherstellungsschlüssels enthält ein Zeichen, das nie vorkommt ('{value}'); prüfen Sie diese Gruppe.</translation>
        </message>
        <message>
            <source>Group {number} of the recovery key has a typo (its check character does not match); check that group.</source>
            <translation>Gruppe {number} des Wiederherstellungsschlüssels enthält einen Tippfehler (ihr Prüfzeichen stimmt nicht); prüfen Sie diese Gruppe.</translation>
        </message>
        <message>
            <source>This is not a Cicini recovery key; check the last group.</source>
            <translation>Das ist kein Cicini-Wiederherstellungsschlüssel; prüfen Sie die letzte Gruppe.</translation>
        </message>
        <message>
            <source>A recovery key has {groups} groups of {size} characters; this is longer. Check for an extra group.</source>
            <translation>Ein Wiederherstellungsschlüssel hat {groups} Gruppen zu je {size} Zeichen; dieser ist länger. Prüfen Sie, ob eine Gruppe zu viel ist.</translation>
        </message>
        <message>
            <source>No Cicini database at {database_path}; run 'cicini init' (or start the app to set up the clinic), or check the data folder setting.</source>
            <translation>Unter {database_path} gibt es keine Cicini-Datenbank; führen Sie 'cicini init' aus (oder starten Sie die App, um die Praxis einzurichten), oder prüfen Sie die Einstellung des Datenordners.</translation>
        </message>
        <message>
            <source>{database_path} has no manifest ({name}) beside it, so it is not a Cicini database or was copied without it; copy both files together, or rebuild it with 'cicini recover' and the clinic's recovery key.</source>
            <translation>Neben {database_path} liegt kein Manifest ({name}), es ist also keine Cicini-Datenbank oder wurde ohne Manifest kopiert; kopieren Sie beide Dateien zusammen, oder bauen Sie es mit 'cicini recover' und dem Wiederherstellungsschlüssel der Praxis neu auf.</translation>
        </message>
        <message>
            <source>{path} is damaged; rebuild it with 'cicini recover' and the clinic's recovery key (the database itself is not touched).</source>
            <translation>{path} ist beschädigt; bauen Sie es mit 'cicini recover' und dem Wiederherstellungsschlüssel der Praxis neu auf (die Datenbank selbst bleibt unberührt).</translation>
        </message>
        <message>
            <source>{database_path} was made by a newer Cicini Desktop; update the app first.</source>
            <translation>{database_path} wurde von einer neueren Version von Cicini Desktop erstellt; aktualisieren Sie zuerst die App.</translation>
        </message>
        <message>
            <source>The database was updated by a newer version of Cicini Desktop; install that version (or newer) to open it.</source>
            <translation>Die Datenbank wurde von einer neueren Version von Cicini Desktop aktualisiert; installieren Sie diese (oder eine neuere) Version, um sie zu öffnen.</translation>
        </message>
        <message>
            <source>The database could not be updated to this version of the app and was left as it was; contact IT (a backup was made before the attempt).</source>
            <translation>Die Datenbank konnte nicht auf diese Version der App aktualisiert werden und blieb unverändert; wenden Sie sich an die IT (vor dem Versuch wurde eine Sicherung erstellt).</translation>
        </message>
        <message>
            <source>store = "postgresql" needs server.host (the clinic server's name); set it in the configuration file.</source>
            <translation>store = "postgresql" braucht server.host (den Namen des Praxisservers); tragen Sie ihn in die Konfigurationsdatei ein.</translation>
        </message>
        <message>
            <source>The clinic server refused this desk's client certificate for role {user} (not issued by the CA the server trusts, revoked, or not naming the role); IT stores the right one with 'cicini server client-cert --cert FILE --key FILE'.</source>
            <translation>Der Praxisserver hat das Client-Zertifikat dieses Arbeitsplatzes für die Rolle {user} abgelehnt (nicht von der Zertifizierungsstelle ausgestellt, der der Server vertraut, widerrufen oder nicht auf die Rolle ausgestellt); die IT hinterlegt das richtige mit „cicini server client-cert --cert DATEI --key DATEI“.</translation>
        </message>
        <message>
            <source>No client certificate for the database role {user} is kept in this computer's keystore; IT stores it with 'cicini server client-cert --cert FILE --key FILE' as the desk's account.</source>
            <translation>Im Schlüsselspeicher dieses Computers ist kein Client-Zertifikat für die Datenbankrolle {user} hinterlegt; die IT hinterlegt es mit „cicini server client-cert --cert DATEI --key DATEI“ unter dem Konto des Arbeitsplatzes.</translation>
        </message>
        <message>
            <source>This desk's client certificate for role {user} expired on {day}; IT issues a new one and stores it with 'cicini server client-cert --cert FILE --key FILE'.</source>
            <translation>Das Client-Zertifikat dieses Arbeitsplatzes für die Rolle {user} ist am {day} abgelaufen; die IT stellt ein neues aus und hinterlegt es mit „cicini server client-cert --cert DATEI --key DATEI“.</translation>
        </message>
        <message>
            <source>The clinic server refused the sign-in of role {user}; set the password again with 'cicini server password', or ask IT.</source>
            <translation>Der Praxisserver hat die Anmeldung der Rolle {user} abgelehnt; setzen Sie das Passwort mit 'cicini server password' neu, oder wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>The clinic server's certificate could not be verified (TLS verify-full); check server.ca_file and that server.host is the name in the certificate.</source>
            <translation>Das Zertifikat des Praxisservers konnte nicht geprüft werden (TLS verify-full); prüfen Sie server.ca_file und ob server.host der Name im Zertifikat ist.</translation>
        </message>
        <message>
            <source>The clinic server has no database {database}; run 'cicini server init', or check server.database.</source>
            <translation>Der Praxisserver hat keine Datenbank {database}; führen Sie 'cicini server init' aus, oder prüfen Sie server.database.</translation>
        </message>
        <message>
            <source>The clinic server cannot be reached; check the network and that the server is running, then try again.</source>
            <translation>Der Praxisserver ist nicht erreichbar; prüfen Sie das Netzwerk und ob der Server läuft, und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The clinic server's database is not at this version of Cicini Desktop; IT updates it with 'cicini server migrate --dsn ...' (and every desk to the same version).</source>
            <translation>Die Datenbank des Praxisservers hat nicht den Stand dieser Version von Cicini Desktop; die IT aktualisiert sie mit 'cicini server migrate --dsn ...' (und jeden Empfangsplatz auf dieselbe Version).</translation>
        </message>
        <message>
            <source>The --dsn is not a PostgreSQL connection string; write it as postgresql://OWNER@HOST:PORT/DATABASE.</source>
            <translation>--dsn ist keine PostgreSQL-Verbindungszeichenfolge; schreiben Sie sie als postgresql://OWNER@HOST:PORT/DATABASE.</translation>
        </message>
        <message>
            <source>Leave the password out of --dsn (other users can read the process list); give it in PGPASSWORD or ~/.pgpass instead.</source>
            <translation>Lassen Sie das Passwort aus --dsn weg (andere Benutzer können die Prozessliste lesen); geben Sie es stattdessen in PGPASSWORD oder ~/.pgpass an.</translation>
        </message>
        <message>
            <source>The keystore holds no key for this clinic's database (it may have been reset or this is another computer); enter the recovery key with 'cicini recover' or in the recovery dialog, the data is intact.</source>
            <translation>Der Schlüsselspeicher enthält keinen Schlüssel für die Datenbank dieser Praxis (er wurde vielleicht zurückgesetzt, oder dies ist ein anderer Computer); geben Sie den Wiederherstellungsschlüssel mit 'cicini recover' oder im Wiederherstellungsdialog ein, die Daten sind unversehrt.</translation>
        </message>
        <message>
            <source>The keystore entry for this database is damaged; enter the recovery key with 'cicini recover', the data is intact.</source>
            <translation>Der Eintrag dieser Datenbank im Schlüsselspeicher ist beschädigt; geben Sie den Wiederherstellungsschlüssel mit 'cicini recover' ein, die Daten sind unversehrt.</translation>
        </message>
        <message>
            <source>{path}: the configured key file does not exist; restore it, or enter the recovery key with 'cicini recover' to write it again.</source>
            <translation>{path}: Die eingestellte Schlüsseldatei gibt es nicht; stellen Sie sie wieder her, oder geben Sie den Wiederherstellungsschlüssel mit 'cicini recover' ein, um sie neu zu schreiben.</translation>
        </message>
        <message>
            <source>{path}: the key file cannot be read; it must hold 64 hex characters and be readable by this account.</source>
            <translation>{path}: Die Schlüsseldatei kann nicht gelesen werden; sie muss 64 Hexadezimalzeichen enthalten und für dieses Benutzerkonto lesbar sein.</translation>
        </message>
        <message>
            <source>{path}: the key file must hold exactly 64 hex characters.</source>
            <translation>{path}: Die Schlüsseldatei muss genau 64 Hexadezimalzeichen enthalten.</translation>
        </message>
        <message>
            <source>Client-certificate sign-in to the clinic server works on Linux desks only (the key is handed to the connection in memory, never as a file); on this computer set server.auth = "password" and keep the password with 'cicini server password'.</source>
            <translation>Die Anmeldung am Praxisserver mit Client-Zertifikat ist nur an Linux-Arbeitsplätzen möglich (der Schlüssel wird der Verbindung im Arbeitsspeicher übergeben, nie als Datei); stellen Sie an diesem Computer server.auth = "password" ein und hinterlegen Sie das Passwort mit „cicini server password“.</translation>
        </message>
    </context>
    <context>
        <name>errors.sync</name>
        <message>
            <source>This clinic is not set up yet; finish onboarding before syncing.</source>
            <translation>Diese Praxis ist noch nicht eingerichtet; schließen Sie die Einrichtung ab, bevor Sie synchronisieren.</translation>
        </message>
    </context>
    <context>
        <name>locale_format</name>
        <message>
            <source>second</source>
            <translation>zweite</translation>
        </message>
        <message>
            <source>first</source>
            <translation>erste</translation>
        </message>
        <message>
            <source> {zone} (the {which} of the two {time}s; the clocks go back that night)</source>
            <translation> {zone} (die {which} der beiden {time}-Zeiten; in dieser Nacht wird die Uhr zurückgestellt)</translation>
        </message>
    </context>
    <context>
        <name>lock_screen</name>
        <message>
            <source>Locked screen</source>
            <translation>Gesperrter Bildschirm</translation>
        </message>
        <message>
            <source>Password to unlock</source>
            <translation>Passwort zum Entsperren</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Other member's username</source>
            <translation>Benutzername des anderen Mitarbeiters</translation>
        </message>
        <message>
            <source>Other member's password</source>
            <translation>Passwort des anderen Mitarbeiters</translation>
        </message>
        <message>
            <source>Switch user</source>
            <translation>Benutzer wechseln</translation>
        </message>
        <message>
            <source>Someone else</source>
            <translation>Jemand anderes</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>&amp;Benutzername</translation>
        </message>
        <message>
            <source>Pass&amp;word</source>
            <translation>Pass&amp;wort</translation>
        </message>
        <message>
            <source>Cicini is locked. {display_name}, type your password to continue.</source>
            <translation>Cicini ist gesperrt. {display_name}, geben Sie Ihr Passwort ein, um fortzufahren.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Wird geprüft…</translation>
        </message>
        <message>
            <source>Unsaved work</source>
            <translation>Nicht gespeicherte Arbeit</translation>
        </message>
        <message>
            <source>{display_name} has unsaved changes. Save them (as {display_name}) before switching, or discard them?</source>
            <translation>{display_name} hat nicht gespeicherte Änderungen. Vor dem Wechsel speichern (als {display_name}) oder verwerfen?</translation>
        </message>
        <message>
            <source>Save and switch</source>
            <translation>Speichern und wechseln</translation>
        </message>
        <message>
            <source>Discard and switch</source>
            <translation>Verwerfen und wechseln</translation>
        </message>
        <message>
            <source>Type the other member's username and password.</source>
            <translation>Geben Sie Benutzername und Passwort des anderen Mitarbeiters ein.</translation>
        </message>
    </context>
    <context>
        <name>main_window</name>
        <message>
            <source>Cicini Desktop — {clinic_name}</source>
            <translation>Cicini Desktop — {clinic_name}</translation>
        </message>
        <message>
            <source> — DEMO DATA</source>
            <translation> — DEMODATEN</translation>
        </message>
        <message>
            <source>Cicini Desktop main window</source>
            <translation>Cicini Desktop Hauptfenster</translation>
        </message>
        <message>
            <source>Navigation</source>
            <translation>Navigation</translation>
        </message>
        <message>
            <source>Current page</source>
            <translation>Aktuelle Seite</translation>
        </message>
        <message>
            <source>DEMO DATA — an invented clinic: every patient and appointment here is made up. Changes are kept in a temporary folder only.</source>
            <translation>DEMODATEN — eine erfundene Praxis: Alle Patienten und Termine hier sind ausgedacht. Änderungen werden nur in einem temporären Ordner gespeichert.</translation>
        </message>
        <message>
            <source>Demo data banner</source>
            <translation>Hinweisleiste Demodaten</translation>
        </message>
        <message>
            <source>Access changed</source>
            <translation>Zugriff geändert</translation>
        </message>
        <message>
            <source>{clinic_name}

Nothing to show for this account.</source>
            <translation>{clinic_name}

Für dieses Konto gibt es nichts anzuzeigen.</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Willkommen</translation>
        </message>
        <message>
            <source>{title} page</source>
            <translation>Seite {title}</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Lock screen</source>
            <translation>Bildschirm &amp;sperren</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>&amp;Abmelden</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Schedule</source>
            <translation>&amp;Kalender</translation>
        </message>
        <message>
            <source>&amp;Appointment</source>
            <translation>&amp;Termin</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>&amp;Gehe zu</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Tastenkürzel</translation>
        </message>
        <message>
            <source>&amp;About Cicini Desktop</source>
            <translation>Ü&amp;ber Cicini Desktop</translation>
        </message>
        <message>
            <source>About Cicini Desktop</source>
            <translation>Über Cicini Desktop</translation>
        </message>
        <message>
            <source>Cicini Desktop {version__}
Medical appointment software.</source>
            <translation>Cicini Desktop {version__}
Software für Terminverwaltung in Arztpraxen.</translation>
        </message>
        <message>
            <source>Signed-in user</source>
            <translation>Angemeldeter Benutzer</translation>
        </message>
        <message>
            <source>Clinic</source>
            <translation>Praxis</translation>
        </message>
        <message>
            <source>Today's date</source>
            <translation>Heutiges Datum</translation>
        </message>
        <message>
            <source>Sync: not set up</source>
            <translation>Synchronisierung: nicht eingerichtet</translation>
        </message>
        <message>
            <source>Sync state</source>
            <translation>Synchronisierungsstatus</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>In Arbeit</translation>
        </message>
        <message>
            <source>Sync: {text}</source>
            <translation>Synchronisierung: {text}</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>In Arbeit…</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>Every action has a key. Single letters (C, A, S, D, X) act on the selected appointment while the schedule has focus; arrows move the cursor in the calendar and Enter books or opens.</source>
            <translation>Jede Aktion hat eine Taste. Einzelne Buchstaben (C, A, S, D, X) wirken auf den ausgewählten Termin, solange der Kalender den Fokus hat; die Pfeiltasten bewegen den Cursor im Kalender, und die Eingabetaste bucht oder öffnet.</translation>
        </message>
        <message>
            <source>Shortcut list</source>
            <translation>Liste der Tastenkürzel</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>Menü</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Tastenkürzel</translation>
        </message>
    </context>
    <context>
        <name>onboarding</name>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
        <message>
            <source>Your organisation</source>
            <translation>Ihre Organisation</translation>
        </message>
        <message>
            <source>The clinic's name and the time zone its calendar runs in.</source>
            <translation>Der Name der Praxis und die Zeitzone ihres Kalenders.</translation>
        </message>
        <message>
            <source>Organisation name</source>
            <translation>Name der Organisation</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>Zeitzone</translation>
        </message>
        <message>
            <source>Organisation &amp;name</source>
            <translation>&amp;Name der Organisation</translation>
        </message>
        <message>
            <source>&amp;Time zone</source>
            <translation>&amp;Zeitzone</translation>
        </message>
        <message>
            <source>Type the organisation's name.</source>
            <translation>Geben Sie den Namen der Organisation ein.</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>Who to contact about this clinic's installation. Stored on this computer only; never sent anywhere. Each field is optional.</source>
            <translation>Ansprechpartner für die Installation dieser Praxis. Wird nur auf diesem Computer gespeichert und nie gesendet. Jedes Feld ist optional.</translation>
        </message>
        <message>
            <source>Contact name</source>
            <translation>Name des Ansprechpartners</translation>
        </message>
        <message>
            <source>Contact email</source>
            <translation>E-Mail des Ansprechpartners</translation>
        </message>
        <message>
            <source>Contact phone</source>
            <translation>Telefon des Ansprechpartners</translation>
        </message>
        <message>
            <source>Contact &amp;name</source>
            <translation>&amp;Name des Ansprechpartners</translation>
        </message>
        <message>
            <source>&amp;Email</source>
            <translation>&amp;E-Mail</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>&amp;Telefon</translation>
        </message>
        <message>
            <source>Your practice manager account</source>
            <translation>Ihr Konto als Praxisleitung</translation>
        </message>
        <message>
            <source>The first account manages staff and roles. The password needs at least {MIN_LENGTH} characters; a few unrelated words work well.</source>
            <translation>Das erste Konto verwaltet Personal und Rollen. Das Passwort braucht mindestens {MIN_LENGTH} Zeichen; einige zusammenhanglose Wörter eignen sich gut.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Ihr Name</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>Passwort wiederholen</translation>
        </message>
        <message>
            <source>Your &amp;name</source>
            <translation>Ihr &amp;Name</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>&amp;Benutzername</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>&amp;Passwort</translation>
        </message>
        <message>
            <source>&amp;Repeat password</source>
            <translation>Passwort &amp;wiederholen</translation>
        </message>
        <message>
            <source>The two passwords differ; type them again.</source>
            <translation>Die beiden Passwörter unterscheiden sich; geben Sie sie erneut ein.</translation>
        </message>
        <message>
            <source>Your recovery key</source>
            <translation>Ihr Wiederherstellungsschlüssel</translation>
        </message>
        <message>
            <source>This key opens the clinic's data if this computer's keystore is lost. It is shown only now: print it or save it as a PDF, and keep it somewhere safe.</source>
            <translation>Dieser Schlüssel öffnet die Daten der Praxis, falls der Schlüsselspeicher dieses Computers verloren geht. Er wird nur jetzt angezeigt: Drucken Sie ihn aus oder speichern Sie ihn als PDF, und bewahren Sie ihn sicher auf.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Wiederherstellungsschlüssel</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Drucken…</translation>
        </message>
        <message>
            <source>Save as P&amp;DF…</source>
            <translation>Als P&amp;DF speichern…</translation>
        </message>
        <message>
            <source>I have printed or saved the recovery key and will keep it safe</source>
            <translation>Ich habe den Wiederherstellungsschlüssel gedruckt oder gespeichert und bewahre ihn sicher auf</translation>
        </message>
        <message>
            <source>Cicini recovery key — {organisation_name}</source>
            <translation>Cicini-Wiederherstellungsschlüssel — {organisation_name}</translation>
        </message>
        <message>
            <source>

Keep this page somewhere safe, away from the computer. Anyone holding it and a copy of the database can read the clinic's data.</source>
            <translation>

Bewahren Sie diese Seite sicher und nicht beim Computer auf. Wer sie und eine Kopie der Datenbank besitzt, kann die Daten der Praxis lesen.</translation>
        </message>
        <message>
            <source>Cicini recovery key</source>
            <translation>Cicini-Wiederherstellungsschlüssel</translation>
        </message>
        <message>
            <source>Saved as PDF.</source>
            <translation>Als PDF gespeichert.</translation>
        </message>
        <message>
            <source>Save the recovery key as PDF</source>
            <translation>Wiederherstellungsschlüssel als PDF speichern</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Sent to the printer.</source>
            <translation>An den Drucker gesendet.</translation>
        </message>
        <message>
            <source>Check the recovery key</source>
            <translation>Wiederherstellungsschlüssel prüfen</translation>
        </message>
        <message>
            <source>Recovery key group</source>
            <translation>Gruppe des Wiederherstellungsschlüssels</translation>
        </message>
        <message>
            <source>From your printed or saved copy, type group number {value} (of {len}).</source>
            <translation>Geben Sie aus Ihrer gedruckten oder gespeicherten Kopie Gruppe Nummer {value} (von {len}) ein.</translation>
        </message>
        <message>
            <source>That group does not match. Check your copy; go Back to see the key again.</source>
            <translation>Diese Gruppe stimmt nicht. Prüfen Sie Ihre Kopie; mit Zurück sehen Sie den Schlüssel erneut.</translation>
        </message>
        <message>
            <source>Next: set up the clinic's week</source>
            <translation>Als Nächstes: die Woche der Praxis einrichten</translation>
        </message>
        <message>
            <source>Nothing can be booked until these steps are done. Open one now (it opens after you sign in), or finish and find them later under Clinic set-up.</source>
            <translation>Es kann nichts gebucht werden, bevor diese Schritte erledigt sind. Öffnen Sie jetzt einen (er öffnet sich nach der Anmeldung), oder schließen Sie ab und finden Sie sie später unter Praxis einrichten.</translation>
        </message>
        <message>
            <source>Set up Cicini</source>
            <translation>Cicini einrichten</translation>
        </message>
        <message>
            <source>Create the clinic</source>
            <translation>Praxis anlegen</translation>
        </message>
    </context>
    <context>
        <name>operations</name>
        <message>
            <source>Something unexpected stopped this action; nothing was changed. Try again, and if it happens again tell IT (details are in the log file).</source>
            <translation>Etwas Unerwartetes hat diese Aktion gestoppt; es wurde nichts geändert. Versuchen Sie es erneut, und wenn es wieder passiert, wenden Sie sich an die IT (Einzelheiten stehen in der Protokolldatei).</translation>
        </message>
        <message>
            <source>The clinic server could not be reached; nothing was saved. Try again when the connection is back.</source>
            <translation>Der Praxisserver war nicht erreichbar; es wurde nichts gespeichert. Versuchen Sie es erneut, sobald die Verbindung wieder besteht.</translation>
        </message>
        <message>
            <source>The connection to the clinic server broke while saving; the server may or may not have kept the change. Check it when the connection is back before doing it again.</source>
            <translation>Die Verbindung zum Praxisserver brach beim Speichern ab; der Server hat die Änderung vielleicht übernommen, vielleicht nicht. Prüfen Sie es, sobald die Verbindung wieder besteht, bevor Sie es erneut tun.</translation>
        </message>
        <message>
            <source>The clinic server could not be reached; try again when the connection is back.</source>
            <translation>Der Praxisserver war nicht erreichbar; versuchen Sie es erneut, sobald die Verbindung wieder besteht.</translation>
        </message>
        <message>
            <source>This action could not be completed</source>
            <translation>Diese Aktion konnte nicht abgeschlossen werden</translation>
        </message>
        <message>
            <source>{label}: not finished</source>
            <translation>{label}: nicht abgeschlossen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
    </context>
    <context>
        <name>patient_editor</name>
        <message>
            <source>This record is restricted, so it cannot be edited here. A practice manager can lift the restriction on the Privacy page; then it can be corrected.</source>
            <translation>Dieser Datensatz ist eingeschränkt und kann hier nicht bearbeitet werden. Eine Praxisleitung kann die Einschränkung auf der Seite Datenschutz aufheben; danach kann er korrigiert werden.</translation>
        </message>
        <message>
            <source>This patient was changed by someone else; reload to see their version, then make your change again.</source>
            <translation>Dieser Patient wurde von jemand anderem geändert; laden Sie neu, um dessen Fassung zu sehen, und nehmen Sie Ihre Änderung dann erneut vor.</translation>
        </message>
        <message>
            <source>No reminders</source>
            <translation>Keine Erinnerungen</translation>
        </message>
        <message>
            <source>By email</source>
            <translation>Per E-Mail</translation>
        </message>
        <message>
            <source>By text message (SMS)</source>
            <translation>Per SMS</translation>
        </message>
        <message>
            <source>Correct patient details</source>
            <translation>Patientendaten korrigieren</translation>
        </message>
        <message>
            <source>Restricted record</source>
            <translation>Eingeschränkter Datensatz</translation>
        </message>
        <message>
            <source>Loading the record…</source>
            <translation>Datensatz wird geladen…</translation>
        </message>
        <message>
            <source>Patient record status</source>
            <translation>Status des Patientendatensatzes</translation>
        </message>
        <message>
            <source>Reminder preference</source>
            <translation>Erinnerungswunsch</translation>
        </message>
        <message>
            <source>Front-desk note</source>
            <translation>Notiz für den Empfang</translation>
        </message>
        <message>
            <source>Practical notes only, e.g. “prefers mornings”.</source>
            <translation>Nur praktische Hinweise, z. B. „bevorzugt vormittags“.</translation>
        </message>
        <message>
            <source>Note length</source>
            <translation>Länge der Notiz</translation>
        </message>
        <message>
            <source>Problem with these details</source>
            <translation>Problem mit diesen Angaben</translation>
        </message>
        <message>
            <source>&amp;Reload</source>
            <translation>&amp;Neu laden</translation>
        </message>
        <message>
            <source>Reload the record</source>
            <translation>Datensatz neu laden</translation>
        </message>
        <message>
            <source>Save the corrections</source>
            <translation>Korrekturen speichern</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Patient details form</source>
            <translation>Formular Patientendaten</translation>
        </message>
        <message>
            <source>&amp;Given name:</source>
            <translation>&amp;Vorname:</translation>
        </message>
        <message>
            <source>&amp;Family name:</source>
            <translation>&amp;Nachname:</translation>
        </message>
        <message>
            <source>Date of &amp;birth:</source>
            <translation>&amp;Geburtsdatum:</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>&amp;Telefon:</translation>
        </message>
        <message>
            <source>E&amp;mail:</source>
            <translation>E-&amp;Mail:</translation>
        </message>
        <message>
            <source>Re&amp;minders:</source>
            <translation>Erin&amp;nerungen:</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>N&amp;otiz:</translation>
        </message>
        <message>
            <source>Correcting the record of {display_name}.</source>
            <translation>Sie korrigieren den Datensatz von {display_name}.</translation>
        </message>
        <message>
            <source>{length} / {NOTE_MAX} characters</source>
            <translation>{length} / {NOTE_MAX} Zeichen</translation>
        </message>
        <message>
            <source>The patient's details were not saved</source>
            <translation>Die Patientendaten wurden nicht gespeichert</translation>
        </message>
    </context>
    <context>
        <name>patient_fields</name>
        <message>
            <source>Given name</source>
            <translation>Vorname</translation>
        </message>
        <message>
            <source>Family name</source>
            <translation>Nachname</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Geburtsdatum</translation>
        </message>
        <message>
            <source>not given</source>
            <translation>nicht angegeben</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <source>e.g. 030 1234567 or +49 30 1234567</source>
            <translation>z. B. 030 1234567 oder +49 30 1234567</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>name@example.org</source>
            <translation>name@example.org</translation>
        </message>
    </context>
    <context>
        <name>patients_page</name>
        <message>
            <source>Correcting patient records needs the “patient.edit” permission.</source>
            <translation>Zum Korrigieren von Patientendaten ist die Berechtigung „patient.edit“ nötig.</translation>
        </message>
        <message>
            <source>Patients page</source>
            <translation>Seite Patienten</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Patients&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Patienten&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patienten</translation>
        </message>
        <message>
            <source>Find a patient by name, phone number (any format), date of birth or patient number (e.g. P 123). {FILE_SHORTCUT} opens the patient file: appointments, attendance, waitlist. To book, go to the Schedule and drag over free time. To correct a patient's details, pick them and press {EDIT_SHORTCUT} (or double-click them).</source>
            <translation>Finden Sie einen Patienten über Name, Telefonnummer (beliebiges Format), Geburtsdatum oder Patientennummer (z. B. P 123). {FILE_SHORTCUT} öffnet die Patientenakte: Termine, Anwesenheit, Warteliste. Zum Buchen gehen Sie in den Kalender und ziehen über freie Zeit. Um die Daten eines Patienten zu korrigieren, wählen Sie ihn und drücken {EDIT_SHORTCUT} (oder doppelklicken).</translation>
        </message>
        <message>
            <source>About this page</source>
            <translation>Über diese Seite</translation>
        </message>
        <message>
            <source>Patient details</source>
            <translation>Patientendaten</translation>
        </message>
        <message>
            <source>Ed&amp;it details…</source>
            <translation>Daten &amp;bearbeiten…</translation>
        </message>
        <message>
            <source>Correct the chosen patient's details</source>
            <translation>Die Daten des gewählten Patienten korrigieren</translation>
        </message>
        <message>
            <source>Correct the chosen patient's details ({EDIT_SHORTCUT})</source>
            <translation>Die Daten des gewählten Patienten korrigieren ({EDIT_SHORTCUT})</translation>
        </message>
        <message>
            <source>Patient &amp;file…</source>
            <translation>Patienten&amp;akte…</translation>
        </message>
        <message>
            <source>Open the chosen patient's file</source>
            <translation>Die Akte des gewählten Patienten öffnen</translation>
        </message>
        <message>
            <source>Appointments, attendance and waitlist ({FILE_SHORTCUT})</source>
            <translation>Termine, Anwesenheit und Warteliste ({FILE_SHORTCUT})</translation>
        </message>
        <message>
            <source>The corrections were saved.</source>
            <translation>Die Korrekturen wurden gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>permissions</name>
        <message>
            <source>See the schedule of the providers in scope.</source>
            <translation>Den Kalender der zugeordneten Behandler sehen.</translation>
        </message>
        <message>
            <source>Book new appointments, single or recurring.</source>
            <translation>Neue Termine buchen, einzeln oder als Serie.</translation>
        </message>
        <message>
            <source>Move, resize and edit appointments; change their status.</source>
            <translation>Termine verschieben, in der Länge ändern und bearbeiten; ihren Status ändern.</translation>
        </message>
        <message>
            <source>Cancel appointments or mark them as no-show.</source>
            <translation>Termine absagen oder als nicht erschienen markieren.</translation>
        </message>
        <message>
            <source>Check patients in when they arrive.</source>
            <translation>Patienten bei Ankunft als anwesend melden.</translation>
        </message>
        <message>
            <source>Save an appointment despite a conflict, with a reason.</source>
            <translation>Einen Termin trotz Überschneidung speichern, mit Begründung.</translation>
        </message>
        <message>
            <source>Set opening hours, closures, rotas, time off, rooms and types.</source>
            <translation>Öffnungszeiten, Schließtage, Dienstpläne, Abwesenheiten, Räume und Terminarten festlegen.</translation>
        </message>
        <message>
            <source>Add, edit and remove waitlist entries.</source>
            <translation>Wartelisteneinträge anlegen, bearbeiten und entfernen.</translation>
        </message>
        <message>
            <source>Find patients and see their contact details.</source>
            <translation>Patienten suchen und ihre Kontaktdaten sehen.</translation>
        </message>
        <message>
            <source>Create and correct patient records.</source>
            <translation>Patientenakten anlegen und berichtigen.</translation>
        </message>
        <message>
            <source>Export patient data.</source>
            <translation>Patientendaten exportieren.</translation>
        </message>
        <message>
            <source>See the staff list.</source>
            <translation>Die Personalliste sehen.</translation>
        </message>
        <message>
            <source>Create, edit, deactivate staff accounts; reset passwords; unlock.</source>
            <translation>Personalkonten anlegen, bearbeiten, deaktivieren; Passwörter zurücksetzen; entsperren.</translation>
        </message>
        <message>
            <source>Create and edit roles and what each role may do.</source>
            <translation>Rollen anlegen und festlegen, was jede Rolle darf.</translation>
        </message>
        <message>
            <source>Read the audit trail.</source>
            <translation>Das Prüfprotokoll lesen.</translation>
        </message>
        <message>
            <source>Export the audit trail to a file.</source>
            <translation>Das Prüfprotokoll in eine Datei exportieren.</translation>
        </message>
        <message>
            <source>Change clinic settings such as the time zone and retention.</source>
            <translation>Praxiseinstellungen wie Zeitzone und Aufbewahrung ändern.</translation>
        </message>
        <message>
            <source>Enrol this installation and run the usage sync.</source>
            <translation>Diese Installation anmelden und die Nutzungsübertragung ausführen.</translation>
        </message>
        <message>
            <source>Make and restore backups, and rotate the database key.</source>
            <translation>Sicherungen anlegen und wiederherstellen, den Datenbankschlüssel wechseln.</translation>
        </message>
        <message>
            <source>Handle privacy requests: access, erasure and restriction.</source>
            <translation>Datenschutzanfragen bearbeiten: Auskunft, Löschung und Einschränkung.</translation>
        </message>
        <message>
            <source>See today's reminders, failures and patients' replies; act on replies and consent.</source>
            <translation>Die heutigen Erinnerungen, Fehler und Antworten der Patienten sehen; Antworten und Einwilligungen bearbeiten.</translation>
        </message>
        <message>
            <source>Set reminder rules, message templates, quiet hours and the email/SMS services.</source>
            <translation>Erinnerungsregeln, Nachrichtenvorlagen, Ruhezeiten und die E-Mail-/SMS-Dienste festlegen.</translation>
        </message>
    </context>
    <context>
        <name>privacy_page</name>
        <message>
            <source>This record is restricted: it cannot be edited, gets no reminders and is left out of exports until the restriction is lifted.</source>
            <translation>Dieser Datensatz ist eingeschränkt: Er kann nicht bearbeitet werden, erhält keine Erinnerungen und wird aus Exporten ausgelassen, bis die Einschränkung aufgehoben ist.</translation>
        </message>
        <message>
            <source>Privacy requests and retention</source>
            <translation>Datenschutzanfragen und Aufbewahrung</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Privacy requests&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Datenschutzanfragen&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>&amp;Patient</source>
            <translation>&amp;Patient</translation>
        </message>
        <message>
            <source>S&amp;taff member</source>
            <translation>&amp;Mitarbeiter</translation>
        </message>
        <message>
            <source>Name, phone or date of birth</source>
            <translation>Name, Telefon oder Geburtsdatum</translation>
        </message>
        <message>
            <source>Find the person</source>
            <translation>Person suchen</translation>
        </message>
        <message>
            <source>People found</source>
            <translation>Gefundene Personen</translation>
        </message>
        <message>
            <source>Restriction notice</source>
            <translation>Hinweis auf Einschränkung</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>&amp;Exportieren…</translation>
        </message>
        <message>
            <source>&amp;Restrict</source>
            <translation>&amp;Einschränken</translation>
        </message>
        <message>
            <source>&amp;Lift restriction</source>
            <translation>Einschränkung &amp;aufheben</translation>
        </message>
        <message>
            <source>E&amp;rase…</source>
            <translation>&amp;Löschen…</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>Aufbewahrung</translation>
        </message>
        <message>
            <source>Keep appointment records at least</source>
            <translation>Termindaten mindestens aufbewahren</translation>
        </message>
        <message>
            <source> years</source>
            <translation> Jahre</translation>
        </message>
        <message>
            <source>no minimum</source>
            <translation>keine Mindestdauer</translation>
        </message>
        <message>
            <source>Minimum retention of appointment records in years</source>
            <translation>Mindestaufbewahrung von Termindaten in Jahren</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>&amp;Preview purge</source>
            <translation>Bereinigung &amp;vorschauen</translation>
        </message>
        <message>
            <source>Purge &amp;now…</source>
            <translation>&amp;Jetzt bereinigen…</translation>
        </message>
        <message>
            <source>  [restricted]</source>
            <translation>  [eingeschränkt]</translation>
        </message>
        <message>
            <source>Folder for the access export</source>
            <translation>Ordner für den Auskunftsexport</translation>
        </message>
        <message>
            <source>Access export written</source>
            <translation>Auskunftsexport geschrieben</translation>
        </message>
        <message>
            <source>Written to {name} and {name2} in {folder}. They hold personal data: hand them over securely and delete your copies.</source>
            <translation>Geschrieben nach {name} und {name2} in {folder}. Sie enthalten personenbezogene Daten: Übergeben Sie sie sicher und löschen Sie Ihre Kopien.</translation>
        </message>
        <message>
            <source>The export could not be written</source>
            <translation>Der Export konnte nicht geschrieben werden</translation>
        </message>
        <message>
            <source>The record was not erased</source>
            <translation>Der Datensatz wurde nicht gelöscht</translation>
        </message>
        <message>
            <source>The purge could not be previewed</source>
            <translation>Die Vorschau der Bereinigung war nicht möglich</translation>
        </message>
        <message>
            <source>Purge now</source>
            <translation>Jetzt bereinigen</translation>
        </message>
        <message>
            <source>Remove everything the retention policy no longer allows to keep?</source>
            <translation>Alles entfernen, was die Aufbewahrungsregel nicht mehr zu behalten erlaubt?</translation>
        </message>
        <message>
            <source>Purging…</source>
            <translation>Wird bereinigt…</translation>
        </message>
        <message>
            <source>Applying the retention policy</source>
            <translation>Aufbewahrungsregel wird angewendet</translation>
        </message>
        <message>
            <source>Purge cancelled: what was removed before stays removed; run it again to finish.</source>
            <translation>Bereinigung abgebrochen: Was bereits entfernt wurde, bleibt entfernt; starten Sie sie erneut, um sie abzuschließen.</translation>
        </message>
    </context>
    <context>
        <name>progress</name>
        <message>
            <source>{count} records written</source>
            <translation>{count} Einträge geschrieben</translation>
        </message>
        <message>
            <source>looking closer</source>
            <translation>genauere Prüfung</translation>
        </message>
        <message>
            <source>{checked} of {total} records checked</source>
            <translation>{checked} von {total} Einträgen geprüft</translation>
        </message>
        <message>
            <source>confirming the finding</source>
            <translation>Befund wird bestätigt</translation>
        </message>
        <message>
            <source>Creating the clinic</source>
            <translation>Praxis wird angelegt</translation>
        </message>
        <message>
            <source>Adding providers, rooms and types</source>
            <translation>Behandler, Räume und Terminarten werden angelegt</translation>
        </message>
        <message>
            <source>Adding patients</source>
            <translation>Patienten werden angelegt</translation>
        </message>
        <message>
            <source>Booking {day}</source>
            <translation>Termine für {day} werden gebucht</translation>
        </message>
        <message>
            <source>Adding waitlist entries</source>
            <translation>Wartelisteneinträge werden angelegt</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>copying the encrypted database</source>
            <translation>verschlüsselte Datenbank wird kopiert</translation>
        </message>
        <message>
            <source>checking the copy</source>
            <translation>Kopie wird geprüft</translation>
        </message>
        <message>
            <source>done</source>
            <translation>fertig</translation>
        </message>
        <message>
            <source>appointments and patients</source>
            <translation>Termine und Patienten</translation>
        </message>
        <message>
            <source>inactive patients</source>
            <translation>inaktive Patienten</translation>
        </message>
        <message>
            <source>audit trail, {removed} records removed</source>
            <translation>Prüfprotokoll, {removed} Einträge entfernt</translation>
        </message>
        <message>
            <source>usage counters and backups</source>
            <translation>Nutzungszähler und Sicherungen</translation>
        </message>
    </context>
    <context>
        <name>recovery</name>
        <message>
            <source>Unlock the clinic's data</source>
            <translation>Die Daten der Praxis entsperren</translation>
        </message>
        <message>
            <source>Unlock with the recovery key</source>
            <translation>Mit dem Wiederherstellungsschlüssel entsperren</translation>
        </message>
        <message>
            <source>Type the recovery key from the sheet printed when the clinic was set up (13 groups of 5 characters; dashes, spaces and case do not matter).</source>
            <translation>Geben Sie den Wiederherstellungsschlüssel vom Blatt ein, das beim Einrichten der Praxis gedruckt wurde (13 Gruppen zu 5 Zeichen; Bindestriche, Leerzeichen und Groß-/Kleinschreibung spielen keine Rolle).</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>Was passiert ist</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Wiederherstellungsschlüssel</translation>
        </message>
        <message>
            <source>XXXXX-XXXXX-XXXXX-…</source>
            <translation>XXXXX-XXXXX-XXXXX-…</translation>
        </message>
        <message>
            <source>Recovery key problem</source>
            <translation>Problem mit dem Wiederherstellungsschlüssel</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>&amp;Entsperren</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
    </context>
    <context>
        <name>reminders.consent_widget</name>
        <message>
            <source>said at the desk or on the phone</source>
            <translation>am Empfang oder am Telefon gesagt</translation>
        </message>
        <message>
            <source>signed on a form</source>
            <translation>auf einem Formular unterschrieben</translation>
        </message>
        <message>
            <source>replied STOP</source>
            <translation>mit STOP geantwortet</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>importiert</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Erinnerungen</translation>
        </message>
        <message>
            <source>Consent to appointment reminders</source>
            <translation>Einwilligung in Terminerinnerungen</translation>
        </message>
        <message>
            <source>Where the consent comes from</source>
            <translation>Herkunft der Einwilligung</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Einwilligung</translation>
        </message>
        <message>
            <source>by &amp;email</source>
            <translation>per &amp;E-Mail</translation>
        </message>
        <message>
            <source>by &amp;SMS</source>
            <translation>per &amp;SMS</translation>
        </message>
        <message>
            <source>Send reminders {label}</source>
            <translation>Erinnerungen {label} senden</translation>
        </message>
        <message>
            <source>Reminders by {value}</source>
            <translation>Erinnerungen per {value}</translation>
        </message>
        <message>
            <source>no consent recorded</source>
            <translation>keine Einwilligung erfasst</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>opted out</source>
            <translation>abgemeldet</translation>
        </message>
        <message>
            <source>{verb}: {source}, {day}</source>
            <translation>{verb}: {source}, {day}</translation>
        </message>
    </context>
    <context>
        <name>reminders.desk</name>
        <message>
            <source>The sending was interrupted; it may or may not have arrived. Call to check.</source>
            <translation>Der Versand wurde unterbrochen; die Nachricht ist vielleicht angekommen, vielleicht auch nicht. Rufen Sie zur Sicherheit an.</translation>
        </message>
        <message>
            <source>It could not be sent in time.</source>
            <translation>Sie konnte nicht rechtzeitig versandt werden.</translation>
        </message>
        <message>
            <source>The message template has an error; ask the practice manager.</source>
            <translation>Die Nachrichtenvorlage enthält einen Fehler; wenden Sie sich an die Praxisleitung.</translation>
        </message>
        <message>
            <source>The patient opted out of this channel.</source>
            <translation>Der Patient hat diesen Kanal abbestellt.</translation>
        </message>
        <message>
            <source>The patient has no address for this channel.</source>
            <translation>Für diesen Kanal ist beim Patienten keine Adresse hinterlegt.</translation>
        </message>
        <message>
            <source>The patient's record is restricted: no reminders.</source>
            <translation>Der Datensatz des Patienten ist eingeschränkt: keine Erinnerungen.</translation>
        </message>
        <message>
            <source>The mail server refused the sign-in; check the email settings.</source>
            <translation>Der Mailserver hat die Anmeldung abgelehnt; prüfen Sie die E-Mail-Einstellungen.</translation>
        </message>
        <message>
            <source>The service could not be reached.</source>
            <translation>Der Dienst war nicht erreichbar.</translation>
        </message>
        <message>
            <source>The connection was lost while sending.</source>
            <translation>Die Verbindung brach beim Senden ab.</translation>
        </message>
        <message>
            <source>The phone network could not deliver the SMS.</source>
            <translation>Das Mobilfunknetz konnte die SMS nicht zustellen.</translation>
        </message>
        <message>
            <source>The service refused the message for good ({code}); check the address.</source>
            <translation>Der Dienst hat die Nachricht endgültig abgelehnt ({code}); prüfen Sie die Adresse.</translation>
        </message>
        <message>
            <source>A temporary problem ({code}); it is tried again.</source>
            <translation>Ein vorübergehendes Problem ({code}); der Versand wird erneut versucht.</translation>
        </message>
    </context>
    <context>
        <name>reminders.desk_panel</name>
        <message>
            <source>due</source>
            <translation>fällig</translation>
        </message>
        <message>
            <source>sending</source>
            <translation>wird gesendet</translation>
        </message>
        <message>
            <source>sent</source>
            <translation>gesendet</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>replaced</source>
            <translation>ersetzt</translation>
        </message>
        <message>
            <source>too late</source>
            <translation>zu spät</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation>nicht gesendet</translation>
        </message>
        <message>
            <source>confirms</source>
            <translation>bestätigt</translation>
        </message>
        <message>
            <source>cancels</source>
            <translation>sagt ab</translation>
        </message>
        <message>
            <source>stop</source>
            <translation>Stopp</translation>
        </message>
        <message>
            <source>message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Reminders at the desk</source>
            <translation>Erinnerungen am Empfang</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Reminders&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Erinnerungen&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>Reminders summary</source>
            <translation>Übersicht Erinnerungen</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Replies needing a person</source>
            <translation>Antworten, die eine Person brauchen</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Empfangen</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Antwort</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>&amp;Dealt with</source>
            <translation>&amp;Erledigt</translation>
        </message>
        <message>
            <source>The reply was handled (called back, moved, cancelled).</source>
            <translation>Die Antwort wurde bearbeitet (zurückgerufen, verschoben, abgesagt).</translation>
        </message>
        <message>
            <source>Failures (last 7 days)</source>
            <translation>Fehlschläge (letzte 7 Tage)</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>Was passiert ist</translation>
        </message>
        <message>
            <source>Reminders that failed</source>
            <translation>Fehlgeschlagene Erinnerungen</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Today's reminders</source>
            <translation>Heutige Erinnerungen</translation>
        </message>
        <message>
            <source>{sent} sent today · {len} failed · {len2} replies to handle</source>
            <translation>{sent} heute gesendet · {len} fehlgeschlagen · {len2} Antworten zu bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>reminders.offset</name>
        <message>
            <source>1 day before</source>
            <translation>1 Tag vorher</translation>
        </message>
        <message>
            <source>{days} days before</source>
            <translation>{days} Tage vorher</translation>
        </message>
        <message>
            <source>1 hour before</source>
            <translation>1 Stunde vorher</translation>
        </message>
        <message>
            <source>{hours} hours before</source>
            <translation>{hours} Stunden vorher</translation>
        </message>
        <message>
            <source>{minutes} minutes before</source>
            <translation>{minutes} Minuten vorher</translation>
        </message>
    </context>
    <context>
        <name>reminders.processors_widget</name>
        <message>
            <source>No email or SMS service is set up for reminders, so no patient data goes to one.</source>
            <translation>Für Erinnerungen ist kein E-Mail- oder SMS-Dienst eingerichtet, daher gehen keine Patientendaten an einen solchen.</translation>
        </message>
        <message>
            <source>Services that send reminders for the clinic (processors)</source>
            <translation>Dienste, die Erinnerungen für die Praxis senden (Auftragsverarbeiter)</translation>
        </message>
        <message>
            <source>Reminder processors and what each receives</source>
            <translation>Auftragsverarbeiter für Erinnerungen und was jeder erhält</translation>
        </message>
        <message>
            <source> (set up, reminders switched off)</source>
            <translation> (eingerichtet, Erinnerungen ausgeschaltet)</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;{escape}&lt;/b&gt;{state} receives:&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;{escape}&lt;/b&gt;{state} erhält:&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;Never the surname, date of birth, service, provider or notes.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Niemals den Nachnamen, das Geburtsdatum, die Leistung, den Behandler oder Notizen.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>reminders.rules_page</name>
        <message>
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>Minuten</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>Stunden</translation>
        </message>
        <message>
            <source>days</source>
            <translation>Tage</translation>
        </message>
        <message>
            <source>Reminder rules, messages and sending</source>
            <translation>Erinnerungsregeln, Nachrichten und Versand</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Appointment reminders&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Terminerinnerungen&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>Reminder topics</source>
            <translation>Themen der Erinnerungen</translation>
        </message>
        <message>
            <source>&amp;Rules</source>
            <translation>&amp;Regeln</translation>
        </message>
        <message>
            <source>&amp;Messages</source>
            <translation>&amp;Nachrichten</translation>
        </message>
        <message>
            <source>&amp;Sending</source>
            <translation>&amp;Versand</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Termine</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <source>Reminder rules</source>
            <translation>Erinnerungsregeln</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>Rule name</source>
            <translation>Name der Regel</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <source>&amp;Channel</source>
            <translation>&amp;Kanal</translation>
        </message>
        <message>
            <source>How long before</source>
            <translation>Wie lange vorher</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message>
            <source>before the appointment</source>
            <translation>vor dem Termin</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Gesendet</translation>
        </message>
        <message>
            <source>Appointment type the rule applies to</source>
            <translation>Terminart, für die die Regel gilt</translation>
        </message>
        <message>
            <source>&amp;Appointments</source>
            <translation>&amp;Termine</translation>
        </message>
        <message>
            <source>&amp;New rule</source>
            <translation>&amp;Neue Regel</translation>
        </message>
        <message>
            <source>Save &amp;rule</source>
            <translation>&amp;Regel speichern</translation>
        </message>
        <message>
            <source>Every appointment type</source>
            <translation>Jede Terminart</translation>
        </message>
        <message>
            <source>every type</source>
            <translation>jede Art</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <source>Template language</source>
            <translation>Sprache der Vorlage</translation>
        </message>
        <message>
            <source>Template channel</source>
            <translation>Kanal der Vorlage</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>Email subject</source>
            <translation>Betreff der E-Mail</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>Message text</source>
            <translation>Nachrichtentext</translation>
        </message>
        <message>
            <source>HTML version (optional)</source>
            <translation>HTML-Fassung (optional)</translation>
        </message>
        <message>
            <source>Message HTML</source>
            <translation>Nachricht als HTML</translation>
        </message>
        <message>
            <source>Values a message can use: {names}. Nothing else reaches a message: never the surname, date of birth, service, provider or notes.</source>
            <translation>Werte, die eine Nachricht verwenden kann: {names}. Nichts anderes gelangt in eine Nachricht: niemals der Nachname, das Geburtsdatum, die Leistung, der Behandler oder Notizen.</translation>
        </message>
        <message>
            <source>Back to the &amp;shipped wording</source>
            <translation>Zurück zum &amp;mitgelieferten Wortlaut</translation>
        </message>
        <message>
            <source>Save &amp;message</source>
            <translation>&amp;Nachricht speichern</translation>
        </message>
        <message>
            <source>&lt;b&gt;Preview&lt;/b&gt; (sample patient and appointment)</source>
            <translation>&lt;b&gt;Vorschau&lt;/b&gt; (Beispielpatient und -termin)</translation>
        </message>
        <message>
            <source>Message preview</source>
            <translation>Vorschau der Nachricht</translation>
        </message>
        <message>
            <source>Message length</source>
            <translation>Länge der Nachricht</translation>
        </message>
        <message>
            <source>Template problem</source>
            <translation>Problem mit der Vorlage</translation>
        </message>
        <message>
            <source>Subject: {subject}</source>
            <translation>Betreff: {subject}</translation>
        </message>
        <message numerus="yes">
            <source>{len} characters, %n SMS part(s) ({encoding})</source>
            <translation>
                <numerusform>{len} Zeichen, %n SMS-Teil ({encoding})</numerusform>
                <numerusform>{len} Zeichen, %n SMS-Teile ({encoding})</numerusform>
            </translation>
        </message>
        <message>
            <source>{len} characters</source>
            <translation>{len} Zeichen</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Erinnerungen</translation>
        </message>
        <message>
            <source>Send reminders</source>
            <translation>Erinnerungen senden</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Sprache</translation>
        </message>
        <message>
            <source>Phone number patients call</source>
            <translation>Telefonnummer, die Patienten anrufen</translation>
        </message>
        <message>
            <source>Clinic &amp;phone</source>
            <translation>&amp;Telefon der Praxis</translation>
        </message>
        <message>
            <source>Quiet hours from</source>
            <translation>Ruhezeit von</translation>
        </message>
        <message>
            <source>Quiet hours to</source>
            <translation>Ruhezeit bis</translation>
        </message>
        <message>
            <source>to</source>
            <translation>bis</translation>
        </message>
        <message>
            <source>&amp;Quiet hours</source>
            <translation>&amp;Ruhezeit</translation>
        </message>
        <message>
            <source> min after the last change</source>
            <translation> Min. nach der letzten Änderung</translation>
        </message>
        <message>
            <source>&amp;Wait</source>
            <translation>&amp;Warten</translation>
        </message>
        <message>
            <source>Greet the patient by first name</source>
            <translation>Patienten mit Vornamen begrüßen</translation>
        </message>
        <message>
            <source>goes to the front desk</source>
            <translation>geht an den Empfang</translation>
        </message>
        <message>
            <source>cancels the appointment</source>
            <translation>sagt den Termin ab</translation>
        </message>
        <message>
            <source>An SMS reply NO</source>
            <translation>Eine SMS-Antwort NEIN</translation>
        </message>
        <message>
            <source>Mail server (SMTP)</source>
            <translation>Mailserver (SMTP)</translation>
        </message>
        <message>
            <source>none (this computer only)</source>
            <translation>keiner (nur dieser Computer)</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Sender address</source>
            <translation>Absenderadresse</translation>
        </message>
        <message>
            <source>Extra CA file</source>
            <translation>Zusätzliche CA-Datei</translation>
        </message>
        <message>
            <source>Mail {lower}</source>
            <translation>Mail: {lower}</translation>
        </message>
        <message>
            <source>Store in keystore</source>
            <translation>Im Schlüsselspeicher ablegen</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>SMS provider</source>
            <translation>SMS-Anbieter</translation>
        </message>
        <message>
            <source>https://api.twilio.com</source>
            <translation>https://api.twilio.com</translation>
        </message>
        <message>
            <source>API address</source>
            <translation>API-Adresse</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Sending number</source>
            <translation>Absendernummer</translation>
        </message>
        <message>
            <source>SMS {lower}</source>
            <translation>SMS: {lower}</translation>
        </message>
        <message>
            <source>Token</source>
            <translation>Token</translation>
        </message>
        <message>
            <source>Save &amp;settings</source>
            <translation>&amp;Einstellungen speichern</translation>
        </message>
        <message>
            <source>stored</source>
            <translation>gespeichert</translation>
        </message>
        <message>
            <source>not stored</source>
            <translation>nicht gespeichert</translation>
        </message>
    </context>
    <context>
        <name>retention</name>
        <message>
            <source>appointment record(s) past retention</source>
            <translation>Termindaten nach Ablauf der Aufbewahrungsfrist</translation>
        </message>
        <message>
            <source>inactive patient record(s)</source>
            <translation>Datensätze inaktiver Patienten</translation>
        </message>
        <message>
            <source>audit record(s) past retention</source>
            <translation>Protokolleinträge nach Ablauf der Aufbewahrungsfrist</translation>
        </message>
        <message>
            <source>network hash(es) in audit records</source>
            <translation>Netzwerk-Hashes in Protokolleinträgen</translation>
        </message>
        <message>
            <source>day(s) of usage counters already sent</source>
            <translation>Tage mit bereits gesendeten Nutzungszählern</translation>
        </message>
        <message>
            <source>automatic backup(s) beyond the newest kept</source>
            <translation>automatische Sicherungen über die neuesten aufbewahrten hinaus</translation>
        </message>
        <message>
            <source>Would remove {count} {what}.</source>
            <translation>{what}: {count} zu entfernen.</translation>
        </message>
        <message>
            <source>Removed {count} {what}.</source>
            <translation>{what}: {count} entfernt.</translation>
        </message>
    </context>
    <context>
        <name>roles_page</name>
        <message>
            <source>Role permissions</source>
            <translation>Berechtigungen der Rollen</translation>
        </message>
        <message>
            <source>Roles status</source>
            <translation>Status der Rollen</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>&amp;Cancel changes</source>
            <translation>Änderungen &amp;verwerfen</translation>
        </message>
        <message>
            <source>&amp;New role…</source>
            <translation>&amp;Neue Rolle…</translation>
        </message>
        <message>
            <source>C&amp;opy role…</source>
            <translation>Rolle k&amp;opieren…</translation>
        </message>
        <message>
            <source>&amp;Rename…</source>
            <translation>&amp;Umbenennen…</translation>
        </message>
        <message>
            <source>&amp;Delete role</source>
            <translation>Rolle &amp;löschen</translation>
        </message>
        <message>
            <source>Permission</source>
            <translation>Berechtigung</translation>
        </message>
        <message>
            <source>Unsaved changes: Save to apply them, Cancel to undo.</source>
            <translation>Nicht gespeicherte Änderungen: Speichern übernimmt sie, Verwerfen macht sie rückgängig.</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Wird gespeichert…</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>The roles were not saved</source>
            <translation>Die Rollen wurden nicht gespeichert</translation>
        </message>
        <message>
            <source>Role name:</source>
            <translation>Name der Rolle:</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Nicht gespeicherte Änderungen</translation>
        </message>
        <message>
            <source>Discard the unsaved ticks in the matrix?</source>
            <translation>Die nicht gespeicherten Häkchen in der Tabelle verwerfen?</translation>
        </message>
        <message>
            <source>New role</source>
            <translation>Neue Rolle</translation>
        </message>
        <message>
            <source>Copy role</source>
            <translation>Rolle kopieren</translation>
        </message>
        <message>
            <source>{name} (copy)</source>
            <translation>{name} (Kopie)</translation>
        </message>
        <message>
            <source>Rename role</source>
            <translation>Rolle umbenennen</translation>
        </message>
        <message>
            <source>The role was not changed</source>
            <translation>Die Rolle wurde nicht geändert</translation>
        </message>
    </context>
    <context>
        <name>schedule.actions</name>
        <message>
            <source>&amp;Book at cursor…</source>
            <translation>Am Cursor &amp;buchen…</translation>
        </message>
        <message>
            <source>&amp;Open appointment</source>
            <translation>Termin ö&amp;ffnen</translation>
        </message>
        <message>
            <source>&amp;Confirm</source>
            <translation>&amp;Bestätigen</translation>
        </message>
        <message>
            <source>Patient &amp;arrived (check in)</source>
            <translation>Patient &amp;angekommen (einchecken)</translation>
        </message>
        <message>
            <source>&amp;In progress</source>
            <translation>&amp;In Behandlung</translation>
        </message>
        <message>
            <source>Co&amp;mpleted</source>
            <translation>Abgeschlos&amp;sen</translation>
        </message>
        <message>
            <source>&amp;No-show</source>
            <translation>&amp;Nicht erschienen</translation>
        </message>
        <message>
            <source>Cance&amp;l appointment…</source>
            <translation>Termin abs&amp;agen…</translation>
        </message>
        <message>
            <source>&amp;Reschedule…</source>
            <translation>&amp;Verschieben…</translation>
        </message>
        <message>
            <source>Patient f&amp;ile…</source>
            <translation>Patienten&amp;akte…</translation>
        </message>
        <message>
            <source>Cu&amp;t appointment (to move it)</source>
            <translation>Termin aus&amp;schneiden (zum Verschieben)</translation>
        </message>
        <message>
            <source>Paste appointment at the cursor</source>
            <translation>Termin am Cursor einfügen</translation>
        </message>
        <message>
            <source>Move earlier by one grid step</source>
            <translation>Um einen Rasterschritt früher</translation>
        </message>
        <message>
            <source>Move later by one grid step</source>
            <translation>Um einen Rasterschritt später</translation>
        </message>
        <message>
            <source>Move to the column on the left</source>
            <translation>In die Spalte links verschieben</translation>
        </message>
        <message>
            <source>Move to the column on the right</source>
            <translation>In die Spalte rechts verschieben</translation>
        </message>
        <message>
            <source>&amp;Undo last move or resize</source>
            <translation>Letztes Verschieben oder Ändern der Länge &amp;rückgängig</translation>
        </message>
        <message>
            <source>&amp;Today</source>
            <translation>&amp;Heute</translation>
        </message>
        <message>
            <source>&amp;Previous day/week/month</source>
            <translation>&amp;Vorheriger Tag/Woche/Monat</translation>
        </message>
        <message>
            <source>Ne&amp;xt day/week/month</source>
            <translation>Nä&amp;chster Tag/Woche/Monat</translation>
        </message>
        <message>
            <source>&amp;Go to date…</source>
            <translation>&amp;Gehe zu Datum…</translation>
        </message>
        <message>
            <source>&amp;Day view</source>
            <translation>&amp;Tagesansicht</translation>
        </message>
        <message>
            <source>&amp;Week view</source>
            <translation>&amp;Wochenansicht</translation>
        </message>
        <message>
            <source>&amp;Month overview</source>
            <translation>&amp;Monatsübersicht</translation>
        </message>
        <message>
            <source>Choose p&amp;roviders…</source>
            <translation>Be&amp;handler wählen…</translation>
        </message>
        <message>
            <source>&amp;Find a slot</source>
            <translation>&amp;Freien Termin suchen</translation>
        </message>
        <message>
            <source>Go to today's a&amp;rrivals</source>
            <translation>Zu den heutigen An&amp;künften</translation>
        </message>
        <message>
            <source>Go to the &amp;waitlist</source>
            <translation>Zur &amp;Warteliste</translation>
        </message>
        <message>
            <source>&amp;Print or save day sheet…</source>
            <translation>Tagesliste &amp;drucken oder speichern…</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Change time &amp;grid (5/10/15 min)</source>
            <translation>Zeit&amp;raster ändern (5/10/15 Min.)</translation>
        </message>
    </context>
    <context>
        <name>schedule.appointment_dialog</name>
        <message>
            <source>{length} / {NOTE_MAX} characters: {over} too many; shorten the note to save it.</source>
            <translation>{length} / {NOTE_MAX} Zeichen: {over} zu viel; kürzen Sie die Notiz, um sie zu speichern.</translation>
        </message>
        <message>
            <source>{length} / {NOTE_MAX} characters</source>
            <translation>{length} / {NOTE_MAX} Zeichen</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Appointment details</source>
            <translation>Termindetails</translation>
        </message>
        <message>
            <source>Appointment summary</source>
            <translation>Terminübersicht</translation>
        </message>
        <message>
            <source>Front-desk &amp;note:</source>
            <translation>&amp;Notiz für den Empfang:</translation>
        </message>
        <message>
            <source>Front-desk note</source>
            <translation>Notiz für den Empfang</translation>
        </message>
        <message>
            <source>Note length</source>
            <translation>Länge der Notiz</translation>
        </message>
        <message>
            <source>&amp;Save note</source>
            <translation>Notiz &amp;speichern</translation>
        </message>
        <message>
            <source>Save note</source>
            <translation>Notiz speichern</translation>
        </message>
        <message>
            <source>Loading the note…</source>
            <translation>Notiz wird geladen…</translation>
        </message>
        <message>
            <source>&amp;Reschedule… (Ctrl+R)</source>
            <translation>&amp;Verschieben… (Strg+R)</translation>
        </message>
        <message>
            <source>Reschedule</source>
            <translation>Verschieben</translation>
        </message>
        <message>
            <source>Patient &amp;file… (Ctrl+I)</source>
            <translation>Patienten&amp;akte… (Strg+I)</translation>
        </message>
        <message>
            <source>Patient file</source>
            <translation>Patientenakte</translation>
        </message>
        <message>
            <source>Note saved.</source>
            <translation>Notiz gespeichert.</translation>
        </message>
        <message>
            <source>The note was not saved</source>
            <translation>Die Notiz wurde nicht gespeichert</translation>
        </message>
    </context>
    <context>
        <name>schedule.appointment_list</name>
        <message>
            <source>Appointment list</source>
            <translation>Terminliste</translation>
        </message>
        <message>
            <source>Appointment list summary</source>
            <translation>Übersicht der Terminliste</translation>
        </message>
        <message>
            <source>Appointments shown in the calendar</source>
            <translation>Im Kalender angezeigte Termine</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) shown, in time order.</source>
            <translation>
                <numerusform>%n Termin angezeigt, nach Uhrzeit sortiert.</numerusform>
                <numerusform>%n Termine angezeigt, nach Uhrzeit sortiert.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.arrivals</name>
        <message>
            <source>Today's arrivals</source>
            <translation>Heutige Ankünfte</translation>
        </message>
        <message>
            <source>Arrivals summary</source>
            <translation>Übersicht Ankünfte</translation>
        </message>
        <message>
            <source>Today's arrivals list</source>
            <translation>Liste der heutigen Ankünfte</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Bei</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>Check &amp;in selected patient (A)</source>
            <translation>Ausgewählten Patienten e&amp;inchecken (A)</translation>
        </message>
        <message>
            <source>Check in selected patient</source>
            <translation>Ausgewählten Patienten einchecken</translation>
        </message>
        <message>
            <source>Waiting ({len})</source>
            <translation>Wartend ({len})</translation>
        </message>
        <message>
            <source>Expected next ({len})</source>
            <translation>Als Nächstes erwartet ({len})</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} Min.</translation>
        </message>
        <message>
            <source>late</source>
            <translation>verspätet</translation>
        </message>
        <message>
            <source>next</source>
            <translation>als Nächstes</translation>
        </message>
        <message>
            <source>{len} waiting, {len2} still expected today. Select a patient and press A (or Enter here) to check them in.</source>
            <translation>{len} wartend, {len2} heute noch erwartet. Wählen Sie einen Patienten und drücken Sie A (oder hier die Eingabetaste), um ihn einzuchecken.</translation>
        </message>
    </context>
    <context>
        <name>schedule.booking_dialog</name>
        <message>
            <source>Does not repeat</source>
            <translation>Keine Wiederholung</translation>
        </message>
        <message>
            <source>Every day</source>
            <translation>Jeden Tag</translation>
        </message>
        <message>
            <source>Every week</source>
            <translation>Jede Woche</translation>
        </message>
        <message>
            <source>Every 2 weeks</source>
            <translation>Alle 2 Wochen</translation>
        </message>
        <message>
            <source>Every month (same date)</source>
            <translation>Jeden Monat (gleiches Datum)</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) booked.</source>
            <translation>
                <numerusform>Termin gebucht.</numerusform>
                <numerusform>%n Termine gebucht.</numerusform>
            </translation>
        </message>
        <message>
            <source>Book an appointment</source>
            <translation>Einen Termin buchen</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Behandler</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <source>Start time</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <source>Duration in minutes</source>
            <translation>Dauer in Minuten</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Appointment type</source>
            <translation>Terminart</translation>
        </message>
        <message>
            <source>Choose a type…</source>
            <translation>Terminart wählen…</translation>
        </message>
        <message>
            <source>{name} ({duration_minutes} min)</source>
            <translation>{name} ({duration_minutes} Min.)</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Raum</translation>
        </message>
        <message>
            <source>No room needed</source>
            <translation>Kein Raum nötig</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Short front-desk note (optional, up to {NOTE_MAX} characters)</source>
            <translation>Kurze Notiz für den Empfang (optional, bis {NOTE_MAX} Zeichen)</translation>
        </message>
        <message>
            <source>Note length</source>
            <translation>Länge der Notiz</translation>
        </message>
        <message>
            <source>Attendance of the patient</source>
            <translation>Anwesenheit des Patienten</translation>
        </message>
        <message>
            <source>Patient &amp;file…</source>
            <translation>Patienten&amp;akte…</translation>
        </message>
        <message>
            <source>Open the patient file</source>
            <translation>Patientenakte öffnen</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>Hinweis</translation>
        </message>
        <message>
            <source>Repeat</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Number of appointments in the series</source>
            <translation>Anzahl der Termine der Serie</translation>
        </message>
        <message>
            <source> times</source>
            <translation> Mal</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Konflikte</translation>
        </message>
        <message>
            <source>Occurrences of the series</source>
            <translation>Termine der Serie</translation>
        </message>
        <message>
            <source>Book despite the conflict</source>
            <translation>Trotz Konflikt buchen</translation>
        </message>
        <message>
            <source>Reason for booking despite the conflict</source>
            <translation>Grund für die Buchung trotz Konflikt</translation>
        </message>
        <message>
            <source>Why it is fine (required)</source>
            <translation>Warum es in Ordnung ist (Pflicht)</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>&amp;Patient:</source>
            <translation>&amp;Patient:</translation>
        </message>
        <message>
            <source>&amp;Type:</source>
            <translation>&amp;Art:</translation>
        </message>
        <message>
            <source>Pro&amp;vider:</source>
            <translation>Be&amp;handler:</translation>
        </message>
        <message>
            <source>&amp;When:</source>
            <translation>&amp;Wann:</translation>
        </message>
        <message>
            <source>&amp;Room:</source>
            <translation>&amp;Raum:</translation>
        </message>
        <message>
            <source>N&amp;ote:</source>
            <translation>N&amp;otiz:</translation>
        </message>
        <message>
            <source>Re&amp;peat:</source>
            <translation>Wieder&amp;holen:</translation>
        </message>
        <message>
            <source>&amp;Book</source>
            <translation>&amp;Buchen</translation>
        </message>
        <message>
            <source>Book</source>
            <translation>Buchen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>&lt;b&gt;New appointment&lt;/b&gt; — find the patient, choose the type, check the time, then Book.</source>
            <translation>&lt;b&gt;Neuer Termin&lt;/b&gt; — Patienten suchen, Terminart wählen, Zeit prüfen, dann Buchen.</translation>
        </message>
        <message>
            <source>New appointment</source>
            <translation>Neuer Termin</translation>
        </message>
        <message>
            <source>{length} / {NOTE_MAX}: {over} too many</source>
            <translation>{length} / {NOTE_MAX}: {over} zu viel</translation>
        </message>
        <message>
            <source>Attendance: {sentence}.</source>
            <translation>Anwesenheit: {sentence}.</translation>
        </message>
        <message>
            <source>Choose the patient: type their name and pick them from the list.</source>
            <translation>Wählen Sie den Patienten: Namen eingeben und aus der Liste wählen.</translation>
        </message>
        <message>
            <source>Choose the appointment type.</source>
            <translation>Wählen Sie die Terminart.</translation>
        </message>
        <message>
            <source>The note is {length} characters long; shorten it to {NOTE_MAX} or fewer (nothing is cut for you).</source>
            <translation>Die Notiz ist {length} Zeichen lang; kürzen Sie sie auf höchstens {NOTE_MAX} (es wird nichts automatisch abgeschnitten).</translation>
        </message>
        <message>
            <source>free</source>
            <translation>frei</translation>
        </message>
        <message>
            <source>⚠ Will be skipped — </source>
            <translation>⚠ Wird übersprungen — </translation>
        </message>
        <message>
            <source>✓ No conflicts: this time is free.</source>
            <translation>✓ Keine Konflikte: Diese Zeit ist frei.</translation>
        </message>
        <message>
            <source>{conflicting} of {total} occurrences conflict; they will be skipped unless you book despite the conflict.</source>
            <translation>{conflicting} von {total} Terminen haben einen Konflikt; sie werden übersprungen, außer Sie buchen trotz Konflikt.</translation>
        </message>
    </context>
    <context>
        <name>schedule.calendar_grid</name>
        <message>
            <source>Schedule</source>
            <translation>Kalender</translation>
        </message>
        <message>
            <source>Calendar grid. Arrow keys move the cursor, Enter books or opens, drag to book, move or resize.</source>
            <translation>Kalenderraster. Pfeiltasten bewegen den Cursor, die Eingabetaste bucht oder öffnet, Ziehen bucht, verschiebt oder ändert die Länge.</translation>
        </message>
    </context>
    <context>
        <name>schedule.cancel_dialog</name>
        <message>
            <source>Cancel appointment</source>
            <translation>Termin absagen</translation>
        </message>
        <message>
            <source>Cancellation reason</source>
            <translation>Grund der Absage</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Grund:</translation>
        </message>
        <message>
            <source>Cancel the &amp;appointment</source>
            <translation>&amp;Termin absagen</translation>
        </message>
        <message>
            <source>Cancel the appointment</source>
            <translation>Den Termin absagen</translation>
        </message>
        <message>
            <source>&amp;Keep it</source>
            <translation>&amp;Behalten</translation>
        </message>
        <message>
            <source>Keep the appointment</source>
            <translation>Den Termin behalten</translation>
        </message>
    </context>
    <context>
        <name>schedule.day_notice</name>
        <message>
            <source>Schedule notice</source>
            <translation>Hinweis zum Kalender</translation>
        </message>
        <message>
            <source>Why nothing can be booked</source>
            <translation>Warum nichts gebucht werden kann</translation>
        </message>
        <message>
            <source>Go to the next open day</source>
            <translation>Zum nächsten geöffneten Tag</translation>
        </message>
        <message>
            <source>Closed on {day}: no provider works that day.</source>
            <translation>Geschlossen am {day}: An diesem Tag arbeitet kein Behandler.</translation>
        </message>
        <message>
            <source> No open day in the next 90 days; check the opening hours and rotas.</source>
            <translation> Kein geöffneter Tag in den nächsten 90 Tagen; prüfen Sie Öffnungszeiten und Dienstpläne.</translation>
        </message>
        <message>
            <source>Go to the next open day: {day}</source>
            <translation>Zum nächsten geöffneten Tag: {day}</translation>
        </message>
    </context>
    <context>
        <name>schedule.day_sheet</name>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Raum</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n Termin</numerusform>
                <numerusform>%n Termine</numerusform>
            </translation>
        </message>
        <message>
            <source>{clinic_name} · {count} · confidential: contains patient data</source>
            <translation>{clinic_name} · {count} · vertraulich: enthält Patientendaten</translation>
        </message>
        <message>
            <source>No appointments.</source>
            <translation>Keine Termine.</translation>
        </message>
        <message>
            <source>Day sheet</source>
            <translation>Tagesliste</translation>
        </message>
    </context>
    <context>
        <name>schedule.describe</name>
        <message>
            <source> with {name}</source>
            <translation> bei {name}</translation>
        </message>
        <message>
            <source>Status: {status_label}</source>
            <translation>Status: {status_label}</translation>
        </message>
        <message>
            <source>Room: {room_name}</source>
            <translation>Raum: {room_name}</translation>
        </message>
        <message>
            <source>Note: {note}</source>
            <translation>Notiz: {note}</translation>
        </message>
        <message>
            <source>Has a front-desk note (printed on the day sheet).</source>
            <translation>Hat eine Notiz für den Empfang (auf der Tagesliste gedruckt).</translation>
        </message>
    </context>
    <context>
        <name>schedule.grid_painting</name>
        <message>
            <source>Booked</source>
            <translation>Gebucht</translation>
        </message>
        <message>
            <source>Conf.</source>
            <translation>Best.</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>Angekommen</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Begonnen</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgesagt</translation>
        </message>
        <message>
            <source>No-show</source>
            <translation>Nicht erschienen</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n Termin</numerusform>
                <numerusform>%n Termine</numerusform>
            </translation>
        </message>
        <message>
            <source>  (today)</source>
            <translation>  (heute)</translation>
        </message>
    </context>
    <context>
        <name>schedule.month_view</name>
        <message>
            <source>Mon</source>
            <translation>Mo</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Di</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mi</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Do</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Fr</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sa</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>So</translation>
        </message>
        <message>
            <source>Month overview</source>
            <translation>Monatsübersicht</translation>
        </message>
        <message>
            <source>{month}: {total} appointments</source>
            <translation>{month}: {total} Termine</translation>
        </message>
        <message>
            <source>  today</source>
            <translation>  heute</translation>
        </message>
        <message numerus="yes">
            <source>%n appt(s)</source>
            <translation>
                <numerusform>%n Termin</numerusform>
                <numerusform>%n Termine</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>schedule.page</name>
        <message>
            <source>Schedule page</source>
            <translation>Seite Kalender</translation>
        </message>
        <message>
            <source>Side panels</source>
            <translation>Seitenleisten</translation>
        </message>
        <message>
            <source>Arrivals</source>
            <translation>Ankünfte</translation>
        </message>
        <message>
            <source>Waitlist</source>
            <translation>Warteliste</translation>
        </message>
        <message>
            <source>Find a slot</source>
            <translation>Freien Termin suchen</translation>
        </message>
        <message>
            <source>List</source>
            <translation>Liste</translation>
        </message>
        <message>
            <source>White: working hours · Grey: closed · Hatched: break or time off · Red line: now · Short blocks: Conf. = confirmed, Started = in progress, Done = completed.
Drag over free time to book; drag an appointment to move it, its lower edge to change its length; right-click for more; F1 lists every shortcut.</source>
            <translation>Weiß: Arbeitszeit · Grau: geschlossen · Schraffiert: Pause oder frei · Rote Linie: jetzt · Kurze Blöcke: Best. = bestätigt, Begonnen = in Behandlung, Fertig = abgeschlossen.
Über freie Zeit ziehen zum Buchen; einen Termin ziehen zum Verschieben, seine Unterkante zum Ändern der Länge; Rechtsklick für mehr; F1 listet alle Tastenkürzel.</translation>
        </message>
        <message>
            <source>How to read and use the calendar</source>
            <translation>So lesen und benutzen Sie den Kalender</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Go to date</source>
            <translation>Gehe zu Datum</translation>
        </message>
        <message>
            <source>Type a date or open the calendar (Ctrl+G)</source>
            <translation>Datum eingeben oder Kalender öffnen (Strg+G)</translation>
        </message>
        <message>
            <source>Date:</source>
            <translation>Datum:</translation>
        </message>
        <message>
            <source>Showing</source>
            <translation>Ansicht</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>Woche</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Monat</translation>
        </message>
        <message>
            <source>Providers ▾</source>
            <translation>Behandler ▾</translation>
        </message>
        <message>
            <source>Choose providers</source>
            <translation>Behandler wählen</translation>
        </message>
        <message>
            <source>Choose which providers are shown (Ctrl+Shift+P)</source>
            <translation>Wählen, welche Behandler angezeigt werden (Strg+Umschalt+P)</translation>
        </message>
        <message>
            <source>Time grid</source>
            <translation>Zeitraster</translation>
        </message>
        <message>
            <source>{minutes} min grid</source>
            <translation>{minutes}-Min.-Raster</translation>
        </message>
        <message>
            <source>Time grid:</source>
            <translation>Zeitraster:</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Drucken…</translation>
        </message>
        <message>
            <source>&amp;Undo {label}</source>
            <translation>&amp;Rückgängig: {label}</translation>
        </message>
        <message>
            <source>&amp;Undo last move or resize</source>
            <translation>Letztes Verschieben oder Ändern der Länge &amp;rückgängig</translation>
        </message>
        <message>
            <source> — today</source>
            <translation> — heute</translation>
        </message>
        <message>
            <source>Week {number}: {first} – {last} {year}</source>
            <translation>Woche {number}: {first} – {last} {year}</translation>
        </message>
        <message>
            <source>Your role does not allow booking appointments.</source>
            <translation>Ihre Rolle erlaubt keine Terminbuchungen.</translation>
        </message>
        <message>
            <source>Find a free slot for the waitlist patient, then book it and remove the entry.</source>
            <translation>Suchen Sie eine freie Zeit für den Patienten von der Warteliste, buchen Sie sie und entfernen Sie dann den Eintrag.</translation>
        </message>
        <message>
            <source>Select an appointment first (click it or use the arrows).</source>
            <translation>Wählen Sie zuerst einen Termin aus (anklicken oder mit den Pfeiltasten).</translation>
        </message>
        <message>
            <source>Your role does not allow opening patient files.</source>
            <translation>Ihre Rolle erlaubt nicht, Patientenakten zu öffnen.</translation>
        </message>
        <message>
            <source>Book here…</source>
            <translation>Hier buchen…</translation>
        </message>
    </context>
    <context>
        <name>schedule.page_moves</name>
        <message>
            <source>Cannot move</source>
            <translation>Verschieben nicht möglich</translation>
        </message>
        <message>
            <source>Your role does not allow moving appointments.</source>
            <translation>Ihre Rolle erlaubt das Verschieben von Terminen nicht.</translation>
        </message>
        <message>
            <source>Appointment moved to {when}. Press Ctrl+Z to undo.</source>
            <translation>Termin verschoben auf {when}. Mit Strg+Z rückgängig machen.</translation>
        </message>
        <message>
            <source>Change undone.</source>
            <translation>Änderung rückgängig gemacht.</translation>
        </message>
        <message>
            <source>The appointment was not moved</source>
            <translation>Der Termin wurde nicht verschoben</translation>
        </message>
        <message>
            <source>Nothing to undo.</source>
            <translation>Nichts rückgängig zu machen.</translation>
        </message>
        <message>
            <source>Conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message>
            <source>{sentence}

You may save it anyway. Give the reason (it is recorded):</source>
            <translation>{sentence}

Sie können trotzdem speichern. Geben Sie den Grund an (er wird protokolliert):</translation>
        </message>
        <message>
            <source>move</source>
            <translation>verschieben</translation>
        </message>
        <message>
            <source>cancel</source>
            <translation>absagen</translation>
        </message>
        <message>
            <source>Part of a series</source>
            <translation>Teil einer Serie</translation>
        </message>
        <message>
            <source>This appointment is part of a series. Which ones do you want to {verb}?</source>
            <translation>Dieser Termin gehört zu einer Serie. Welche Termine möchten Sie {verb}?</translation>
        </message>
        <message>
            <source>Only this one</source>
            <translation>Nur diesen</translation>
        </message>
        <message>
            <source>This and the following</source>
            <translation>Diesen und die folgenden</translation>
        </message>
        <message>
            <source>The whole series</source>
            <translation>Die ganze Serie</translation>
        </message>
    </context>
    <context>
        <name>schedule.page_providers</name>
        <message>
            <source>Show all providers</source>
            <translation>Alle Behandler anzeigen</translation>
        </message>
        <message>
            <source>Providers ({count} of {len}) ▾</source>
            <translation>Behandler ({count} von {len}) ▾</translation>
        </message>
        <message>
            <source>Providers ▾</source>
            <translation>Behandler ▾</translation>
        </message>
    </context>
    <context>
        <name>schedule.page_status</name>
        <message>
            <source>confirmed</source>
            <translation>bestätigt</translation>
        </message>
        <message>
            <source>checked in</source>
            <translation>eingecheckt</translation>
        </message>
        <message>
            <source>marked in progress</source>
            <translation>als in Behandlung markiert</translation>
        </message>
        <message>
            <source>marked completed</source>
            <translation>als abgeschlossen markiert</translation>
        </message>
        <message>
            <source>marked as no-show</source>
            <translation>als nicht erschienen markiert</translation>
        </message>
        <message>
            <source>The status was not changed</source>
            <translation>Der Status wurde nicht geändert</translation>
        </message>
        <message>
            <source>{patient} {done}.</source>
            <translation>{patient}: {done}.</translation>
        </message>
        <message>
            <source>Appointment of {patient} cancelled.</source>
            <translation>Termin von {patient} abgesagt.</translation>
        </message>
        <message>
            <source>The appointment was not cancelled</source>
            <translation>Der Termin wurde nicht abgesagt</translation>
        </message>
        <message>
            <source>Booking from the waitlist: the entry is closed on booking.</source>
            <translation>Buchung von der Warteliste: Der Eintrag wird mit der Buchung geschlossen.</translation>
        </message>
        <message>
            <source>this type</source>
            <translation>diese Art</translation>
        </message>
        <message>
            <source>A {type_name} takes {minutes} minutes; only {freed} minutes were freed.</source>
            <translation>Ein Termin {type_name} dauert {minutes} Minuten; nur {freed} Minuten wurden frei.</translation>
        </message>
        <message>
            <source>The freed time is too short</source>
            <translation>Die frei gewordene Zeit ist zu kurz</translation>
        </message>
        <message>
            <source> No later time fits in the next 90 days; the patient stays on the waitlist.</source>
            <translation> In den nächsten 90 Tagen passt keine spätere Zeit; der Patient bleibt auf der Warteliste.</translation>
        </message>
        <message>
            <source>{too_short} Proposed instead: the next time that fits, {spoken}. The waitlist entry is closed on booking.</source>
            <translation>{too_short} Stattdessen vorgeschlagen: die nächste passende Zeit, {spoken}. Der Wartelisteneintrag wird mit der Buchung geschlossen.</translation>
        </message>
    </context>
    <context>
        <name>schedule.patient_file</name>
        <message>
            <source>No reminders</source>
            <translation>Keine Erinnerungen</translation>
        </message>
        <message>
            <source>By email</source>
            <translation>Per E-Mail</translation>
        </message>
        <message>
            <source>By text message</source>
            <translation>Per SMS</translation>
        </message>
        <message>
            <source>Patient file</source>
            <translation>Patientenakte</translation>
        </message>
        <message>
            <source>Loading the patient file…</source>
            <translation>Patientenakte wird geladen…</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Date of birth:</source>
            <translation>Geburtsdatum:</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Geburtsdatum</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>Telefon:</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <source>Email:</source>
            <translation>E-Mail:</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Reminders:</source>
            <translation>Erinnerungen:</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Erinnerungen</translation>
        </message>
        <message>
            <source>Attendance:</source>
            <translation>Anwesenheit:</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Anwesenheit</translation>
        </message>
        <message>
            <source>Next appointment</source>
            <translation>Nächster Termin</translation>
        </message>
        <message>
            <source>Show the &amp;next appointment in the calendar</source>
            <translation>&amp;Nächsten Termin im Kalender zeigen</translation>
        </message>
        <message>
            <source>Show the next appointment in the calendar</source>
            <translation>Nächsten Termin im Kalender zeigen</translation>
        </message>
        <message>
            <source>Upcoming appointments</source>
            <translation>Kommende Termine</translation>
        </message>
        <message>
            <source>Past appointments</source>
            <translation>Vergangene Termine</translation>
        </message>
        <message>
            <source>Waitlist entries</source>
            <translation>Wartelisteneinträge</translation>
        </message>
        <message>
            <source>&amp;Upcoming</source>
            <translation>&amp;Kommende</translation>
        </message>
        <message>
            <source>&amp;Past</source>
            <translation>&amp;Vergangene</translation>
        </message>
        <message>
            <source>&lt;b&gt;Waitlist&lt;/b&gt;</source>
            <translation>&lt;b&gt;Warteliste&lt;/b&gt;</translation>
        </message>
        <message>
            <source>The patient file could not be opened</source>
            <translation>Die Patientenakte konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Bei</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source> (late)</source>
            <translation> (spät)</translation>
        </message>
        <message>
            <source>  ·  No. {number}</source>
            <translation>  ·  Nr. {number}</translation>
        </message>
        <message>
            <source>Patient file: {name}</source>
            <translation>Patientenakte: {name}</translation>
        </message>
        <message>
            <source>not given</source>
            <translation>nicht angegeben</translation>
        </message>
        <message numerus="yes">
            <source>&amp;Upcoming (%n appointment(s))</source>
            <translation>
                <numerusform>&amp;Kommende (%n Termin)</numerusform>
                <numerusform>&amp;Kommende (%n Termine)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&amp;Past (%n appointment(s))</source>
            <translation>
                <numerusform>&amp;Vergangene (%n Termin)</numerusform>
                <numerusform>&amp;Vergangene (%n Termine)</numerusform>
            </translation>
        </message>
        <message>
            <source>Next appointment: {day} at {time}, {type_name} with {provider_name}.</source>
            <translation>Nächster Termin: {day} um {time}, {type_name} bei {provider_name}.</translation>
        </message>
        <message>
            <source>No upcoming appointment.</source>
            <translation>Kein kommender Termin.</translation>
        </message>
        <message>
            <source>Not on the waitlist.</source>
            <translation>Nicht auf der Warteliste.</translation>
        </message>
    </context>
    <context>
        <name>schedule.patient_picker</name>
        <message>
            <source>Type a name, phone number or date of birth…</source>
            <translation>Name, Telefonnummer oder Geburtsdatum eingeben…</translation>
        </message>
        <message>
            <source>Patient search</source>
            <translation>Patientensuche</translation>
        </message>
        <message>
            <source>Matching patients</source>
            <translation>Passende Patienten</translation>
        </message>
        <message>
            <source>Patient search status</source>
            <translation>Status der Patientensuche</translation>
        </message>
        <message>
            <source>No patient chosen yet.</source>
            <translation>Noch kein Patient gewählt.</translation>
        </message>
        <message>
            <source>Chosen patient</source>
            <translation>Gewählter Patient</translation>
        </message>
        <message>
            <source>New patient (not in the list)</source>
            <translation>Neuer Patient (nicht in der Liste)</translation>
        </message>
        <message>
            <source>New patient</source>
            <translation>Neuer Patient</translation>
        </message>
        <message>
            <source>New patient details</source>
            <translation>Angaben zum neuen Patienten</translation>
        </message>
        <message>
            <source>&amp;Add this patient</source>
            <translation>Diesen Patienten &amp;hinzufügen</translation>
        </message>
        <message>
            <source>Add this patient</source>
            <translation>Diesen Patienten hinzufügen</translation>
        </message>
        <message>
            <source>New patient problem</source>
            <translation>Problem mit dem neuen Patienten</translation>
        </message>
        <message>
            <source>&amp;Given name:</source>
            <translation>&amp;Vorname:</translation>
        </message>
        <message>
            <source>&amp;Family name:</source>
            <translation>&amp;Nachname:</translation>
        </message>
        <message>
            <source>Date of &amp;birth:</source>
            <translation>&amp;Geburtsdatum:</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>&amp;Telefon:</translation>
        </message>
        <message>
            <source>&amp;Email:</source>
            <translation>&amp;E-Mail:</translation>
        </message>
        <message>
            <source>Type at least two letters or digits.</source>
            <translation>Geben Sie mindestens zwei Buchstaben oder Ziffern ein.</translation>
        </message>
        <message numerus="yes">
            <source>%n match(es). Press Enter to take the first, or pick one.</source>
            <translation>
                <numerusform>%n Treffer. Eingabetaste übernimmt den ersten, oder wählen Sie einen.</numerusform>
                <numerusform>%n Treffer. Eingabetaste übernimmt den ersten, oder wählen Sie einen.</numerusform>
            </translation>
        </message>
        <message>
            <source>No patient matches. Tick “New patient” to add them.</source>
            <translation>Kein Patient passt. Kreuzen Sie „Neuer Patient“ an, um ihn anzulegen.</translation>
        </message>
        <message>
            <source>Patient: &lt;b&gt;{escape}&lt;/b&gt;</source>
            <translation>Patient: &lt;b&gt;{escape}&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>schedule.print_dialog</name>
        <message>
            <source>Print the day sheet</source>
            <translation>Tagesliste drucken</translation>
        </message>
        <message>
            <source>Day sheet for {day}</source>
            <translation>Tagesliste für {day}</translation>
        </message>
        <message>
            <source>Providers on the sheet</source>
            <translation>Behandler auf der Liste</translation>
        </message>
        <message>
            <source>All providers shown</source>
            <translation>Alle angezeigten Behandler</translation>
        </message>
        <message>
            <source>Paper size</source>
            <translation>Papierformat</translation>
        </message>
        <message>
            <source>Include patients' &amp;phone numbers</source>
            <translation>Telefonnummern der &amp;Patienten aufnehmen</translation>
        </message>
        <message>
            <source>Include patients' phone numbers</source>
            <translation>Telefonnummern der Patienten aufnehmen</translation>
        </message>
        <message>
            <source>&amp;New page for each provider</source>
            <translation>&amp;Neue Seite für jeden Behandler</translation>
        </message>
        <message>
            <source>New page for each provider</source>
            <translation>Neue Seite für jeden Behandler</translation>
        </message>
        <message>
            <source>P&amp;roviders:</source>
            <translation>Be&amp;handler:</translation>
        </message>
        <message>
            <source>P&amp;aper:</source>
            <translation>P&amp;apier:</translation>
        </message>
        <message>
            <source>&amp;Save as PDF…</source>
            <translation>Als PDF &amp;speichern…</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>Als PDF speichern</translation>
        </message>
        <message>
            <source>Pr&amp;int…</source>
            <translation>Dr&amp;ucken…</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Drucken</translation>
        </message>
        <message>
            <source>Day sheet saved to {path}.</source>
            <translation>Tagesliste gespeichert unter {path}.</translation>
        </message>
        <message>
            <source>Save the day sheet</source>
            <translation>Tagesliste speichern</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>schedule.reschedule_dialog</name>
        <message>
            <source>Reschedule appointment</source>
            <translation>Termin verschieben</translation>
        </message>
        <message>
            <source>Appointment now</source>
            <translation>Termin jetzt</translation>
        </message>
        <message>
            <source>New date</source>
            <translation>Neues Datum</translation>
        </message>
        <message>
            <source>New start time</source>
            <translation>Neue Beginnzeit</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} Min.</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>Länge</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Behandler</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Raum</translation>
        </message>
        <message>
            <source>Keep the room (or any free room of its kind)</source>
            <translation>Raum behalten (oder einen freien Raum derselben Art)</translation>
        </message>
        <message>
            <source>Find the &amp;next free time</source>
            <translation>&amp;Nächste freie Zeit suchen</translation>
        </message>
        <message>
            <source>Find the next free time</source>
            <translation>Nächste freie Zeit suchen</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Konflikte</translation>
        </message>
        <message>
            <source>&amp;When:</source>
            <translation>&amp;Wann:</translation>
        </message>
        <message>
            <source>Pro&amp;vider:</source>
            <translation>Be&amp;handler:</translation>
        </message>
        <message>
            <source>&amp;Room:</source>
            <translation>&amp;Raum:</translation>
        </message>
        <message>
            <source>&amp;Move here</source>
            <translation>&amp;Hierher verschieben</translation>
        </message>
        <message>
            <source>Move here</source>
            <translation>Hierher verschieben</translation>
        </message>
        <message>
            <source>✓ No conflicts: this time is free.</source>
            <translation>✓ Keine Konflikte: Diese Zeit ist frei.</translation>
        </message>
        <message>
            <source>No free time in the next 90 days with this provider; try another.</source>
            <translation>Bei diesem Behandler keine freie Zeit in den nächsten 90 Tagen; versuchen Sie einen anderen.</translation>
        </message>
    </context>
    <context>
        <name>schedule.rows</name>
        <message>
            <source>Booked</source>
            <translation>Gebucht</translation>
        </message>
        <message>
            <source>Confirmed</source>
            <translation>Bestätigt</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>Angekommen</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>In Behandlung</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Abgeschlossen</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgesagt</translation>
        </message>
        <message>
            <source>No-show</source>
            <translation>Nicht erschienen</translation>
        </message>
    </context>
    <context>
        <name>schedule.services_backend</name>
        <message>
            <source>Patient asked to cancel</source>
            <translation>Patient hat um Absage gebeten</translation>
        </message>
        <message>
            <source>Patient is ill</source>
            <translation>Patient ist krank</translation>
        </message>
        <message>
            <source>Provider unavailable</source>
            <translation>Behandler nicht verfügbar</translation>
        </message>
        <message>
            <source>Clinic closed</source>
            <translation>Praxis geschlossen</translation>
        </message>
        <message>
            <source>Rescheduled</source>
            <translation>Verschoben</translation>
        </message>
        <message>
            <source>Booked twice by mistake</source>
            <translation>Versehentlich doppelt gebucht</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Sonstiges</translation>
        </message>
        <message>
            <source>Break</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Time off</source>
            <translation>Abwesenheit</translation>
        </message>
        <message>
            <source>born {dob}</source>
            <translation>geb. {dob}</translation>
        </message>
        <message>
            <source>No. {number}</source>
            <translation>Nr. {number}</translation>
        </message>
        <message>
            <source>A waitlist patient</source>
            <translation>Ein Patient von der Warteliste</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Mo</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Di</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mi</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Do</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Fr</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sa</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>So</translation>
        </message>
    </context>
    <context>
        <name>schedule.slot_finder</name>
        <message>
            <source>Any time</source>
            <translation>Beliebige Zeit</translation>
        </message>
        <message>
            <source>Mornings (before 12:00)</source>
            <translation>Vormittags (vor 12:00)</translation>
        </message>
        <message>
            <source>Afternoons (from 12:00)</source>
            <translation>Nachmittags (ab 12:00)</translation>
        </message>
        <message>
            <source>Find a slot</source>
            <translation>Freien Termin suchen</translation>
        </message>
        <message>
            <source>Appointment type to find a slot for</source>
            <translation>Terminart, für die ein freier Termin gesucht wird</translation>
        </message>
        <message>
            <source>Provider to find a slot with</source>
            <translation>Behandler, bei dem ein freier Termin gesucht wird</translation>
        </message>
        <message>
            <source>Preferred time of day</source>
            <translation>Bevorzugte Tageszeit</translation>
        </message>
        <message>
            <source>&amp;Search free slots</source>
            <translation>Freie Termine &amp;suchen</translation>
        </message>
        <message>
            <source>Search free slots</source>
            <translation>Freie Termine suchen</translation>
        </message>
        <message>
            <source>Free slots found</source>
            <translation>Gefundene freie Termine</translation>
        </message>
        <message>
            <source>Choose a type and press Search.</source>
            <translation>Wählen Sie eine Terminart und drücken Sie Suchen.</translation>
        </message>
        <message>
            <source>Slot search status</source>
            <translation>Status der Terminsuche</translation>
        </message>
        <message>
            <source>Boo&amp;k this slot…</source>
            <translation>Diesen Termin &amp;buchen…</translation>
        </message>
        <message>
            <source>Book the selected slot</source>
            <translation>Den gewählten freien Termin buchen</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>&amp;Art:</translation>
        </message>
        <message>
            <source>&amp;With:</source>
            <translation>&amp;Bei:</translation>
        </message>
        <message>
            <source>&amp;When:</source>
            <translation>&amp;Wann:</translation>
        </message>
        <message>
            <source>{name} ({duration_minutes} min)</source>
            <translation>{name} ({duration_minutes} Min.)</translation>
        </message>
        <message>
            <source>Any provider</source>
            <translation>Beliebiger Behandler</translation>
        </message>
        <message>
            <source>Choose the appointment type first.</source>
            <translation>Wählen Sie zuerst die Terminart.</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Wird gesucht…</translation>
        </message>
        <message>
            <source>The {len} earliest free slots. Double-click one to book it.</source>
            <translation>Die {len} frühesten freien Termine. Doppelklicken Sie auf einen, um ihn zu buchen.</translation>
        </message>
        <message>
            <source>No free slot in the next 90 days for this choice.</source>
            <translation>Für diese Auswahl kein freier Termin in den nächsten 90 Tagen.</translation>
        </message>
    </context>
    <context>
        <name>schedule.source</name>
        <message>
            <source>Patient asked to cancel</source>
            <translation>Patient hat um Absage gebeten</translation>
        </message>
        <message>
            <source>Patient is ill</source>
            <translation>Patient ist krank</translation>
        </message>
        <message>
            <source>Provider unavailable</source>
            <translation>Behandler nicht verfügbar</translation>
        </message>
        <message>
            <source>Rescheduled</source>
            <translation>Verschoben</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Sonstiges</translation>
        </message>
    </context>
    <context>
        <name>schedule.waitlist_offer</name>
        <message>
            <source>Offer the freed time</source>
            <translation>Frei gewordene Zeit anbieten</translation>
        </message>
        <message>
            <source>Offer the freed time to the waitlist</source>
            <translation>Frei gewordene Zeit der Warteliste anbieten</translation>
        </message>
        <message>
            <source>The time is free now. These waitlist patients match it, best first. Pick one to book them, or close to leave the time free.</source>
            <translation>Die Zeit ist jetzt frei. Diese Patienten der Warteliste passen, die besten zuerst. Wählen Sie einen zum Buchen, oder schließen Sie, um die Zeit frei zu lassen.</translation>
        </message>
        <message>
            <source>Matching waitlist patients</source>
            <translation>Passende Patienten der Warteliste</translation>
        </message>
        <message>
            <source>{patient_name} — {type_name}, priority {priority}</source>
            <translation>{patient_name} — {type_name}, Priorität {priority}</translation>
        </message>
        <message>
            <source>&amp;Book this patient…</source>
            <translation>Diesen Patienten &amp;buchen…</translation>
        </message>
        <message>
            <source>Book this patient</source>
            <translation>Diesen Patienten buchen</translation>
        </message>
        <message>
            <source>Leave the time &amp;free</source>
            <translation>Zeit &amp;frei lassen</translation>
        </message>
        <message>
            <source>Leave the time free</source>
            <translation>Zeit frei lassen</translation>
        </message>
    </context>
    <context>
        <name>schedule.waitlist_panel</name>
        <message>
            <source>Priority (5 = most urgent)</source>
            <translation>Priorität (5 = am dringendsten)</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Behandler</translation>
        </message>
        <message>
            <source>Prefers</source>
            <translation>Wünscht</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Waitlist</source>
            <translation>Warteliste</translation>
        </message>
        <message>
            <source>Waitlist entries</source>
            <translation>Wartelisteneinträge</translation>
        </message>
        <message>
            <source>Nobody is on the waitlist.</source>
            <translation>Niemand steht auf der Warteliste.</translation>
        </message>
        <message>
            <source>Waitlist is empty</source>
            <translation>Die Warteliste ist leer</translation>
        </message>
        <message>
            <source>&amp;Add…</source>
            <translation>&amp;Hinzufügen…</translation>
        </message>
        <message>
            <source>Add to waitlist</source>
            <translation>Zur Warteliste hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>&amp;Bearbeiten…</translation>
        </message>
        <message>
            <source>Edit waitlist entry</source>
            <translation>Wartelisteneintrag bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Entfernen</translation>
        </message>
        <message>
            <source>Remove from waitlist</source>
            <translation>Von der Warteliste entfernen</translation>
        </message>
        <message>
            <source>&amp;Book…</source>
            <translation>&amp;Buchen…</translation>
        </message>
        <message>
            <source>Book the selected waitlist patient</source>
            <translation>Den gewählten Patienten der Warteliste buchen</translation>
        </message>
        <message>
            <source>Any</source>
            <translation>Beliebig</translation>
        </message>
        <message>
            <source>Add to the waitlist</source>
            <translation>Zur Warteliste hinzufügen</translation>
        </message>
        <message>
            <source>Appointment type</source>
            <translation>Terminart</translation>
        </message>
        <message>
            <source>Any provider</source>
            <translation>Beliebiger Behandler</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>5 is the most urgent.</source>
            <translation>5 ist am dringendsten.</translation>
        </message>
        <message>
            <source>&amp;Patient:</source>
            <translation>&amp;Patient:</translation>
        </message>
        <message>
            <source>&amp;Type:</source>
            <translation>&amp;Art:</translation>
        </message>
        <message>
            <source>Pro&amp;vider:</source>
            <translation>Be&amp;handler:</translation>
        </message>
        <message>
            <source>Patient:</source>
            <translation>Patient:</translation>
        </message>
        <message>
            <source>P&amp;riority (1–5):</source>
            <translation>P&amp;riorität (1–5):</translation>
        </message>
        <message>
            <source>N&amp;ote:</source>
            <translation>N&amp;otiz:</translation>
        </message>
        <message>
            <source>Choose the patient first: type their name and pick them.</source>
            <translation>Wählen Sie zuerst den Patienten: Namen eingeben und auswählen.</translation>
        </message>
    </context>
    <context>
        <name>setup.area</name>
        <message>
            <source>&amp;Opening hours and closures</source>
            <translation>Ö&amp;ffnungszeiten und Schließtage</translation>
        </message>
        <message>
            <source>&amp;Working hours and time off</source>
            <translation>&amp;Arbeitszeiten und Abwesenheiten</translation>
        </message>
        <message>
            <source>Appointment &amp;types</source>
            <translation>&amp;Terminarten</translation>
        </message>
        <message>
            <source>&amp;Rooms</source>
            <translation>&amp;Räume</translation>
        </message>
        <message>
            <source>Front &amp;desk</source>
            <translation>&amp;Empfang</translation>
        </message>
        <message>
            <source>Clinic set-up</source>
            <translation>Praxis einrichten</translation>
        </message>
        <message>
            <source>Clinic set-up topics</source>
            <translation>Themen der Praxiseinrichtung</translation>
        </message>
    </context>
    <context>
        <name>setup.checklist</name>
        <message>
            <source>Set-up checklist</source>
            <translation>Checkliste zur Einrichtung</translation>
        </message>
        <message>
            <source>Checking what is set up…</source>
            <translation>Es wird geprüft, was eingerichtet ist…</translation>
        </message>
        <message>
            <source>Set-up summary</source>
            <translation>Übersicht der Einrichtung</translation>
        </message>
        <message>
            <source>The clinic is set up: appointments can be booked.</source>
            <translation>Die Praxis ist eingerichtet: Termine können gebucht werden.</translation>
        </message>
        <message>
            <source>Before the first appointment can be booked, finish these steps:</source>
            <translation>Bevor der erste Termin gebucht werden kann, erledigen Sie diese Schritte:</translation>
        </message>
        <message>
            <source>Appointments can be booked; these steps are still open:</source>
            <translation>Termine können gebucht werden; diese Schritte sind noch offen:</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>Fehlt</translation>
        </message>
        <message>
            <source>Open {lower}</source>
            <translation>{lower} öffnen</translation>
        </message>
    </context>
    <context>
        <name>setup.common</name>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>geschlossen</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>Appointments to rebook</source>
            <translation>Neu zu buchende Termine</translation>
        </message>
        <message>
            <source>Before saving</source>
            <translation>Vor dem Speichern</translation>
        </message>
        <message>
            <source>These future appointments are outside working hours, in time off or in a closure. Rebook them from the schedule; nothing was moved or cancelled.</source>
            <translation>Diese künftigen Termine liegen außerhalb der Arbeitszeit, in einer Abwesenheit oder an einem Schließtag. Buchen Sie sie im Kalender neu; es wurde nichts verschoben oder abgesagt.</translation>
        </message>
        <message>
            <source>Affected appointments</source>
            <translation>Betroffene Termine</translation>
        </message>
        <message>
            <source>&amp;Save anyway</source>
            <translation>&amp;Trotzdem speichern</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Trotzdem speichern</translation>
        </message>
    </context>
    <context>
        <name>setup.front_desk_page</name>
        <message>
            <source>Front-desk settings</source>
            <translation>Einstellungen für den Empfang</translation>
        </message>
        <message>
            <source>Country for phone numbers</source>
            <translation>Land für Telefonnummern</translation>
        </message>
        <message>
            <source> hours</source>
            <translation> Stunden</translation>
        </message>
        <message>
            <source>off</source>
            <translation>aus</translation>
        </message>
        <message>
            <source>Late-cancel cut-off</source>
            <translation>Frist für späte Absagen</translation>
        </message>
        <message>
            <source>Print patients' phone numbers on the day sheet</source>
            <translation>Telefonnummern der Patienten auf der Tagesliste drucken</translation>
        </message>
        <message>
            <source>Phone numbers on the day sheet</source>
            <translation>Telefonnummern auf der Tagesliste</translation>
        </message>
        <message>
            <source>Start a new page for each provider</source>
            <translation>Für jeden Behandler eine neue Seite beginnen</translation>
        </message>
        <message>
            <source>A page per provider on the day sheet</source>
            <translation>Eine Seite pro Behandler auf der Tagesliste</translation>
        </message>
        <message>
            <source>As each computer is set</source>
            <translation>Wie am jeweiligen Computer eingestellt</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>As the language has it</source>
            <translation>Wie in der Sprache üblich</translation>
        </message>
        <message>
            <source>First day of the week</source>
            <translation>Erster Tag der Woche</translation>
        </message>
        <message>
            <source>24-hour (14:30)</source>
            <translation>24 Stunden (14:30)</translation>
        </message>
        <message>
            <source>12-hour (2:30 PM)</source>
            <translation>12 Stunden (2:30 PM)</translation>
        </message>
        <message>
            <source>Clock</source>
            <translation>Uhrzeit</translation>
        </message>
        <message>
            <source>&amp;Save front-desk settings</source>
            <translation>Empfangseinstellungen &amp;speichern</translation>
        </message>
        <message>
            <source>Save front-desk settings</source>
            <translation>Empfangseinstellungen speichern</translation>
        </message>
        <message>
            <source>Front-desk settings message</source>
            <translation>Meldung zu den Empfangseinstellungen</translation>
        </message>
        <message>
            <source>&amp;Country for phone numbers:</source>
            <translation>&amp;Land für Telefonnummern:</translation>
        </message>
        <message>
            <source>&amp;Late cancellation if less than:</source>
            <translation>&amp;Späte Absage, wenn weniger als:</translation>
        </message>
        <message>
            <source>Day sheet:</source>
            <translation>Tagesliste:</translation>
        </message>
        <message>
            <source>Lan&amp;guage:</source>
            <translation>&amp;Sprache:</translation>
        </message>
        <message>
            <source>&amp;First day of the week:</source>
            <translation>&amp;Erster Tag der Woche:</translation>
        </message>
        <message>
            <source>Cloc&amp;k:</source>
            <translation>&amp;Uhrzeit:</translation>
        </message>
        <message>
            <source>{zone_country} (from the time zone)</source>
            <translation>{zone_country} (aus der Zeitzone)</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>setup.hours_page</name>
        <message>
            <source>Opening hours and closures</source>
            <translation>Öffnungszeiten und Schließtage</translation>
        </message>
        <message>
            <source>Opening hours</source>
            <translation>Öffnungszeiten</translation>
        </message>
        <message>
            <source>Save &amp;opening hours</source>
            <translation>Öffnungszeiten &amp;speichern</translation>
        </message>
        <message>
            <source>Save opening hours</source>
            <translation>Öffnungszeiten speichern</translation>
        </message>
        <message>
            <source>Opening hours (several spans a day, e.g. 08:00-12:00, 13:00-18:00)</source>
            <translation>Öffnungszeiten (mehrere Zeiträume pro Tag, z. B. 08:00-12:00, 13:00-18:00)</translation>
        </message>
        <message>
            <source>Closure first day</source>
            <translation>Erster Schließtag</translation>
        </message>
        <message>
            <source>Closure last day</source>
            <translation>Letzter Schließtag</translation>
        </message>
        <message>
            <source>&amp;Whole days</source>
            <translation>&amp;Ganze Tage</translation>
        </message>
        <message>
            <source>Closure is whole days</source>
            <translation>Schließung umfasst ganze Tage</translation>
        </message>
        <message>
            <source>Closure from time</source>
            <translation>Schließung ab Uhrzeit</translation>
        </message>
        <message>
            <source>Closure until time</source>
            <translation>Schließung bis Uhrzeit</translation>
        </message>
        <message>
            <source>Closure label</source>
            <translation>Bezeichnung der Schließung</translation>
        </message>
        <message>
            <source>e.g. Team training</source>
            <translation>z. B. Teamfortbildung</translation>
        </message>
        <message>
            <source>&amp;Add closure</source>
            <translation>Schließtag &amp;hinzufügen</translation>
        </message>
        <message>
            <source>Add closure</source>
            <translation>Schließtag hinzufügen</translation>
        </message>
        <message>
            <source>Closures</source>
            <translation>Schließtage</translation>
        </message>
        <message>
            <source>&amp;Remove closure</source>
            <translation>Schließtag &amp;entfernen</translation>
        </message>
        <message>
            <source>Remove the selected closure</source>
            <translation>Den gewählten Schließtag entfernen</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>&amp;Von</translation>
        </message>
        <message>
            <source>&amp;To</source>
            <translation>&amp;Bis</translation>
        </message>
        <message>
            <source>Part of the day</source>
            <translation>Teil des Tages</translation>
        </message>
        <message>
            <source>&amp;Label</source>
            <translation>&amp;Bezeichnung</translation>
        </message>
        <message>
            <source>Holiday country</source>
            <translation>Land für Feiertage</translation>
        </message>
        <message>
            <source>Holiday region</source>
            <translation>Region für Feiertage</translation>
        </message>
        <message>
            <source>Holiday year</source>
            <translation>Jahr für Feiertage</translation>
        </message>
        <message>
            <source>Show &amp;holidays</source>
            <translation>&amp;Feiertage anzeigen</translation>
        </message>
        <message>
            <source>Show public holidays</source>
            <translation>Gesetzliche Feiertage anzeigen</translation>
        </message>
        <message>
            <source>Public holidays (tick the days to close)</source>
            <translation>Gesetzliche Feiertage (die zu schließenden Tage ankreuzen)</translation>
        </message>
        <message>
            <source>&amp;Close on the ticked holidays</source>
            <translation>An den angekreuzten Feiertagen &amp;schließen</translation>
        </message>
        <message>
            <source>Close on the ticked holidays</source>
            <translation>An den angekreuzten Feiertagen schließen</translation>
        </message>
        <message>
            <source>Cou&amp;ntry</source>
            <translation>La&amp;nd</translation>
        </message>
        <message>
            <source>Re&amp;gion</source>
            <translation>Re&amp;gion</translation>
        </message>
        <message>
            <source>&amp;Year</source>
            <translation>&amp;Jahr</translation>
        </message>
        <message>
            <source>Public holidays (nothing is applied until you tick and confirm)</source>
            <translation>Gesetzliche Feiertage (nichts wird übernommen, bevor Sie ankreuzen und bestätigen)</translation>
        </message>
        <message>
            <source>Appointments to re&amp;book…</source>
            <translation>Neu zu &amp;buchende Termine…</translation>
        </message>
        <message>
            <source>Appointments to rebook</source>
            <translation>Neu zu buchende Termine</translation>
        </message>
        <message>
            <source>{isoformat} to {isoformat2}</source>
            <translation>{isoformat} bis {isoformat2}</translation>
        </message>
        <message>
            <source>National holidays only</source>
            <translation>Nur bundesweite Feiertage</translation>
        </message>
        <message>
            <source>Opening hours saved.</source>
            <translation>Öffnungszeiten gespeichert.</translation>
        </message>
        <message>
            <source>Closure added.</source>
            <translation>Schließtag hinzugefügt.</translation>
        </message>
        <message>
            <source>Select a closure in the list first.</source>
            <translation>Wählen Sie zuerst einen Schließtag in der Liste.</translation>
        </message>
        <message>
            <source>Closure removed.</source>
            <translation>Schließtag entfernt.</translation>
        </message>
        <message>
            <source>  (closed already)</source>
            <translation>  (bereits geschlossen)</translation>
        </message>
        <message>
            <source>{len} public holidays in {year}; tick those to close.</source>
            <translation>{len} gesetzliche Feiertage in {year}; kreuzen Sie die zu schließenden an.</translation>
        </message>
        <message>
            <source>Tick at least one holiday in the list first.</source>
            <translation>Kreuzen Sie zuerst mindestens einen Feiertag in der Liste an.</translation>
        </message>
        <message numerus="yes">
            <source>Closed on %n holiday(s).</source>
            <translation>
                <numerusform>An %n Feiertag geschlossen.</numerusform>
                <numerusform>An %n Feiertagen geschlossen.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>setup.providers_page</name>
        <message>
            <source>Vacation</source>
            <translation>Urlaub</translation>
        </message>
        <message>
            <source>Sick</source>
            <translation>Krank</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Fortbildung</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Sonstiges</translation>
        </message>
        <message>
            <source>Provider working hours and time off</source>
            <translation>Arbeitszeiten und Abwesenheiten der Behandler</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Behandler</translation>
        </message>
        <message>
            <source>&amp;Provider</source>
            <translation>&amp;Behandler</translation>
        </message>
        <message>
            <source>Weekly hours by start date</source>
            <translation>Wochenarbeitszeiten nach Beginndatum</translation>
        </message>
        <message>
            <source>&amp;New weekly hours</source>
            <translation>&amp;Neue Wochenarbeitszeiten</translation>
        </message>
        <message>
            <source>New weekly hours</source>
            <translation>Neue Wochenarbeitszeiten</translation>
        </message>
        <message>
            <source>Remo&amp;ve these weekly hours</source>
            <translation>Diese Wochenarbeitszeiten ent&amp;fernen</translation>
        </message>
        <message>
            <source>Remove the selected weekly hours</source>
            <translation>Die gewählten Wochenarbeitszeiten entfernen</translation>
        </message>
        <message>
            <source>Valid from</source>
            <translation>Gültig ab</translation>
        </message>
        <message>
            <source>Ends &amp;on</source>
            <translation>Endet &amp;am</translation>
        </message>
        <message>
            <source>Has an end date</source>
            <translation>Hat ein Enddatum</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>Gültig bis</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Raum</translation>
        </message>
        <message>
            <source>&amp;Alternating weeks (A/B)</source>
            <translation>&amp;Wechselnde Wochen (A/B)</translation>
        </message>
        <message>
            <source>Alternating weeks</source>
            <translation>Wechselnde Wochen</translation>
        </message>
        <message>
            <source>Working hours</source>
            <translation>Arbeitszeiten</translation>
        </message>
        <message>
            <source>Breaks</source>
            <translation>Pausen</translation>
        </message>
        <message>
            <source>Working hours, week B</source>
            <translation>Arbeitszeiten, Woche B</translation>
        </message>
        <message>
            <source>Breaks, week B</source>
            <translation>Pausen, Woche B</translation>
        </message>
        <message>
            <source>Week templates</source>
            <translation>Wochenvorlagen</translation>
        </message>
        <message>
            <source>Every week / week A</source>
            <translation>Jede Woche / Woche A</translation>
        </message>
        <message>
            <source>Week B</source>
            <translation>Woche B</translation>
        </message>
        <message>
            <source>&amp;Save weekly hours</source>
            <translation>Wochenarbeitszeiten &amp;speichern</translation>
        </message>
        <message>
            <source>Save weekly hours</source>
            <translation>Wochenarbeitszeiten speichern</translation>
        </message>
        <message>
            <source>Valid &amp;from</source>
            <translation>Gültig a&amp;b</translation>
        </message>
        <message>
            <source>&amp;Room</source>
            <translation>&amp;Raum</translation>
        </message>
        <message>
            <source>Weekly hours (spans such as 08:00-12:00, 13:00-17:00)</source>
            <translation>Wochenarbeitszeiten (Zeiträume wie 08:00-12:00, 13:00-17:00)</translation>
        </message>
        <message>
            <source>Time off first day</source>
            <translation>Erster Tag der Abwesenheit</translation>
        </message>
        <message>
            <source>Time off last day</source>
            <translation>Letzter Tag der Abwesenheit</translation>
        </message>
        <message>
            <source>W&amp;hole days</source>
            <translation>Ganze &amp;Tage</translation>
        </message>
        <message>
            <source>Time off is whole days</source>
            <translation>Abwesenheit umfasst ganze Tage</translation>
        </message>
        <message>
            <source>Time off from time</source>
            <translation>Abwesenheit ab Uhrzeit</translation>
        </message>
        <message>
            <source>Time off until time</source>
            <translation>Abwesenheit bis Uhrzeit</translation>
        </message>
        <message>
            <source>Time off reason</source>
            <translation>Grund der Abwesenheit</translation>
        </message>
        <message>
            <source>Add &amp;time off</source>
            <translation>Abwesen&amp;heit hinzufügen</translation>
        </message>
        <message>
            <source>Add time off</source>
            <translation>Abwesenheit hinzufügen</translation>
        </message>
        <message>
            <source>Time off</source>
            <translation>Abwesenheit</translation>
        </message>
        <message>
            <source>Remove ti&amp;me off</source>
            <translation>Abwesenheit entfer&amp;nen</translation>
        </message>
        <message>
            <source>Remove the selected time off</source>
            <translation>Die gewählte Abwesenheit entfernen</translation>
        </message>
        <message>
            <source>Fi&amp;rst day</source>
            <translation>E&amp;rster Tag</translation>
        </message>
        <message>
            <source>&amp;Last day</source>
            <translation>&amp;Letzter Tag</translation>
        </message>
        <message>
            <source>From / until</source>
            <translation>Von / bis</translation>
        </message>
        <message>
            <source>R&amp;eason</source>
            <translation>Gr&amp;und</translation>
        </message>
        <message>
            <source>Time off (vacation, sick, training)</source>
            <translation>Abwesenheiten (Urlaub, Krankheit, Fortbildung)</translation>
        </message>
        <message>
            <source>Appointments to re&amp;book…</source>
            <translation>Neu zu &amp;buchende Termine…</translation>
        </message>
        <message>
            <source>Appointments to rebook</source>
            <translation>Neu zu buchende Termine</translation>
        </message>
        <message>
            <source>No particular room</source>
            <translation>Kein bestimmter Raum</translation>
        </message>
        <message>
            <source>No providers yet: on the Staff page, create the staff who see patients and tick 'Sees patients'.</source>
            <translation>Noch keine Behandler: Legen Sie auf der Seite Personal die Mitarbeiter an, die Patienten behandeln, und kreuzen Sie „Behandelt Patienten“ an.</translation>
        </message>
        <message>
            <source> until {isoformat}</source>
            <translation> bis {isoformat}</translation>
        </message>
        <message>
            <source> (A/B weeks)</source>
            <translation> (A/B-Wochen)</translation>
        </message>
        <message>
            <source>From {isoformat}{until}{ab}</source>
            <translation>Ab {isoformat}{until}{ab}</translation>
        </message>
        <message>
            <source>{isoformat} to {isoformat2}</source>
            <translation>{isoformat} bis {isoformat2}</translation>
        </message>
        <message>
            <source>Choose a provider first.</source>
            <translation>Wählen Sie zuerst einen Behandler.</translation>
        </message>
        <message>
            <source>Weekly hours from {isoformat} saved.</source>
            <translation>Wochenarbeitszeiten ab {isoformat} gespeichert.</translation>
        </message>
        <message>
            <source>Select weekly hours in the list first.</source>
            <translation>Wählen Sie zuerst Wochenarbeitszeiten in der Liste.</translation>
        </message>
        <message>
            <source>Weekly hours removed.</source>
            <translation>Wochenarbeitszeiten entfernt.</translation>
        </message>
        <message>
            <source>Time off added.</source>
            <translation>Abwesenheit hinzugefügt.</translation>
        </message>
        <message>
            <source>Select time off in the list first.</source>
            <translation>Wählen Sie zuerst eine Abwesenheit in der Liste.</translation>
        </message>
        <message>
            <source>Time off removed.</source>
            <translation>Abwesenheit entfernt.</translation>
        </message>
    </context>
    <context>
        <name>setup.rooms_page</name>
        <message>
            <source>Rooms and resources</source>
            <translation>Räume und Ressourcen</translation>
        </message>
        <message>
            <source>Rooms</source>
            <translation>Räume</translation>
        </message>
        <message>
            <source>Ne&amp;w room</source>
            <translation>Neuer &amp;Raum</translation>
        </message>
        <message>
            <source>New room</source>
            <translation>Neuer Raum</translation>
        </message>
        <message>
            <source>Room name</source>
            <translation>Name des Raums</translation>
        </message>
        <message>
            <source>Room kind</source>
            <translation>Art des Raums</translation>
        </message>
        <message>
            <source>&amp;Active (offered for booking)</source>
            <translation>&amp;Aktiv (zur Buchung angeboten)</translation>
        </message>
        <message>
            <source>Room is active</source>
            <translation>Raum ist aktiv</translation>
        </message>
        <message>
            <source>&amp;Save room</source>
            <translation>Raum &amp;speichern</translation>
        </message>
        <message>
            <source>Save room</source>
            <translation>Raum speichern</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>A&amp;rt</translation>
        </message>
        <message>
            <source>Room</source>
            <translation>Raum</translation>
        </message>
        <message>
            <source> (inactive)</source>
            <translation> (inaktiv)</translation>
        </message>
        <message>
            <source>Room {clean} created.</source>
            <translation>Raum {clean} angelegt.</translation>
        </message>
        <message>
            <source>Room {clean} saved.</source>
            <translation>Raum {clean} gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>setup.schedule_hint</name>
        <message>
            <source>Nothing can be booked yet: the clinic's opening hours, the providers' working hours or the appointment types are not set up. Ask a practice manager to finish the clinic set-up.</source>
            <translation>Es kann noch nichts gebucht werden: Die Öffnungszeiten der Praxis, die Arbeitszeiten der Behandler oder die Terminarten sind nicht eingerichtet. Bitten Sie eine Praxisleitung, die Einrichtung abzuschließen.</translation>
        </message>
        <message>
            <source>Why nothing can be booked</source>
            <translation>Warum nichts gebucht werden kann</translation>
        </message>
    </context>
    <context>
        <name>setup.types_page</name>
        <message>
            <source>Appointment types</source>
            <translation>Terminarten</translation>
        </message>
        <message>
            <source>Ne&amp;w type</source>
            <translation>Neue &amp;Art</translation>
        </message>
        <message>
            <source>New appointment type</source>
            <translation>Neue Terminart</translation>
        </message>
        <message>
            <source>&amp;Archive</source>
            <translation>&amp;Archivieren</translation>
        </message>
        <message>
            <source>Archive or restore the selected type</source>
            <translation>Die gewählte Art archivieren oder wiederherstellen</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>Delete the selected type (archived if in use)</source>
            <translation>Die gewählte Art löschen (archiviert, wenn in Gebrauch)</translation>
        </message>
        <message>
            <source>Type name</source>
            <translation>Name der Art</translation>
        </message>
        <message>
            <source>Default duration in minutes</source>
            <translation>Standarddauer in Minuten</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>&amp;Colour…</source>
            <translation>&amp;Farbe…</translation>
        </message>
        <message>
            <source>Calendar colour</source>
            <translation>Kalenderfarbe</translation>
        </message>
        <message>
            <source>Chosen colour</source>
            <translation>Gewählte Farbe</translation>
        </message>
        <message>
            <source>Buffer before in minutes</source>
            <translation>Puffer vorher in Minuten</translation>
        </message>
        <message>
            <source>Buffer after in minutes</source>
            <translation>Puffer nachher in Minuten</translation>
        </message>
        <message>
            <source>Room kind needed</source>
            <translation>Benötigte Raumart</translation>
        </message>
        <message>
            <source>Providers offering this type</source>
            <translation>Behandler, die diese Art anbieten</translation>
        </message>
        <message>
            <source>&amp;Save type</source>
            <translation>Art &amp;speichern</translation>
        </message>
        <message>
            <source>Save appointment type</source>
            <translation>Terminart speichern</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <source>D&amp;uration</source>
            <translation>D&amp;auer</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Farbe</translation>
        </message>
        <message>
            <source>Buffer &amp;before</source>
            <translation>Puffer &amp;vorher</translation>
        </message>
        <message>
            <source>Buffer a&amp;fter</source>
            <translation>Puffer &amp;nachher</translation>
        </message>
        <message>
            <source>&amp;Room kind</source>
            <translation>&amp;Raumart</translation>
        </message>
        <message>
            <source>&amp;Offered by</source>
            <translation>&amp;Angeboten von</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>{name} · {duration_minutes} min</source>
            <translation>{name} · {duration_minutes} Min.</translation>
        </message>
        <message>
            <source> (archived)</source>
            <translation> (archiviert)</translation>
        </message>
        <message>
            <source>Res&amp;tore</source>
            <translation>&amp;Wiederherstellen</translation>
        </message>
        <message>
            <source>Type {name} created.</source>
            <translation>Art {name} angelegt.</translation>
        </message>
        <message>
            <source>Type {name} saved.</source>
            <translation>Art {name} gespeichert.</translation>
        </message>
        <message>
            <source>Select a type in the list first.</source>
            <translation>Wählen Sie zuerst eine Art in der Liste.</translation>
        </message>
        <message>
            <source>Type archived.</source>
            <translation>Art archiviert.</translation>
        </message>
        <message>
            <source>Type restored.</source>
            <translation>Art wiederhergestellt.</translation>
        </message>
        <message>
            <source>Type deleted.</source>
            <translation>Art gelöscht.</translation>
        </message>
        <message>
            <source>Appointments use this type, so it was archived instead of deleted.</source>
            <translation>Termine verwenden diese Art, daher wurde sie archiviert statt gelöscht.</translation>
        </message>
    </context>
    <context>
        <name>sign_in</name>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Choose a new password</source>
            <translation>Neues Passwort wählen</translation>
        </message>
        <message>
            <source>Change my password</source>
            <translation>Mein Passwort ändern</translation>
        </message>
        <message>
            <source>Choose your own password to continue: this account has a password that someone else set (a new account, or a reset by a manager).</source>
            <translation>Wählen Sie Ihr eigenes Passwort, um fortzufahren: Dieses Konto hat ein Passwort, das jemand anderes festgelegt hat (ein neues Konto oder eine Zurücksetzung durch die Praxisleitung).</translation>
        </message>
        <message>
            <source>Type your current password, then the new one twice.</source>
            <translation>Geben Sie Ihr aktuelles Passwort ein, dann zweimal das neue.</translation>
        </message>
        <message>
            <source>At least {MIN_LENGTH} characters. A few unrelated words make a strong password that is easy to remember; common passwords are refused.</source>
            <translation>Mindestens {MIN_LENGTH} Zeichen. Einige zusammenhanglose Wörter ergeben ein starkes Passwort, das leicht zu merken ist; gängige Passwörter werden abgelehnt.</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Aktuelles Passwort</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Neues Passwort</translation>
        </message>
        <message>
            <source>Repeat new password</source>
            <translation>Neues Passwort wiederholen</translation>
        </message>
        <message>
            <source>&amp;Current password</source>
            <translation>&amp;Aktuelles Passwort</translation>
        </message>
        <message>
            <source>&amp;New password</source>
            <translation>&amp;Neues Passwort</translation>
        </message>
        <message>
            <source>&amp;Repeat</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Change password</source>
            <translation>Passwort ändern</translation>
        </message>
        <message>
            <source>The two new passwords differ; type them again.</source>
            <translation>Die beiden neuen Passwörter unterscheiden sich; geben Sie sie erneut ein.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Wird geprüft…</translation>
        </message>
        <message>
            <source>Sign in to Cicini</source>
            <translation>Bei Cicini anmelden</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>&amp;Benutzername</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>&amp;Passwort</translation>
        </message>
        <message>
            <source>Opening the clinic's data…</source>
            <translation>Die Daten der Praxis werden geöffnet…</translation>
        </message>
        <message>
            <source>Opening the clinic's data… signing in once it is open.</source>
            <translation>Die Daten der Praxis werden geöffnet… die Anmeldung folgt, sobald sie offen sind.</translation>
        </message>
        <message>
            <source>Type your username and your password.</source>
            <translation>Geben Sie Ihren Benutzernamen und Ihr Passwort ein.</translation>
        </message>
        <message>
            <source>Choose a new password to finish signing in.</source>
            <translation>Wählen Sie ein neues Passwort, um die Anmeldung abzuschließen.</translation>
        </message>
    </context>
    <context>
        <name>staff_page</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Behandler</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <source>Deactivated</source>
            <translation>Deaktiviert</translation>
        </message>
        <message>
            <source>{status}, locked</source>
            <translation>{status}, gesperrt</translation>
        </message>
        <message>
            <source>New staff member</source>
            <translation>Neuer Mitarbeiter</translation>
        </message>
        <message>
            <source>Edit staff member</source>
            <translation>Mitarbeiter bearbeiten</translation>
        </message>
        <message>
            <source>Display name</source>
            <translation>Anzeigename</translation>
        </message>
        <message>
            <source>Temporary password</source>
            <translation>Vorläufiges Passwort</translation>
        </message>
        <message>
            <source>Limit to providers</source>
            <translation>Auf Behandler beschränken</translation>
        </message>
        <message>
            <source>Sees patients (appears as a column in the calendar)</source>
            <translation>Behandelt Patienten (erscheint als Spalte im Kalender)</translation>
        </message>
        <message>
            <source>Calendar colour</source>
            <translation>Kalenderfarbe</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>&amp;Wählen…</translation>
        </message>
        <message>
            <source>Choose the calendar colour</source>
            <translation>Kalenderfarbe wählen</translation>
        </message>
        <message>
            <source>Services offered</source>
            <translation>Angebotene Leistungen</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Fehlermeldung</translation>
        </message>
        <message>
            <source>Display &amp;name</source>
            <translation>Anzeige&amp;name</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>&amp;Benutzername</translation>
        </message>
        <message>
            <source>Temporary &amp;password</source>
            <translation>Vorläufiges &amp;Passwort</translation>
        </message>
        <message>
            <source>&amp;Roles</source>
            <translation>&amp;Rollen</translation>
        </message>
        <message>
            <source>Only for providers (none = all)</source>
            <translation>Nur für Behandler (keiner = alle)</translation>
        </message>
        <message>
            <source>Calendar &amp;colour</source>
            <translation>Kalender&amp;farbe</translation>
        </message>
        <message>
            <source>Search by name or username</source>
            <translation>Nach Name oder Benutzername suchen</translation>
        </message>
        <message>
            <source>Search staff</source>
            <translation>Personal suchen</translation>
        </message>
        <message>
            <source>Filter by role</source>
            <translation>Nach Rolle filtern</translation>
        </message>
        <message>
            <source>All roles</source>
            <translation>Alle Rollen</translation>
        </message>
        <message>
            <source>Filter by status</source>
            <translation>Nach Status filtern</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Alle</translation>
        </message>
        <message>
            <source>R&amp;ole:</source>
            <translation>R&amp;olle:</translation>
        </message>
        <message>
            <source>Sta&amp;tus:</source>
            <translation>Sta&amp;tus:</translation>
        </message>
        <message>
            <source>Staff list</source>
            <translation>Personalliste</translation>
        </message>
        <message>
            <source>Staff list status</source>
            <translation>Status der Personalliste</translation>
        </message>
        <message>
            <source>&amp;New…</source>
            <translation>&amp;Neu…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>&amp;Bearbeiten…</translation>
        </message>
        <message>
            <source>&amp;Deactivate</source>
            <translation>&amp;Deaktivieren</translation>
        </message>
        <message>
            <source>&amp;Reset password…</source>
            <translation>Passwort &amp;zurücksetzen…</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>&amp;Entsperren</translation>
        </message>
        <message>
            <source>&amp;Reactivate</source>
            <translation>&amp;Reaktivieren</translation>
        </message>
        <message>
            <source>The change was not made</source>
            <translation>Die Änderung wurde nicht vorgenommen</translation>
        </message>
        <message>
            <source>Cannot open the form</source>
            <translation>Das Formular kann nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Cannot open this member</source>
            <translation>Dieser Mitarbeiter kann nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Deactivate</source>
            <translation>Deaktivieren</translation>
        </message>
        <message>
            <source>Deactivate {display_name}? They can no longer sign in; their appointments and history stay. You can reactivate them later.</source>
            <translation>{display_name} deaktivieren? Die Person kann sich nicht mehr anmelden; Termine und Verlauf bleiben erhalten. Sie können sie später reaktivieren.</translation>
        </message>
        <message>
            <source>Reset password</source>
            <translation>Passwort zurücksetzen</translation>
        </message>
        <message>
            <source>A temporary password for {display_name} (they choose their own at next sign-in):</source>
            <translation>Ein vorläufiges Passwort für {display_name} (bei der nächsten Anmeldung wählt er oder sie ein eigenes):</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>booked</source>
            <translation>gebucht</translation>
        </message>
        <message>
            <source>confirmed</source>
            <translation>bestätigt</translation>
        </message>
        <message>
            <source>arrived</source>
            <translation>angekommen</translation>
        </message>
        <message>
            <source>in progress</source>
            <translation>in Behandlung</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>abgeschlossen</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>abgesagt</translation>
        </message>
        <message>
            <source>no-show</source>
            <translation>nicht erschienen</translation>
        </message>
        <message>
            <source>confirm it</source>
            <translation>den Termin bestätigen</translation>
        </message>
        <message>
            <source>check the patient in</source>
            <translation>die Ankunft erfassen</translation>
        </message>
        <message>
            <source>start it</source>
            <translation>die Behandlung beginnen</translation>
        </message>
        <message>
            <source>mark it completed</source>
            <translation>den Termin als abgeschlossen markieren</translation>
        </message>
        <message>
            <source>cancel it</source>
            <translation>den Termin absagen</translation>
        </message>
        <message>
            <source>mark it as a no-show</source>
            <translation>den Termin als nicht erschienen markieren</translation>
        </message>
        <message>
            <source>it is booked but not yet confirmed</source>
            <translation>der Termin ist gebucht, aber noch nicht bestätigt</translation>
        </message>
        <message>
            <source>the patient has not arrived yet</source>
            <translation>die Ankunft ist noch nicht erfasst</translation>
        </message>
        <message>
            <source>the patient has arrived but the visit has not started</source>
            <translation>die Ankunft ist erfasst, aber die Behandlung hat noch nicht begonnen</translation>
        </message>
        <message>
            <source>the visit is still in progress</source>
            <translation>die Behandlung läuft noch</translation>
        </message>
        <message>
            <source>the visit is already completed</source>
            <translation>die Behandlung ist bereits abgeschlossen</translation>
        </message>
        <message>
            <source>the appointment was cancelled</source>
            <translation>der Termin wurde abgesagt</translation>
        </message>
        <message>
            <source>the patient did not come (no-show)</source>
            <translation>der Termin wurde nicht wahrgenommen (nicht erschienen)</translation>
        </message>
        <message>
            <source>Confirm it (C) or check the patient in (A)</source>
            <translation>Bestätigen Sie ihn (C) oder erfassen Sie die Ankunft (A)</translation>
        </message>
        <message>
            <source>Check the patient in (A) when they arrive</source>
            <translation>Erfassen Sie die Ankunft (A), sobald die Person da ist</translation>
        </message>
        <message>
            <source>Start the visit first (S)</source>
            <translation>Beginnen Sie zuerst die Behandlung (S)</translation>
        </message>
        <message>
            <source>Mark it completed when the visit ends (D)</source>
            <translation>Markieren Sie ihn als abgeschlossen (D), wenn die Behandlung endet</translation>
        </message>
        <message>
            <source>Its status can no longer change</source>
            <translation>Sein Status kann sich nicht mehr ändern</translation>
        </message>
        <message>
            <source>change it</source>
            <translation>den Termin ändern</translation>
        </message>
        <message>
            <source>You cannot {action} now: {state}. {next_step}.</source>
            <translation>Sie können jetzt nicht {action}: {state}. {next_step}.</translation>
        </message>
        <message>
            <source>This appointment is tomorrow</source>
            <translation>Dieser Termin ist morgen</translation>
        </message>
        <message>
            <source>This appointment is on {day}</source>
            <translation>Dieser Termin ist am {day}</translation>
        </message>
        <message>
            <source>This appointment was yesterday</source>
            <translation>Dieser Termin war gestern</translation>
        </message>
        <message>
            <source>This appointment was on {day}</source>
            <translation>Dieser Termin war am {day}</translation>
        </message>
        <message>
            <source>{when}; a patient can be checked in only on the day of the appointment. A practice manager may check them in anyway and give the reason.</source>
            <translation>{when}; die Ankunft kann nur am Tag des Termins erfasst werden. Eine Praxisleitung kann sie trotzdem erfassen und den Grund angeben.</translation>
        </message>
    </context>
    <context>
        <name>sync</name>
        <message>
            <source>Cicini answered but stored none of the 1 day sent; they stay queued and sync will send them again.</source>
            <translation>Cicini hat geantwortet, aber den gesendeten Tag nicht gespeichert; er bleibt in der Warteschlange und wird erneut gesendet.</translation>
        </message>
        <message>
            <source>Cicini answered but stored none of the {offered} days sent; they stay queued and sync will send them again.</source>
            <translation>Cicini hat geantwortet, aber keinen der {offered} gesendeten Tage gespeichert; sie bleiben in der Warteschlange und werden erneut gesendet.</translation>
        </message>
        <message>
            <source>Cicini stored only {accepted} of the {offered} days sent; the others stay queued and sync will send them again.</source>
            <translation>Cicini hat nur {accepted} von {offered} gesendeten Tagen gespeichert; die übrigen bleiben in der Warteschlange und werden erneut gesendet.</translation>
        </message>
        <message>
            <source>Usage counts were sent to Cicini.</source>
            <translation>Die Nutzungszahlen wurden an Cicini gesendet.</translation>
        </message>
        <message>
            <source>Nothing new to send; Cicini is up to date.</source>
            <translation>Nichts Neues zu senden; Cicini ist auf dem neuesten Stand.</translation>
        </message>
        <message>
            <source>Sync is turned off or no sync endpoint is configured; ask IT.</source>
            <translation>Die Synchronisierung ist ausgeschaltet oder es ist kein Synchronisierungsziel eingestellt; wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>This installation is not enrolled; IT can run 'cicini enroll'.</source>
            <translation>Diese Installation ist nicht angemeldet; die IT kann 'cicini enroll' ausführen.</translation>
        </message>
        <message>
            <source>Cicini refused the usage document; sync has stopped until a practice manager runs 'cicini sync now' after an update or asks Cicini support.</source>
            <translation>Cicini hat das Nutzungsdokument abgelehnt; die Synchronisierung ruht, bis eine Praxisleitung nach einem Update 'cicini sync now' ausführt oder sich an den Cicini-Support wendet.</translation>
        </message>
        <message>
            <source>Cicini no longer accepts this installation's token; IT must run 'cicini enroll' again.</source>
            <translation>Cicini akzeptiert das Token dieser Installation nicht mehr; die IT muss 'cicini enroll' erneut ausführen.</translation>
        </message>
        <message>
            <source>Cicini could not be reached; nothing is lost and sync will retry automatically.</source>
            <translation>Cicini war nicht erreichbar; nichts geht verloren, die Synchronisierung versucht es automatisch erneut.</translation>
        </message>
        <message>
            <source>Cicini asked to wait before the next sync; it will retry on its own.</source>
            <translation>Cicini hat darum gebeten, mit der nächsten Synchronisierung zu warten; sie versucht es von selbst erneut.</translation>
        </message>
        <message>
            <source>Cicini answered but did not store every day sent; those days stay queued and sync will send them again.</source>
            <translation>Cicini hat geantwortet, aber nicht jeden gesendeten Tag gespeichert; diese Tage bleiben in der Warteschlange und werden erneut gesendet.</translation>
        </message>
        <message>
            <source>Nothing new to send, but Cicini refused the plan check; new usage will still be sent and the plan check is tried again later.</source>
            <translation>Nichts Neues zu senden, aber Cicini hat die Tarifprüfung abgelehnt; neue Nutzung wird weiterhin gesendet, und die Tarifprüfung wird später erneut versucht.</translation>
        </message>
    </context>
    <context>
        <name>weekdays</name>
        <message>
            <source>Monday</source>
            <translation>Montag</translation>
        </message>
        <message>
            <source>Tuesday</source>
            <translation>Dienstag</translation>
        </message>
        <message>
            <source>Wednesday</source>
            <translation>Mittwoch</translation>
        </message>
        <message>
            <source>Thursday</source>
            <translation>Donnerstag</translation>
        </message>
        <message>
            <source>Friday</source>
            <translation>Freitag</translation>
        </message>
        <message>
            <source>Saturday</source>
            <translation>Samstag</translation>
        </message>
        <message>
            <source>Sunday</source>
            <translation>Sonntag</translation>
        </message>
        <message>
            <source>day {number}</source>
            <translation>Tag {number}</translation>
        </message>
    </context>
    <context>
        <name>workspace</name>
        <message>
            <source>Staff</source>
            <translation>Personal</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Datenschutz</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>Sicherungen</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Erinnerungen</translation>
        </message>
        <message>
            <source>Reminder rules</source>
            <translation>Erinnerungsregeln</translation>
        </message>
        <message>
            <source>Clinic set-up</source>
            <translation>Praxis einrichten</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>Kalender</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patienten</translation>
        </message>
        <message>
            <source>Waitlist</source>
            <translation>Warteliste</translation>
        </message>
        <message>
            <source>Signed in: {display_name}</source>
            <translation>Angemeldet: {display_name}</translation>
        </message>
    </context>
</TS>
