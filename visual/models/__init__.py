from .pages import OverzichtPage
from .register import Aanwijzing, AanwijzingWijziging
from .toezicht import Situatie, Toezichthouder, Toezichtsgebied

__all__ = [
    "Aanwijzing",
    "AanwijzingWijziging",
    "OverzichtPage",
    "Situatie",
    "Toezichthouder",
    "Toezichtsgebied",
]
