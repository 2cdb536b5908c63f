"""Passages one text takes over word for word from another.

Texts are compared by their words, case and punctuation aside. A passage is a run of `LENGTE`
words; a source shorter than that counts only when it is taken over whole and has at least
`KORTSTE` words, so that a common phrase ("geen bijzonderheden") is no passage. Paraphrase is
not recognised: this catches what was pasted, not what was retold.
"""

import re

LENGTE = 12
KORTSTE = 6


def woorden(tekst):
    return re.findall(r"\w+", (tekst or "").casefold())


class Passages:
    """The runs of words of some texts, to look for in other texts."""

    def __init__(self, teksten):
        self._runs = {lengte: set() for lengte in range(KORTSTE, LENGTE + 1)}
        for tekst in teksten:
            w = woorden(tekst)
            for lengte, runs in self._runs.items():
                runs.update(tuple(w[i : i + lengte]) for i in range(len(w) - lengte + 1))

    def uit(self, bron):
        """The first passage of `bron` these texts hold, as its words joined by spaces; or None."""
        w = woorden(bron)
        if len(w) < KORTSTE:
            return None
        lengte = min(len(w), LENGTE)
        runs = self._runs[lengte]
        for i in range(len(w) - lengte + 1):
            run = tuple(w[i : i + lengte])
            if run in runs:
                return " ".join(run)
        return None
