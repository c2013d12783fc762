"""The library's search index per company: built once, cached, rebuilt when the library changes.

The cache key is the company's live-library version (number of live answers and the latest
change), read with one small query per search, so every process notices a change made by
another one without a shared cache.
"""

import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from .choices import AnswerStatus
from .models import StandardAnswer
from .retrieval import AnswerIndex, Entry

_lock = threading.Lock()
_indexes: dict[int, tuple[tuple, AnswerIndex, dict[str, int]]] = {}


@dataclass(frozen=True)
class CompanyIndex:
    index: AnswerIndex
    ids_by_code: dict[str, int]


def _version(company_id: int) -> tuple:
    row = StandardAnswer.objects.filter(company_id=company_id, status=AnswerStatus.LIVE).aggregate(
        n=Count("id"), last=Max("updated_at"))
    return (row["n"], row["last"])


def index_for_company(*, company_id: int) -> CompanyIndex:
    version = _version(company_id)
    cached = _indexes.get(company_id)
    if cached is not None and cached[0] == version:
        return CompanyIndex(cached[1], cached[2])
    with _lock:
        rows = list(StandardAnswer.objects.filter(company_id=company_id, status=AnswerStatus.LIVE)
                    .order_by("code").values_list("id", "code", "question", "answer", "tags"))
        index = AnswerIndex([Entry(code=code, question=question, answer=answer, tags=tuple(tags or ()))
                             for _pk, code, question, answer, tags in rows])
        ids = {code: pk for pk, code, *_rest in rows}
        _indexes[company_id] = (version, index, ids)
    return CompanyIndex(index, ids)


def invalidate(*, company_id: int) -> None:
    _indexes.pop(company_id, None)
