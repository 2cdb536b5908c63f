"""Users, organisations, municipalities and the home page: what every app builds on."""

from django.contrib.auth.models import AbstractUser, BaseUserManager, Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .privacy import PagePrivacyManager

PORTAL_ROLES = ("Redacteur", "Hoofdredacteur", "Toezichthouder", "Gemeente", "Professional")


class Regio(models.Model):
    """A region a municipality belongs to (GGD-regio at least)."""

    class Soort(models.TextChoices):
        GGD = "ggd", _("GGD-regio")
        TOEZICHT = "toezicht", _("Toezichtsregio")

    code = models.CharField(_("code"), max_length=20, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.GGD)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


def als_cbs_code(value):
    """GM0599 for "gm0599", "0599" or "599"; other text unchanged but for case."""
    code = (value or "").strip().upper()
    return f"GM{code.zfill(4)}" if code.isdigit() else code


class GemeenteQuerySet(models.QuerySet):
    def match(self, value):
        """Find a municipality by CBS code (GM0599 or 0599) or by name, ignoring case."""
        value = (value or "").strip()
        if not value:
            return self.none()
        by_code = self.filter(cbs_code=als_cbs_code(value))
        if by_code.exists():
            return by_code
        return self.filter(naam__iexact=value)


class Gemeente(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    naam = models.CharField(_("naam"), max_length=200, db_index=True)
    provincie = models.CharField(_("provincie"), max_length=100, blank=True)
    roepnamen = models.CharField(
        _("andere namen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Namen waaronder de gemeente ook bekend is, gescheiden door komma's, zoals "
            "'Den Haag' voor 's-Gravenhage. De navigator en de zoekfunctie herkennen ze."
        ),
    )
    regios = models.ManyToManyField(Regio, blank=True, related_name="gemeenten", verbose_name=_("regio's"))

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def roepnaam_lijst(self):
        return [n.strip() for n in self.roepnamen.split(",") if n.strip()]

    @property
    def ggd_regio(self):
        return next((r for r in self.regios.all() if r.soort == Regio.Soort.GGD), None)


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        REGIONALE_TOEZICHTHOUDER = "regionale_toezichthouder", _("Regionale toezichthouder Wmo")
        RIJKSINSPECTIE = "rijksinspectie", _("Rijksinspectie")
        SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband")
        KENNISINSTITUUT = "kennisinstituut", _("Kennisinstituut")
        AANBIEDER = "aanbieder", _("Aanbieder")
        ANDERS = "anders", _("Anders")

    naam = models.CharField(_("naam"), max_length=255, unique=True)
    afkorting = models.CharField(_("afkorting"), max_length=50, blank=True)
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    website = models.URLField(_("website"), blank=True)
    andere_namen = models.TextField(
        _("andere en vroegere namen"),
        blank=True,
        help_text=_(
            "Eén per regel: hoe bronnen deze organisatie ook noemen, zoals een vroegere naam. "
            "Een uitgever met zo'n naam telt in het zoeken als deze organisatie."
        ),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisaties",
        verbose_name=_("gemeente"),
        help_text=_("Alleen voor organisaties van het soort gemeente."),
    )
    groep = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="organisatie",
        verbose_name=_("groep"),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def namen(self):
        """Every name this organisation goes by: its name, 'name (short name)', its short
        name and its other names."""
        namen = [self.naam]
        if self.afkorting:
            namen += [f"{self.naam} ({self.afkorting})", self.afkorting]
        namen += [n.strip() for n in self.andere_namen.splitlines() if n.strip()]
        return namen

    def save(self, *args, **kwargs):
        # Each organisation has its own group, so a space can admit a whole organisation.
        if self.groep_id is None:
            self.groep, _created = Group.objects.get_or_create(name=f"Organisatie: {self.naam}"[:150])
        super().save(*args, **kwargs)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        email = self.normalize_email(email).lower()
        extra_fields.setdefault("username", email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A portal user who signs in with an e-mail address."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("organisatie"),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.lower()
        if not self.username:
            self.username = self.email
        super().save(*args, **kwargs)


def get_anonymous_user_instance(user_model):
    from django.conf import settings

    email = settings.ANONYMOUS_USER_NAME
    return user_model(username=email, email=email, is_active=False)


class HomePage(Page):
    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    objects = PagePrivacyManager()

    class Meta:
        verbose_name = _("startpagina")


class InformatiePage(Page):
    """A plain page of the site shell: the accessibility and privacy statements, 'over'."""

    body = RichTextField(_("tekst"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    objects = PagePrivacyManager()

    class Meta:
        verbose_name = _("informatiepagina")


class SeedRecord(models.Model):
    """What `load_seed_content` last wrote for one entry, so an unchanged entry is skipped
    and an editor's later changes to it are not overwritten by a second run."""

    sleutel = models.CharField(_("sleutel"), max_length=255, unique=True)
    vingerafdruk = models.CharField(_("vingerafdruk"), max_length=64)

    class Meta:
        verbose_name = _("geladen startinhoud")
        verbose_name_plural = _("geladen startinhoud")

    def __str__(self):
        return self.sleutel


class Gegevensversie(models.Model):
    """The version of a body of data that processes keep in memory (portal/versies.py).

    Every change gives it a fresh random token, not a counter, so that a rolled-back change
    can never make an old token stand for other content.
    """

    naam = models.CharField(_("naam"), max_length=50, unique=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversies")

    def __str__(self):
        return self.naam
