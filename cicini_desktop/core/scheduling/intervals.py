"""Half-open integer intervals [start, end): the arithmetic of hours and bookings."""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when [a_start, a_end) and [b_start, b_end) share at least one second."""
    return a_start < b_end and b_start < a_end


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping, touching spans joined (09-12 + 12-13 -> 09-13)."""
    result: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(base: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """`base` minus every span of `holes` (both any order); result merged and sorted."""
    cuts = merge(holes)
    result: list[Span] = []
    for start, end in merge(base):
        cursor = start
        for h_start, h_end in cuts:
            if h_end <= cursor:
                continue
            if h_start >= end:
                break
            if h_start > cursor:
                result.append((cursor, h_start))
            cursor = max(cursor, h_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def intersect(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    left, right = merge(a), merge(b)
    result: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def contains(spans: Iterable[Span], start: int, end: int) -> bool:
    """True when [start, end) lies inside one span of the (merged) `spans`."""
    return any(s <= start and end <= e for s, e in spans)
