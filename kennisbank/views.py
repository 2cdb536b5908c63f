from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _

from .forms import SOORTEN, KennisbankFilterForm

PAGE_SIZE = 20


def _filtered(model, data, user):
    qs = model.objects.viewable_by_user(user)
    for field in ("wet", "domein", "doelgroep", "onderwerp"):
        value = data.get(field)
        if value is not None:
            qs = qs.filter(**{f"{field}en" if field != "wet" else "wetten": value})
    return qs


def kennisbank_listing(request, index_page):
    """The kennisbank's filtered list: every kind of page the user may see, filter by filter."""
    form = KennisbankFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    soorten = [data["soort"]] if data.get("soort") else list(SOORTEN)
    items, counts = [], {}
    for key in SOORTEN:
        model = SOORTEN[key][0]
        qs = _filtered(model, data, request.user).child_of(index_page)
        counts[key] = qs.count()
        if key in soorten:
            items.extend(qs.order_by("title").only("title", "slug", "url_path", "samenvatting",
                                                    "depth", "path"))
    # Frameworks first, then guidance, publications, ...: the order of SOORTEN.
    order = {model: position for position, (model, _label) in enumerate(SOORTEN.values())}
    items.sort(key=lambda page: (order[type(page)], page.title.lower()))
    paginator = Paginator(items, PAGE_SIZE)
    number = data.get("pagina") or 1
    try:
        page_obj = paginator.page(number)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
        form.add_error(None, _("Pagina %(n)s bestaat niet; u ziet de laatste pagina.") % {"n": number})
    query = request.GET.copy()
    query.pop("pagina", None)
    return {
        "filter_form": form,
        "resultaten": page_obj,
        "aantal": paginator.count,
        "soort_tellingen": [(key, SOORTEN[key][1], counts[key]) for key in SOORTEN],
        "querystring": query.urlencode(),
    }
