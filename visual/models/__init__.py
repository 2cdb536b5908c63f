from .pages import OverzichtPage
from .register import Aanwijzing, AanwijzingWijziging, BekendeAanwijzing
from .toezicht import Situatie, Toezichthouder, Toezichtsgebied

__all__ = [
    "Aanwijzing",
    "AanwijzingWijziging",
    "BekendeAanwijzing",
    "OverzichtPage",
    "Situatie",
    "Toezichthouder",
    "Toezichtsgebied",
]
