#!/usr/bin/env bash
# Issue 18's "done means", on a disposable CI machine (root): the built .deb installed,
# provisioned as root for a desk account by the IT guide's own commands, that account signed
# in under Xvfb by typing; then an upgrade over an older build, with its data and migration
# checked. Prints the times the closing note asks for.
#
#   .ci/deb-desk-flow.sh build/packaging-smoke/dist/cicini-desktop_0.1.0_amd64.deb
#
# Every Linux example of the guide that needs root (apt, useradd/groupadd, provisioning, the
# PostgreSQL server's set-up and pg_dump) is run here VERBATIM, read out of the Markdown by
# .ci/guide-block.sh; tests/e2e/test_it_guide.py checks that every tagged block is run here,
# by pytest, or marked NOT YET BUILT OR TESTED.
#
# CHANGES THE MACHINE: installs and purges the package, adds the accounts 'reception' and
# 'nurse' and the group 'cicini', writes /secure, /etc/cicini and /var/lib/cicini, starts the
# Debian PostgreSQL cluster (TLS, pg_hba lines, a 'cicini' database; undone at the end).
# Run it in CI or a throw-away container only.
# The older build is made from CICINI_OLD_REF (default: the last commit whose schema was
# 0008, before the clinic set-up's migration 0009), relabelled 0.0.9 so apt sees an upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
NEW_DEB=$(readlink -f "${1:?usage: .ci/deb-desk-flow.sh NEW.deb}")
PYTHON=${PYTHON:-.venv/bin/python}
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"  # absolute, links kept (venv)
OLD_REF=${CICINI_OLD_REF:-fced8d0}
OUT=${OUT:-build/deb-desk-flow}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
DESK=reception
OTP="Amber-Harbour-Violin-31"        # one-time passwords in the provisioning files below
NEW_PW="Lantern-Copper-Meadow-64"    # what the receptionist chooses at first sign-in
export DEBIAN_FRONTEND=noninteractive
[ "$(id -u)" = 0 ] || { echo "deb-desk-flow: run as root (it installs a package)" >&2; exit 1; }

