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

import itertools
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


def _question_shares(
    spec: dict[str, Any], q: dict[str, Any], balance: str | None = None, equal: bool = False
) -> dict[str, Any]:
    """Shares under `balance` (default the spec's); `equal`: every weight 1.0."""
    raw = _raw(q)
    took_part = [g for g in raw if sum(raw[g].values()) > 0]
    share_g = {g: {o: raw[g][o] / sum(raw[g].values()) for o in q["options"]} for g in took_part}

    def w(g: str) -> float:
        return 1.0 if equal else _weight(spec, g)

    pooled: dict[str, float] = {}
    by_groups: dict[str, float] = {}
    for o in q["options"]:
        top = sum(w(g) * raw[g][o] for g in took_part)
        bottom = sum(w(g) * sum(raw[g].values()) for g in took_part)
        pooled[o] = top / bottom if bottom > 0 else 0.0
        top = sum(w(g) * share_g[g][o] for g in took_part)
        bottom = sum(w(g) for g in took_part)
        by_groups[o] = top / bottom if bottom > 0 else 0.0
    balance = balance or spec["balance"]
    return {
        "options": q["options"],
        "ignored": not took_part,
        "share_g": share_g,
        "share": pooled if balance == "pooled" else by_groups,
        "raw": raw,
    }


def _borda(spec: dict[str, Any], q: dict[str, Any]) -> dict[str, float]:
    """Borda points over the pooled totals T(o), counted one pair at a time."""
    raw = q["raw"]
    total = {o: sum(_weight(spec, g) * raw[g][o] for g in raw) for o in q["options"]}
    points = {}
    for o in q["options"]:
        below = sum(1 for p in q["options"] if total[o] - total[p] > TOL)
        level = sum(1 for p in q["options"] if p != o and abs(total[o] - total[p]) <= TOL)
        points[o] = below + level / 2
    whole = sum(points.values())
    if whole == 0:
        return {o: 1 / len(q["options"]) for o in q["options"]}
    return {o: points[o] / whole for o in q["options"]}


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


def _robustness(spec: dict[str, Any], ranked: list[str]) -> dict[str, Any]:
    raw_questions = _questions(spec)
    shares: dict[str, list[dict[str, Any]]] = {
        "pooled": [_question_shares(spec, q, "pooled") for q in raw_questions],
        "groups": [_question_shares(spec, q, "groups") for q in raw_questions],
        "equal": [_question_shares(spec, q, equal=True) for q in raw_questions],
        "borda": [],
    }
    for q in shares["pooled"]:
        shares["borda"].append({**q, "share": _borda(spec, q)})
    ranks: dict[str, dict[str, int]] = {}
    for method, questions in shares.items():
        live = [q for q in questions if not q["ignored"]]
        score = {t: _mean([q["share"][t] for q in live if t in q["options"]]) for t in ranked}
        ranks[method] = {t: _competition_rank(score, t) for t in ranked}
    unstable = [t for t in ranked if len({ranks[m][t] for m in ranks}) > 1]
    return {"ranks": ranks, "unstable": unstable}


def _matrix(spec: dict[str, Any], analysed: list[str]) -> list[list[int]]:
    return [
        [0 if i == j else int(spec["themes"][i]["influences"].get(j, 0)) for j in analysed]
        for i in analysed
    ]


def _micmac(spec: dict[str, Any], analysed: list[str]) -> dict[str, Any]:
    """Whole integer matrix powers, the orders read off their row and column sums."""
    ids = sorted(analysed)
    n = len(ids)
    if not n:
        return {"power": 0, "influence": [], "dependence": [], "moved": []}
    m = _matrix(spec, ids)

    def times(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
        return [[sum(a[i][k] * b[k][j] for k in range(n)) for j in range(n)] for i in range(n)]

    def orders(p: list[list[int]]) -> tuple[list[str], list[str]]:
        rows = {ids[i]: sum(p[i]) for i in range(n)}
        cols = {ids[j]: sum(p[i][j] for i in range(n)) for j in range(n)}
        return (sorted(ids, key=lambda t: (-rows[t], t)), sorted(ids, key=lambda t: (-cols[t], t)))

    k, p = 1, m
    while True:
        following = times(p, m)
        if k == n or all(x == 0 for row in following for x in row):
            break
        if orders(following) == orders(p):
            break
        k, p = k + 1, following
    direct, indirect = orders(m), orders(p)
    moved = []
    for t in ids:
        pairs = [[d.index(t) + 1, i.index(t) + 1] for d, i in zip(direct, indirect, strict=True)]
        if any(a != b for a, b in pairs):
            moved.append({"theme": t, "influence": pairs[0], "dependence": pairs[1]})
    return {"power": k, "influence": indirect[0], "dependence": indirect[1], "moved": moved}


def _loops(spec: dict[str, Any], analysed: list[str]) -> dict[str, Any]:
    """Every ordering of every subset that starts at its smallest id and closes up."""
    ids = sorted(analysed)
    m = _matrix(spec, ids)
    index = {t: i for i, t in enumerate(ids)}
    cycles = []
    for size in range(2, len(ids) + 1):
        for subset in itertools.combinations(ids, size):
            for rest in itertools.permutations(subset[1:]):
                cycle = [subset[0], *rest]
                links = zip(cycle, [*cycle[1:], cycle[0]], strict=True)
                if all(m[index[a]][index[b]] >= 2 for a, b in links):
                    cycles.append(cycle)
    cycles.sort(key=lambda c: (len(c), c))
    return {"count": len(cycles), "capped": False, "cycles": cycles[:50]}


def oracle(spec: dict[str, Any]) -> dict[str, Any]:
    """The README's `analyse --format json` keys: ranking, group_scores, vester, roadmap,
    consensus, robustness, micmac and loops."""
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
        "robustness": _robustness(spec, ranked),
        "micmac": _micmac(spec, analysed),
        "loops": _loops(spec, analysed),
    }
