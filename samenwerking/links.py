"""Links for long lists. Django's reverse() costs tens of microseconds a call: a page that
lists hundreds of reports or learnings on every visit reverses their URL name once and fills
in the numbers."""

from django.urls import reverse

# Numbers no URL of the portal holds otherwise, one per argument.
_MARKERS = (987654321, 987654322, 987654323)


def reverser(name, arguments):
    """A function of `arguments` integers that returns the URL of `name` with them, as
    reverse(name, args=[...]) does."""
    markers = _MARKERS[:arguments]
    voorbeeld = reverse(name, args=markers)
    if any(voorbeeld.count(str(marker)) != 1 for marker in markers):
        return lambda *args: reverse(name, args=args)
    sjabloon = voorbeeld.replace("{", "{{").replace("}", "}}")
    for n, marker in enumerate(markers):
        sjabloon = sjabloon.replace(str(marker), f"{{{n}}}")

    def url(*args):
        if len(args) != arguments:
            raise TypeError(f"{name} takes {arguments} arguments, not {len(args)}")
        return sjabloon.format(*(int(value) for value in args))

    return url
