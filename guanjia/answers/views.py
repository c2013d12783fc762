"""Console pages of the library: the suggestion panel, the monthly review, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from guanjia.accounts.scoping import communities_for_user
from guanjia.core.errors import ServiceError
from guanjia.core.requests import AuthenticatedHttpRequest, HtmxHttpRequest
from guanjia.core.taxonomy import Channel
from guanjia.properties.models import Community

from . import services
from .forms import AnswerForm, InquiryReplyForm
from .models import StandardAnswer
from .selectors import (
    answer_render,
    answers_for_user,
    answers_suggest,
    community_for_user,
    inquiries_for_user,
    review_list,
)

ACTIONS = {"submit": services.answer_submit, "approve": services.answer_approve,
           "reject": services.answer_reject, "retire": services.answer_retire,
           "review": services.answer_mark_reviewed}


def _staff_community(request: HttpRequest, community_id: object) -> Community:
    if getattr(request.user, "is_resident", False):
        raise Http404
    community = community_for_user(user=request.user, community_id=community_id)
    if community is None:
        raise Http404(_("No such community among yours."))
    return community


@login_required
def suggestions(request: HtmxHttpRequest) -> HttpResponse:
    """The intake screen's panel: top three answers for what the caller says, with reasons."""
    if getattr(request.user, "is_resident", False):
        raise Http404
    communities = communities_for_user(user=request.user).order_by("name")
    community_id = request.GET.get("community") or (communities[0].pk if communities else None)
    text = (request.GET.get("q") or "").strip()[:1000]
    community = _staff_community(request, community_id) if community_id else None
    found = answers_suggest(community=community, text=text, for_resident=False) if community and text else None
    context = {"found": found, "q": text, "community": community, "communities": communities}
    template = "answers/htmx/suggestions.html" if request.htmx else "answers/search.html"
    return render(request, template, context)


@login_required
@require_POST
def use(request: HttpRequest, code: str) -> HttpResponse:
    """“Use this answer”: counted, and the filled text handed to the reply box."""
    community = _staff_community(request, request.POST.get("community"))
    answer = get_object_or_404(StandardAnswer, company_id=community.company_id, code=code, status="live")
    services.answer_record_use(answer=answer)
    rendered = answer_render(answer=answer, community=community, for_resident=False)
    response = render(request, "answers/htmx/used.html", {"answer": answer, "rendered": rendered})
    return trigger_client_event(response, "answerUsed", {"code": answer.code, "text": rendered.text})


@login_required
@require_POST
def inquiry_new(request: HttpRequest) -> HttpResponse:
    """“No standard answer”: record the question as an inquiry owed a reply within 1 hour."""
    community = _staff_community(request, request.POST.get("community"))
    text = (request.POST.get("q") or "").strip()
    channel = request.POST.get("channel") or Channel.PHONE
    try:
        inquiry = services.answers_decline_to_inquiry(actor=request.user, community=community, text=text,
                                                      channel=channel)
    except ServiceError as exc:
        return render(request, "answers/htmx/inquiry.html", {"error": exc.message}, status=400)
    return render(request, "answers/htmx/inquiry.html", {"inquiry": inquiry})


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """The monthly review: unanswered questions, most used, unhelpful, stale, awaiting approval."""
    if getattr(request.user, "is_resident", False):
        raise Http404
    return render(request, "answers/review.html", {"review": review_list(user=request.user),
                                                   "now": timezone.now(), "reply_form": InquiryReplyForm()})


def _company_id(request: AuthenticatedHttpRequest) -> int:
    company_id = request.user.roles.values_list("company_id", flat=True).first()
    if company_id is None:
        raise Http404
    return company_id


@login_required
def answer_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    answer = get_object_or_404(answers_for_user(user=request.user), pk=pk) if pk else None
    initial = ({"code": answer.code, "question": answer.question, "answer": answer.answer,
                "category": answer.category, "tags": ", ".join(answer.tags)} if answer
               else {"question": request.GET.get("question", "")})
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if answer is None:
                from guanjia.properties.models import Company

                company = get_object_or_404(Company, pk=_company_id(request))
                answer = services.answer_create(actor=request.user, company=company, code=data["code"],
                                                question=data["question"], answer=data["answer"],
                                                category=data["category"], tags=data["tags"])
            else:
                services.answer_update(actor=request.user, answer=answer, changes={
                    "question": data["question"], "answer": data["answer"], "category": data["category"],
                    "tags": data["tags"]})
            messages.success(request, _("Saved. Submit it for approval when it is ready."))
            return redirect("answers:review")
        except ServiceError as exc:
            for field, errors in exc.fields.items():
                form.add_error(field if field in form.fields else None, errors)
            if not exc.fields:
                form.add_error(None, str(exc.message))
    return render(request, "answers/edit.html", {"form": form, "answer": answer})


@login_required
@require_POST
def answer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    answer = get_object_or_404(answers_for_user(user=request.user), pk=pk)
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](actor=request.user, answer=answer)
        messages.success(request, _("%(code)s: done.") % {"code": answer.code})
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    return redirect("answers:review")


@login_required
@require_POST
def inquiry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = get_object_or_404(inquiries_for_user(user=request.user), pk=pk)
    form = InquiryReplyForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"].strip()
        answer = (StandardAnswer.objects.filter(company_id=inquiry.company_id, code=code).first()
                  if code else None)
        try:
            services.inquiry_answer(actor=request.user, inquiry=inquiry, reply=form.cleaned_data["reply"],
                                    answer=answer)
            messages.success(request, _("Reply recorded."))
        except ServiceError as exc:
            messages.error(request, str(exc.message))
    return redirect("answers:review")
