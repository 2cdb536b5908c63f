"""Seed step: build the search index once the other apps' content is loaded."""

from .rebuild import rebuild


def load(command):
    summary = rebuild()
    command.report(f"Zoekindex: {summary['documenten']} documenten.")
