"""A deliberately naive analysis, written from the README's "Analysis" section alone.

It shares no code with `strategist.analysis` and reads no files: it takes the plain
workspace *spec* that the property test also writes out as YAML, so a mismatch points at
the loader or the analysis, never at a shared helper. Clarity over speed, every formula
spelled out as the README states it.

Spec layout (plain dicts and lists):
    groups: {group: weight or None (key left out of the file → 1.0)}
    balance: "pooled" | "groups"
    horizon: (start, end)
    themes: {id: {"status", "influences": {id: n}, "requires": [id]}}
    workshops: {id: {"captures": {device: [vote]}}}
    vote: {"id", "method", "options", "tallies": {group: {option: n | [sum, voters]}},
           "ballots": [{"voter", "group", <the method's field>}]}
"""

from __future__ import annotations

import math
from typing import Any

TOL = 1e-9


def _weight(spec: dict[str, Any], group: str) -> float:
    w = spec["groups"].get(group)
    return 1.0 if w is None else float(w)


def _questions(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per (workshop id, vote id), tallies and ballots of all capture files."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for wid, workshop in spec["workshops"].items():
        for votes in workshop["captures"].values():
            for vote in votes:
                key = (wid, vote["id"])
                if key not in found:
                    found[key] = {
                        "method": vote["method"],
                        "options": list(vote["options"]),
                        "tallies": [],
                        "ballots": [],
                    }
                found[key]["tallies"].append(vote["tallies"])
                found[key]["ballots"].extend(vote["ballots"])
    return list(found.values())


def _raw(q: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Raw option totals per group, for every group named in tallies or ballots."""
    method, options = q["method"], q["options"]
    m = len(options)
    groups = {g for t in q["tallies"] for g in t} | {b["group"] for b in q["ballots"]}
    raw: dict[str, dict[str, float]] = {}
    for g in groups:
        raw[g] = {}
        ballots = [b for b in q["ballots"] if b["group"] == g]
        cells = [t[g] for t in q["tallies"] if g in t]
        for o in options:
            if method in ("dots", "points"):
                value = sum(c.get(o, 0) for c in cells)
                value += sum(b["points"].get(o, 0) for b in ballots)
            elif method == "approve":
                value = sum(c.get(o, 0) for c in cells)
                value += sum(1 for b in ballots if o in b["approvals"])
            elif method == "score":
                top = sum(c[o][0] for c in cells if o in c)
                top += sum(b["scores"][o] for b in ballots if o in b["scores"])
                bottom = sum(c[o][1] for c in cells if o in c)
                bottom += sum(1 for b in ballots if o in b["scores"])
                value = top / bottom if bottom else 0
            else:  # rank: Borda, position i (1-based) earns m - i, unranked 0
                value = 0
                for b in ballots:
                    if o in b["ranking"]:
                        value += m - (b["ranking"].index(o) + 1)
            raw[g][o] = float(value)
    return raw


def _question_shares(spec: dict[str, Any], q: dict[str, Any]) -> dict[str, Any]:
    raw = _raw(q)
    took_part = [g for g in raw if sum(raw[g].values()) > 0]
    share_g = {g: {o: raw[g][o] / sum(raw[g].values()) for o in q["options"]} for g in took_part}
    pooled: dict[str, float] = {}
    by_groups: dict[str, float] = {}
    for o in q["options"]:
        top = sum(_weight(spec, g) * raw[g][o] for g in took_part)
        bottom = sum(_weight(spec, g) * sum(raw[g].values()) for g in took_part)
        pooled[o] = top / bottom if took_part else 0.0
        top = sum(_weight(spec, g) * share_g[g][o] for g in took_part)
        bottom = sum(_weight(spec, g) for g in took_part)
        by_groups[o] = top / bottom if took_part else 0.0
    return {
        "options": q["options"],
        "ignored": not took_part,
        "share_g": share_g,
        "share": pooled if spec["balance"] == "pooled" else by_groups,
    }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _competition_rank(scores: dict[str, float], t: str) -> int:
    return 1 + sum(1 for u in scores if scores[u] > scores[t] + TOL)


def _average_rank(scores: dict[str, float], t: str) -> float:
    higher = sum(1 for u in scores if scores[u] > scores[t] + TOL)
    equal = sum(1 for u in scores if abs(scores[u] - scores[t]) <= TOL)
    return higher + (1 + equal) / 2  # mean of positions higher+1 … higher+equal


def _tie_sizes(scores: dict[str, float]) -> list[int]:
    values = sorted(scores.values(), reverse=True)
    sizes: list[int] = []
    for i, v in enumerate(values):
        if i and values[i - 1] - v <= TOL:
            sizes[-1] += 1
        else:
            sizes.append(1)
    return sizes


def _consensus(group_scores: dict[str, dict[str, float]], voted: list[str]) -> dict[str, Any]:
    n, m = len(voted), len(group_scores)
    per_group = {g: {t: s[t] for t in voted} for g, s in group_scores.items()}
    w: float | None = None
    if n >= 2 and m >= 2:
        rank_sum = {t: sum(_average_rank(s, t) for s in per_group.values()) for t in voted}
        mean = sum(rank_sum.values()) / n
        big_s = sum((r - mean) ** 2 for r in rank_sum.values())
        big_t = sum(x**3 - x for s in per_group.values() for x in _tie_sizes(s))
        denominator = m * m * (n**3 - n) - m * big_t
        w = 12 * big_s / denominator if denominator != 0 else None
    spread: dict[str, int] = {}
    if per_group:
        for t in voted:
            ranks = [_competition_rank(s, t) for s in per_group.values()]
            spread[t] = max(ranks) - min(ranks)
    contested = sorted(t for t in spread if spread[t] >= math.ceil(n / 2))
    return {"kendall_w": w, "spread": spread, "contested": contested}


def _vester(spec: dict[str, Any], analysed: list[str]) -> list[dict[str, Any]]:
    def cell(i: str, j: str) -> int:
        return 0 if i == j else int(spec["themes"][i]["influences"].get(j, 0))

    active = {i: sum(cell(i, j) for j in analysed) for i in analysed}
    passive = {j: sum(cell(i, j) for i in analysed) for j in analysed}
    mean = sum(active.values()) / len(analysed) if analysed else 0.0
    rows = []
    for t in sorted(analysed):
        a, p = active[t], passive[t]
        if a > mean and p > mean:
            role = "critical"
        elif a > mean:
            role = "active"
        elif p > mean:
            role = "reactive"
        else:
            role = "buffering"
        rows.append(
            {
                "theme": t,
                "active": a,
                "passive": p,
                "product": a * p,
                "quotient": a / p if p else None,
                "role": role,
            }
        )
    return rows


def _roadmap(spec: dict[str, Any], analysed: list[str]) -> list[dict[str, Any]]:
    needs = {t: {r for r in spec["themes"][t]["requires"] if r in analysed} for t in analysed}
    waves: list[list[str]] = []
    done: set[str] = set()
    while len(done) < len(analysed):
        wave = sorted(t for t in analysed if t not in done and needs[t] <= done)
        assert wave, "requires cycle in a generated workspace"
        waves.append(wave)
        done |= set(wave)
    start, end = spec["horizon"]
    k_total = len(waves)
    return [
        {"wave": k, "start": start + math.floor((k - 1) * (end - start) / k_total), "themes": w}
        for k, w in enumerate(waves, start=1)
    ]


def oracle(spec: dict[str, Any]) -> dict[str, Any]:
    """The README's `analyse --format json` keys: ranking, group_scores, vester, roadmap,
    consensus."""
    themes = spec["themes"]
    ranked = sorted(t for t in themes if themes[t]["status"] in ("proposed", "active"))
    analysed = sorted(
        t for t in themes if themes[t]["status"] in ("proposed", "active", "separate")
    )
    questions = [_question_shares(spec, q) for q in _questions(spec)]
    live = [q for q in questions if not q["ignored"]]

    score: dict[str, float] = {}
    voted: dict[str, bool] = {}
    for t in ranked:
        shares = [q["share"][t] for q in live if t in q["options"]]
        score[t], voted[t] = _mean(shares), bool(shares)
    ranking = sorted(
        (
            {"theme": t, "rank": _competition_rank(score, t), "score": score[t], "voted": voted[t]}
            for t in ranked
        ),
        key=lambda r: (r["rank"], r["theme"]),
    )

    with_ranked = [q for q in live if any(t in q["options"] for t in ranked)]
    groups = {g for q in with_ranked for g in q["share_g"]}
    group_scores = {
        g: {
            t: _mean([q["share_g"][g][t] for q in live if t in q["options"] and g in q["share_g"]])
            for t in ranked
        }
        for g in groups
    }
    return {
        "ranking": ranking,
        "group_scores": group_scores,
        "vester": _vester(spec, analysed),
        "roadmap": _roadmap(spec, analysed),
        "consensus": _consensus(group_scores, [t for t in ranked if voted[t]]),
    }
