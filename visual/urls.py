app_name = "visual"

urlpatterns = []
