from .base import KennisbankPage
from .indeling import PaginaDoelgroep, PaginaDomein, PaginaOnderwerp, PaginaWet
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
    "PaginaDoelgroep",
    "PaginaDomein",
    "PaginaOnderwerp",
    "PaginaWet",
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
