"""Ids as they come in from a form, a URL or a GraphQL argument."""

# Primary keys are 64-bit (DEFAULT_AUTO_FIELD is BigAutoField); a larger number is no id of
# anything, and SQLite refuses to compare with it (OverflowError) instead of finding nothing.
MAX_ID = 2**63 - 1


def parse_id(value):
    """The id that `value` spells, or None when it spells no possible id."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None
