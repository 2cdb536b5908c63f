from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import ensure_csrf_cookie

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .forms import EmailAuthenticationForm
from .graphql import PortalGraphQLView

auth_patterns = (
    [
        path(
            "inloggen/",
            auth_views.LoginView.as_view(
                template_name="portal/login.html",
                authentication_form=EmailAuthenticationForm,
                redirect_authenticated_user=True,
            ),
            name="login",
        ),
        path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    ],
    "portal",
)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include(auth_patterns)),
    path(
        "graphql/",
        ensure_csrf_cookie(PortalGraphQLView.as_view(graphiql=settings.DEBUG)),
        name="graphql",
    ),
    path("zoeken/", include("search.urls")),
    path("samenwerking/", include("samenwerking.urls")),
    path("", include("visual.urls")),
    path("", include(wagtail_urls)),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
handler403 = "portal.views.permission_denied"
handler400 = "portal.views.bad_request"
