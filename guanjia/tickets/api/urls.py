from django.urls import path

from . import resident, staff, staff_actions

app_name = "tickets-api"

_ACTIONS = {
    "acknowledge": staff_actions.AcknowledgeView, "request-info": staff_actions.RequestInfoView,
    "receive-info": staff_actions.ReceiveInfoView, "classify": staff_actions.ClassifyView,
    "hand-over": staff_actions.HandOverView, "dispatch": staff_actions.DispatchView,
    "accept": staff_actions.AcceptView, "set-out": staff_actions.SetOutView, "arrive": staff_actions.ArriveView,
    "notes": staff_actions.NoteView, "visit": staff_actions.VisitView, "resolve": staff_actions.ResolveView,
    "confirm": staff_actions.StaffConfirmView, "callback": staff_actions.CallbackView,
    "pause": staff_actions.PauseView, "resume": staff_actions.ResumeView, "reopen": staff_actions.ReopenView,
    "cancel": staff_actions.CancelView, "merge": staff_actions.MergeView,
    "link-group": staff_actions.LinkGroupView,
}

urlpatterns = [
    path("resident/households/", resident.MyHouseholdsView.as_view(), name="my-households"),
    path("resident/requests/", resident.MyRequestsView.as_view(), name="my-requests"),
    path("resident/requests/<uuid:uuid>/", resident.MyRequestDetailView.as_view(), name="my-request"),
    path("resident/requests/<uuid:uuid>/rate/", resident.RateView.as_view(), name="my-request-rate"),
    path("resident/requests/<uuid:uuid>/confirm/", resident.ConfirmView.as_view(), name="my-request-confirm"),
    path("resident/requests/<uuid:uuid>/answer/", resident.AnswerView.as_view(), name="my-request-answer"),
    path("work-orders/", staff.QueueView.as_view(), name="work-orders"),
    path("work-orders/board/", staff.BoardView.as_view(), name="board"),
    path("work-orders/household/", staff.HouseholdOrdersView.as_view(), name="household-orders"),
    path("work-orders/<uuid:uuid>/", staff.OrderDetailView.as_view(), name="work-order"),
    path("work-orders/<uuid:uuid>/assignment-suggestions/", staff.SuggestionsView.as_view(),
         name="assignment-suggestions"),
    path("work-orders/<uuid:uuid>/plans/", staff.PlansView.as_view(), name="plans"),
    path("work-orders/<uuid:uuid>/reveal-phone/", staff.RevealPhoneView.as_view(), name="reveal-phone"),
    path("plans/<uuid:uuid>/decide/", staff.PlanDecideView.as_view(), name="plan-decide"),
    path("group-cases/", staff.GroupCasesView.as_view(), name="group-cases"),
    *[path(f"work-orders/<uuid:uuid>/{name}/", view.as_view(), name=name) for name, view in _ACTIONS.items()],
]
