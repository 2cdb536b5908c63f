"""Shared machinery of `load_seed_content`: errors that name file and entry, and
fingerprints so a second run changes nothing."""

import hashlib
import json
from datetime import date


class SeedError(Exception):
    def __init__(self, bestand, entry, message):
        self.bestand, self.entry, self.message = str(bestand), str(entry), str(message)
        super().__init__(f"{self.bestand}: {self.entry}: {self.message}")


def fingerprint(data):
    def default(value):
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    encoded = json.dumps(data, sort_keys=True, default=default, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def unchanged(key, entry):
    """(same, state): whether `entry` is what the last run loaded under `key`; pass state to
    `remember` once it is loaded."""
    from .models import SeedRecord

    digest = fingerprint(entry)
    record = SeedRecord.objects.filter(sleutel=key).first()
    return (record is not None and record.vingerafdruk == digest), (record, digest)


def remember(key, state):
    from .models import SeedRecord

    record, digest = state
    if record is None:
        SeedRecord.objects.create(sleutel=key, vingerafdruk=digest)
    else:
        record.vingerafdruk = digest
        record.save(update_fields=["vingerafdruk"])


def period(entry, bestand, label):
    """(geldig_vanaf, geldig_tot) of an entry, checked for order."""
    vanaf = as_date(entry.get("geldig_vanaf"), bestand, label, "geldig_vanaf")
    tot = as_date(entry.get("geldig_tot"), bestand, label, "geldig_tot")
    if vanaf and tot and tot < vanaf:
        raise SeedError(bestand, label, "geldig_tot ligt voor geldig_vanaf")
    return vanaf, tot


def require(entry, keys, bestand, label):
    if not isinstance(entry, dict):
        raise SeedError(bestand, label, f"verwacht een mapping (sleutel: waarde), kreeg {type(entry).__name__}")
    missing = [key for key in keys if entry.get(key) in (None, "", [])]
    if missing:
        raise SeedError(bestand, label, f"verplichte velden ontbreken: {', '.join(missing)}")
    for key, value in entry.items():
        if key in keys and not isinstance(value, str | int | float | date | list | dict):
            raise SeedError(bestand, label, f"veld '{key}' heeft een ongeldige waarde")
    return entry


def as_list(value, bestand, label, key):
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise SeedError(bestand, label, f"'{key}' moet een lijst zijn")
    return value


def as_date(value, bestand, label, key, required=False):
    if value in (None, ""):
        if required:
            raise SeedError(bestand, label, f"'{key}' is verplicht (JJJJ-MM-DD)")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SeedError(bestand, label, f"'{key}' is geen geldige datum (JJJJ-MM-DD): {value!r}")
