from cicini_desktop.services.clinic import open_clinic


def test_created_clinic_reopens_with_the_stored_key(new_clinic, config, vault):
    new_clinic.context.database.close()
    reopened = open_clinic(config, vault)
    try:
        assert reopened.organization_id == new_clinic.context.organization_id
    finally:
        reopened.database.close()
