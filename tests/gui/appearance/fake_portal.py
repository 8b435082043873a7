"""A stand-in for the desktop portal's Settings interface on a private session bus.

Qt's `xdgdesktopportal` platform theme asks `org.freedesktop.portal.Settings` for the
`org.freedesktop.appearance` keys `color-scheme` (0 none, 1 dark, 2 light) and `contrast`
(0 normal, 1 high) and listens to `SettingChanged`: GNOME, KDE and others answer it for
their dark and high-contrast settings. Run as a process:

    fake_portal.py SCHEME CONTRAST [SWITCH_CONTRAST_AFTER_SECONDS]

It prints "ready" once it owns the portal's name; with a third argument it turns high
contrast on that many seconds after Qt first read the settings, with the signal a desktop
sends when the user flips the switch.
"""

from __future__ import annotations

import sys
import threading
import time

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
SETTINGS = "org.freedesktop.portal.Settings"
APPEARANCE = "org.freedesktop.appearance"


def main() -> None:
    values = {"color-scheme": int(sys.argv[1]), "contrast": int(sys.argv[2])}
    switch_after = float(sys.argv[3]) if len(sys.argv) > 3 else None
    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(NAME))
    print("ready", flush=True)
    lock = threading.Lock()

    def switch() -> None:
        time.sleep(switch_after or 0)
        with lock:
            values["contrast"] = 1
            signal = new_signal(
                DBusAddress(PATH, interface=SETTINGS),
                "SettingChanged",
                "ssv",
                (APPEARANCE, "contrast", ("u", 1)),
            )
            connection.send(signal)

    switched = False
    while True:
        message = connection.receive()
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        with lock:
            if member == "ReadAll":
                answer = {APPEARANCE: {key: ("u", value) for key, value in values.items()}}
                connection.send(new_method_return(message, "a{sa{sv}}", (answer,)))
                if switch_after is not None and not switched:
                    switched = True
                    threading.Thread(target=switch, daemon=True).start()
            elif member in ("Read", "ReadOne") and message.body[0] == APPEARANCE:
                value = ("u", values.get(message.body[1], 0))
                body = (("v", value),) if member == "Read" else (value,)
                connection.send(new_method_return(message, "v", body))
            elif member == "Get":  # a portal interface's version
                connection.send(new_method_return(message, "v", (("u", 2),)))
            else:
                error = "org.freedesktop.DBus.Error.UnknownMethod"
                connection.send(new_error(message, error, "s", ("not here",)))


if __name__ == "__main__":
    main()
