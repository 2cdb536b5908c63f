from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("kop"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("niveau 2")), ("h3", _("niveau 3")), ("h4", _("niveau 4"))],
        default="h2",
        label=_("niveau"),
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"


class BodyBlock(blocks.StreamBlock):
    """The one stream of text blocks every kennisbank page type reuses."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Tekst"),
        template="blocks/paragraph_block.html",
    )
    quote = blocks.BlockQuoteBlock(label=_("Citaat"), template="blocks/quote_block.html")

    class Meta:
        label = _("Inhoud")
