app_name = "properties-api"
urlpatterns: list = []
