"""What every search backend answers, and what it is asked."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


class BackendUnavailable(Exception):
    """The engine cannot be reached or failed; the caller falls back to the database."""


@dataclass
class SearchRequest:
    analysed: object
    principals: list | None
    filters: dict = field(default_factory=dict)
    offset: int = 0
    limit: int = 10
    mode: str = "and"
    # In mode "or": how many of the word groups a document must hold (None: one).
    minimum: int | None = None

    @property
    def least(self):
        """How many word groups a match holds at least."""
        groups = len(self.analysed.groups)
        if self.mode == "and":
            return groups
        return max(1, min(self.minimum or 1, groups))


@dataclass
class RawResult:
    total: int
    keys: list
    facets: dict  # facet -> {value: count}
    # (facet, value) -> label, from the matches themselves; else read from the value table.
    labels: dict = field(default_factory=dict)


class SearchBackend(ABC):
    """The interface both engines implement; the database one is always available."""

    name = ""

    @abstractmethod
    def search(self, request):
        """Return a RawResult for a SearchRequest, filtered by its principals."""

    @abstractmethod
    def autocomplete(self, prefix, principals, limit):
        """Return titles starting with prefix that the principals may see."""
