from django.contrib.auth import views as auth_views
from django.urls import path

from .views import home, intake, orders, plans, queues, tech

app_name = "console"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="console/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="console:login"), name="logout"),
    path("", home.home, name="home"),
    path("unread/", home.unread, name="unread"),
    path("intake/", intake.intake, name="intake"),
    path("intake/households/", intake.household_hits, name="household-hits"),
    path("intake/households/<int:room_id>/", intake.household_panel, name="household"),
    path("intake/suggest/", intake.suggest, name="suggest"),
    path("intake/classification/", intake.classification, name="classification"),
    path("orders/", queues.orders, name="orders"),
    path("board/", queues.board, name="board"),
    path("orders/<uuid:uuid>/", orders.order_detail, name="order"),
    path("orders/<uuid:uuid>/do/<slug:name>/", orders.order_action, name="order-action"),
    path("orders/<uuid:uuid>/print", orders.order_print, name="order-print"),
    path("plans/", plans.plans, name="plans"),
    path("plans/<uuid:uuid>/decide/", plans.plan_decision, name="plan-decide"),
    path("tech/", tech.jobs, name="tech"),
    path("tech/<uuid:uuid>/", tech.job, name="tech-job"),
]
