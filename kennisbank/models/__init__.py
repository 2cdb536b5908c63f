from .base import KennisbankPage
from .kaders import (
    KaderOnderdeelPage,
    NormKoppeling,
    NormPage,
    Toetspunt,
    ToezichtkaderPage,
)
from .pages import (
    ArtikelPage,
    HandreikingPage,
    KennisbankIndexPage,
    KennisbronPage,
    ProcedurePage,
    ProcedureStap,
    ProcedureVorm,
    PublicatiePage,
    ToezichtsvormPage,
)
from .snippets import Begrip, Handhavingsmaatregel
from .taxonomie import Doelgroep, Domein, Onderwerp, Voorzieningsoort, Wet, Wetsartikel

__all__ = [
    "ArtikelPage",
    "Begrip",
    "Doelgroep",
    "Domein",
    "HandreikingPage",
    "Handhavingsmaatregel",
    "KaderOnderdeelPage",
    "KennisbankIndexPage",
    "KennisbankPage",
    "KennisbronPage",
    "NormKoppeling",
    "NormPage",
    "Onderwerp",
    "ProcedurePage",
    "ProcedureStap",
    "ProcedureVorm",
    "PublicatiePage",
    "Toetspunt",
    "ToezichtkaderPage",
    "ToezichtsvormPage",
    "Voorzieningsoort",
    "Wet",
    "Wetsartikel",
]