apt-get install -y -qq xvfb xauth xdotool file >/dev/null
id "$DESK" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$DESK"
rm -rf "${OUT:?}"/* && chmod 755 "$OUT"
cp .ci/xvfb-sign-in.sh "$OUT/" && chmod 755 "$OUT/xvfb-sign-in.sh"

as_desk() { runuser -u "$DESK" -- "$@"; }
as_desk_in_tmp() { ( cd /tmp && as_desk "$@" ); }
sign_in() {  # staff username, under Xvfb as the desk account
    ( cd /tmp && as_desk env XVFB_SIGN_IN_LOG="/tmp/cicini-xvfb-$1.log" \
        xvfb-run -a -s "-screen 0 1280x800x24" "$OUT/xvfb-sign-in.sh" "$1" "$OTP" "$NEW_PW" )
}
forget_clinic() {  # the data, keys and settings; the package stays
    rm -rf /etc/cicini/config.toml /etc/cicini/cicini.key /etc/cicini/cicini.key.secrets.json \
        /var/lib/cicini /secure "/home/$DESK/.local/state/Cicini"
    getent group cicini >/dev/null && groupdel cicini
    return 0
}
forget_installation() {
    dpkg --purge cicini-desktop >/dev/null 2>&1 || true
    forget_clinic
    rm -rf /etc/cicini
}
write_provision_file() {  # $1: with [[staff]] (new builds) or manager only (older builds)
    mkdir -p /secure && chmod 700 /secure
    cat > /secure/provision.toml <<TOML
recovery_key_file = "/secure/cicini-recovery-key.txt"
[organization]
name = "Praxis am Markt"
timezone = "Europe/Berlin"
[manager]
username = "pm.weber"
display_name = "Practice Manager"
one_time_password = "$OTP"
[settings]
data_dir = "/var/lib/cicini"
key_file = "/etc/cicini/cicini.key"
idle_lock_minutes = 10
TOML
    if [ "$1" = staff ]; then
        cat >> /secure/provision.toml <<TOML
[[staff]]
username = "desk1"
display_name = "Front Desk One"
roles = ["Receptionist"]
one_time_password = "$OTP"
TOML
    fi
    chmod 600 /secure/provision.toml
}
guide_block() {  # the IT guide's block tagged NAME, verbatim
    bash "$REPO/.ci/guide-block.sh" "$1"
}
run_guide_block() {  # NAME [RUNNER...]: that block, verbatim, in bash -euo pipefail
    local name=$1 block
    shift
    block=$(guide_block "$name")
    echo "deb-desk-flow: running the IT guide's block '$name' verbatim:" >&2
    echo "$block" | sed 's/^/    /' >&2
    ( cd "$(dirname "$NEW_DEB")" && "$@" bash -euo pipefail -c "$block" )
}

pg_server_flow() {
    local version conf owner_pw desks_pw manager_pw dump it
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    conf=/etc/postgresql/$version/main
    [ -d "$conf" ] || { echo "deb-desk-flow: no Debian cluster $version/main" >&2; return 1; }
    owner_pw=$(openssl rand -hex 16); desks_pw=$(openssl rand -hex 16)
    manager_pw="Copper-Lantern-Harbour-27"
    PG_CONF=$conf
    # The guide's TLS step (prose above the pg_hba lines), with a self-signed certificate.
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
        -keyout "$conf/cicini-flow.key" -out "$conf/cicini-flow.crt" 2>/dev/null
    chown postgres:postgres "$conf/cicini-flow.key" "$conf/cicini-flow.crt"
    chmod 600 "$conf/cicini-flow.key"
    printf "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n" \
        "$conf/cicini-flow.crt" "$conf/cicini-flow.key" > "$conf/conf.d/cicini-flow.conf"
    cp -p "$conf/pg_hba.conf" "$OUT/pg_hba.conf.orig"
    guide_block pg_hba.conf >> "$conf/pg_hba.conf"
    # A real server starts the cluster when the package is installed (systemd); CI has no
    # systemd, so it is started here, then the guide's block runs verbatim (the package is
    # already installed; createuser --pwprompt reads the owner's password twice: no terminal).
    pg_ctlcluster "$version" main start
    printf '%s\n%s\n' "$owner_pw" "$owner_pw" | run_guide_block pg-server setsid --wait
    # The guide's pg_hba lines parse, with TLS on (a hostssl line is an error without it).
    [ "$(sudo -u postgres psql -tAc "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL")" = 0 ]
    [ "$(sudo -u postgres psql -tAc "SELECT count(*) FROM pg_hba_file_rules WHERE database = '{cicini}'")" = 2 ]
    # `cicini server init` from the installed package, as in the guide; its one placeholder,
    # the server's name db.clinic.example, is this machine (localhost).
    it="$OUT/it-machine"; mkdir -p "$it"
    printf 'key_file = "%s"\ndata_dir = "%s"\n' "$it/it.key" "$it/data" > "$it/config.toml"
    guide_block server-init | sed 's/db\.clinic\.example/localhost/g' > "$it/server-init.sh"
    ( cd "$it" && env CICINI_MACHINE_CONFIG="$it/config.toml" PGPASSWORD="$owner_pw" \
        MANAGER_PASSWORD="$manager_pw" DESKS_DB_PASSWORD="$desks_pw" \
        bash -euo pipefail "$it/server-init.sh" ) | tee "$OUT/server-init.txt"
    grep -q 'store = "postgresql"' "$OUT/server-init.txt"
    # The nightly dump, verbatim, as root (cron): a custom-format dump of the clinic's schema.
    run_guide_block pg-dump
    [ "$(stat -c '%a %U' /var/backups/cicini)" = "700 postgres" ]
    dump=$(ls /var/backups/cicini/cicini-*.dump)
    pg_restore --list "$dump" > "$OUT/pg-dump-list.txt"   # (not piped into grep -q: pipefail)
    grep -q "TABLE public audit_record " "$OUT/pg-dump-list.txt"
    echo "deb-desk-flow: PostgreSQL server set up by the guide's blocks; server init and pg_dump ran"
}
cleanup() {
    git -C "$REPO" worktree remove --force "$OUT/old-src" >/dev/null 2>&1 || true
    if [ -n "${PG_CONF:-}" ]; then
        local version
        version=$(basename "$(dirname "$PG_CONF")")
        sudo -u postgres psql -qc "DROP DATABASE IF EXISTS cicini WITH (FORCE)" >/dev/null 2>&1 || true
        sudo -u postgres psql -qc "DROP ROLE IF EXISTS cicini_app" >/dev/null 2>&1 || true
        sudo -u postgres psql -qc "DROP ROLE IF EXISTS cicini_owner" >/dev/null 2>&1 || true
        pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
        [ -f "$OUT/pg_hba.conf.orig" ] && cp -p "$OUT/pg_hba.conf.orig" "$PG_CONF/pg_hba.conf"
        rm -f "$PG_CONF/conf.d/cicini-flow.conf" "$PG_CONF/cicini-flow.key" "$PG_CONF/cicini-flow.crt"
        rm -rf /var/backups/cicini
        PG_CONF=
    fi
}

trap cleanup EXIT

# --- 1. the new .deb, from nothing to a signed-in receptionist -----------------------------
forget_installation
write_provision_file staff
start=$(date +%s.%N)
run_guide_block desk-flow
provisioned=$(date +%s.%N)
sign_in desk1
signed_in=$(date +%s.%N)
# The sign-in really changed the one-time password: the new one now works at the CLI.
printf '%s\n' "$NEW_PW" | as_desk cicini setup export --to /tmp/cicini-flow-export.toml \
    --user desk1 --password-stdin >/dev/null
as_desk cicini doctor --json > "$OUT/doctor-fresh.json"
as_desk rm -f /tmp/cicini-flow-export.toml
awk -v a="$start" -v b="$provisioned" -v c="$signed_in" 'BEGIN {
    printf "deb-desk-flow: .deb to provisioned %.1f s, to a signed-in receptionist %.1f s\n", b - a, c - a }'
# Every bundled ELF file finds every library it needs among the installed dependencies.
missing=$(find /opt/cicini -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
    'file -b "$1" | grep -q ELF && ldd "$1" 2>/dev/null | grep "not found" | sed "s|^|$1: |"' _ {} \; || true)
if [ -n "$missing" ]; then
    echo "deb-desk-flow: libraries not found (declare them in packaging/deb-depends.txt):" >&2
    echo "$missing" | sort -u >&2
    exit 1
fi

# The guide's separate install and provisioning blocks (sections 1 and 3): run again on the
# provisioned workstation they change nothing. The health-check block (section 9) runs as
# the desk account, every line of it exiting 0.
run_guide_block install >/dev/null
[ "$(dpkg-query -W -f '${Status}' cicini-desktop)" = "install ok installed" ]
run_guide_block provision | tee "$OUT/provision-again.txt"
grep -q "Already provisioned: nothing was changed." "$OUT/provision-again.txt"
run_guide_block doctor as_desk_in_tmp > "$OUT/doctor-block.txt"
grep -q '"healthy": true' "$OUT/doctor-block.txt"   # the line `cicini doctor --json`

# The reminders' systemd units (section 10): the service's ExecStart= as its User= (the
# guide's placeholder 'clinic' is the desk account here), and both units verified by
# systemd-analyze (systemd is not PID 1 in CI, so `systemctl enable --now` is not run).
service=$(guide_block cicini-reminders.service)
[ "$(printf '%s\n' "$service" | sed -n 's/^User=//p')" = clinic ]
exec_start=$(printf '%s\n' "$service" | sed -n 's/^ExecStart=//p')
# shellcheck disable=SC2086 # ExecStart= is split into words as systemd splits it
( cd /tmp && as_desk $exec_start ) | tee "$OUT/reminders-run.txt"
grep -q "^Reminders" "$OUT/reminders-run.txt"   # "Reminders: 0 sent, ..." or "... switched off"
mkdir -p "$OUT/units"
printf '%s\n' "$service" | sed "s/^User=clinic$/User=$DESK/" > "$OUT/units/cicini-reminders.service"
guide_block cicini-reminders.timer > "$OUT/units/cicini-reminders.timer"
if command -v systemd-analyze >/dev/null 2>&1; then
    ( cd "$OUT/units" && systemd-analyze verify --man=no cicini-reminders.timer cicini-reminders.service )
else
    echo "deb-desk-flow: no systemd-analyze here; the units' syntax was not verified" >&2
fi

# --- 1b. model (b): several OS accounts share one clinic (section 3a, verbatim) ------------
forget_clinic
write_provision_file staff
id nurse >/dev/null 2>&1 || useradd --create-home --shell /bin/bash nurse   # the guide's accounts
run_guide_block group
[ "$(stat -c '%a %G' /var/lib/cicini)" = "2770 cicini" ]
[ "$(stat -c '%a %U %G' /etc/cicini/cicini.key)" = "640 root cicini" ]
[ "$(stat -c '%a %G' /var/lib/cicini/cicini.db)" = "660 cicini" ]
for account in "$DESK" nurse; do
    ( cd /tmp && runuser -u "$account" -- cicini doctor >/dev/null )
done
echo "deb-desk-flow: shared workstation: '$DESK' and 'nurse' both open the clinic (group cicini)"

# --- 1c. the clinic's PostgreSQL server (section 10a) on this machine's Debian cluster -------
pg_server_flow

# --- 2. an upgrade over an older build: data kept, migration named, then run ---------------
old_src="$OUT/old-src"
git worktree add --force --detach "$old_src" "$OLD_REF" >/dev/null
sed -i 's/^__version__ = .*/__version__ = "0.0.9"/' "$old_src/cicini_desktop/_version.py"
old_started=$(date +%s)
"$PYTHON" "$old_src/packaging/build.py" --dist "$OUT/old-dist" --work "$OUT/old-work" \
    --deb-compression gzip >"$OUT/old-build.log" 2>&1
