from cicini_desktop.services.clinic import open_clinic


def test_created_clinic_reopens_with_the_stored_key(new_clinic, config, vault):
    new_clinic.context.database.close()
    reopened = open_clinic(config, vault)
    try:
        assert reopened.organization_id == new_clinic.context.organization_id
    finally:
        reopened.database.close()


def test_the_manifest_and_head_file_are_not_readable_by_others(new_clinic) -> None:
    import os
    import stat

    from cicini_desktop.store.audit_head import head_path
    from cicini_desktop.store.manifest import manifest_path

    database = new_clinic.context.database.path
    for path in (database, manifest_path(database), head_path(database)):
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path