echo "deb-desk-flow: older build ($OLD_REF as 0.0.9) made in $(( $(date +%s) - old_started )) s"
OLD_DEB=$(ls "$OUT"/old-dist/cicini-desktop_0.0.9_*.deb)

forget_installation
write_provision_file manager-only
apt-get install -y -qq "$OLD_DEB" >/dev/null
cicini provision --config /secure/provision.toml
# The older build had no --owner: hand the files over by hand, as its guide would have.
chown -R "$DESK:" /var/lib/cicini /etc/cicini/cicini.key
sign_in pm.weber
old_revision=$(as_desk cicini doctor | grep -o 'schema at revision [0-9]*' || true)
echo "deb-desk-flow: older build in use ($old_revision), manager signed in"

apt-get install -y -qq "$NEW_DEB" >/dev/null
set +e
as_desk cicini doctor > "$OUT/doctor-after-upgrade.txt" 2>&1
code=$?
set -e
grep -q "cicini migrate" "$OUT/doctor-after-upgrade.txt" || {
    echo "deb-desk-flow: doctor did not name 'cicini migrate' after the upgrade (exit $code)" >&2
    cat "$OUT/doctor-after-upgrade.txt" >&2; exit 1; }
[ "$code" = 9 ] || { echo "deb-desk-flow: doctor exited $code, expected 9" >&2; exit 1; }
run_guide_block upgrade | tee "$OUT/migrate.txt"   # migrate, then doctor (exit 0), as the desk
grep -q "pre-migration-" "$OUT/migrate.txt"
ls /var/lib/cicini/backups/pre-migration-*.db >/dev/null
# The data survived: the manager's own password (chosen in the older build) still signs in,
# and the clinic is the one provisioned.
printf '%s\n' "$NEW_PW" | as_desk cicini setup export --to /tmp/cicini-upgrade-export.toml \
    --user pm.weber --password-stdin >/dev/null
grep -q 'username = "pm.weber"' /tmp/cicini-upgrade-export.toml
as_desk rm -f /tmp/cicini-upgrade-export.toml
echo "deb-desk-flow: upgrade over the older build kept the data; doctor named 'cicini migrate'"

forget_installation
cleanup
echo "deb-desk-flow: passed"
