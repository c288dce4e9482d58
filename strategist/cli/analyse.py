"""`strategist analyse`: ranking, group scores, consensus, robustness, interdependencies."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.chars import json_safe, terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import EXIT_CONTENT, Choice, Context, main, pass_context
from strategist.vocabulary import BALANCES

if TYPE_CHECKING:
    import strategist.analysis as analysis
    import strategist.cli.check as check
    from strategist.analysis import Analysis
    from strategist.model import Workspace
else:
    analysis = lazy("strategist.analysis")
    check = lazy("strategist.cli.check")

__all__ = ["analyse_command", "format_text"]


def _one_line(text: str) -> str:
    """Participant text on one table line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _number(value: float | None, digits: int = 4) -> str:
    return "∞" if value is None else f"{value:.{digits}f}"


def _table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    """Plain aligned columns; columns in `right` are right-aligned (numbers)."""
    right = right or set()
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(parts).rstrip()

    return [line(header), *(line(r) for r in rows)]


def _robustness_lines(a: Analysis) -> list[str]:
    r = a.robustness
    out = [
        "",
        "Robustness (the rank under four ways of counting the votes)",
        f"  pooled, groups: the configured weights; equal: {a.balance} with every weight 1.0;",
        "  borda: Borda points per question over the pooled totals",
    ]
    if not a.ranking:
        return [*out, "  no ranked themes"]
    methods = list(r.ranks)
    out += _table(
        ["theme", *methods, "stable"],
        [
            [
                t.theme,
                *(str(r.ranks[m][t.theme]) for m in methods),
                "no" if t.theme in r.unstable else "yes",
            ]
            for t in a.ranking
        ],
        right=set(range(1, len(methods) + 1)),
    )
    if r.unstable:
        out.append("  unstable: " + ", ".join(r.unstable))
    else:
        out.append("  every ranked theme keeps its rank")
    return out


def _micmac_lines(a: Analysis) -> list[str]:
    m = a.micmac
    out = ["", "Indirect interdependencies (MICMAC)"]
    if not m.power:
        return [*out, "  no analysed themes"]
    out.append(f"  indirect orders: those of M^{m.power} (the direct ones are M's)")
    out += _table(
        ["position", "influence", "dependence"],
        [
            [str(k), i, d]
            for k, (i, d) in enumerate(zip(m.influence, m.dependence, strict=True), start=1)
        ],
        right={0},
    )
    if not m.moved:
        return [*out, "  no theme moves between the direct and the indirect orders"]

    def place(pair: tuple[int, int]) -> str:
        return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]} → {pair[1]}"

    out.append("  moved (position direct → indirect):")
    out += _table(
        ["theme", "influence", "dependence"],
        [[v.theme, place(v.influence), place(v.dependence)] for v in m.moved],
        right={1, 2},
    )
    return out


def _loop_lines(a: Analysis) -> list[str]:
    loops = a.loops
    out = ["", "Feedback loops (influences of 2 or more, around and back)"]
    if not loops.count:
        return [*out, "  none"]
    if loops.capped:
        out.append(
            f"  at least {loops.count} loops (counting stopped there); "
            f"{len(loops.cycles)} of those found listed"
        )
    elif loops.count > len(loops.cycles):
        out.append(f"  {loops.count} loops; the {len(loops.cycles)} shortest listed")
    else:
        out.append(f"  {loops.count} loop{'s' if loops.count != 1 else ''}")
    out += ["  " + " → ".join([*cycle, cycle[0]]) for cycle in loops.cycles]
    return out


def format_text(ws: Workspace, a: Analysis) -> str:
    """The readable report `analyse` prints by default."""
    title = {t.id: _one_line(t.title) for t in ws.themes.values()}
    out: list[str] = [f"Ranking (balance: {a.balance}; equal ranks are ties)"]
    if a.ranking:
        out += _table(
            ["rank", "score", "theme", "title"],
            [
                [
                    str(r.rank),
                    _number(r.score),
                    r.theme,
                    title.get(r.theme, "") + ("" if r.voted else "  (not voted)"),
                ]
                for r in a.ranking
            ],
            right={0, 1},
        )
    else:
        out.append("  no ranked themes")
    if a.separate:
        out.append("  reported separately, not ranked: " + ", ".join(a.separate))

    out += ["", "Group scores (mean share per group)"]
    groups = list(a.group_scores)
    if groups:
        out += _table(
            ["theme", *groups],
            [[r.theme, *(_number(a.group_scores[g][r.theme]) for g in groups)] for r in a.ranking],
            right=set(range(1, len(groups) + 1)),
        )
    else:
        out.append("  no group voted on a ranked theme")

    c = a.consensus
    if c.kendall_w is not None:
        w = f"{c.kendall_w:.4f}"
    elif len(a.group_scores) >= 2 and sum(1 for r in a.ranking if r.voted) >= 2:
        w = "n/a (every group gives every voted theme the same score)"
    else:
        w = "n/a (needs 2 groups and 2 voted themes)"
    out += ["", "Consensus", f"  Kendall's W: {w}"]
    if c.spread:
        n = len(c.spread)
        threshold = -(-n // 2)
        out.append(
            f"  contested: spread of at least {threshold} (half the {n} voted themes, rounded up)"
        )
        out += _table(
            ["theme", "spread", "contested"],
            [[t, str(s), "yes" if t in c.contested else ""] for t, s in sorted(c.spread.items())],
            right={1},
        )

    out += _robustness_lines(a)

    out += ["", "Interdependencies (Vester)"]
    if a.vester:
        mean = sum(v.active for v in a.vester) / len(a.vester)
        out.append(f"  roles against the mean active (= passive) sum {mean:.2f}")
        out += _table(
            ["theme", "active", "passive", "product", "quotient", "role"],
            [
                [
                    v.theme,
                    str(v.active),
                    str(v.passive),
                    str(v.product),
                    _number(v.quotient, 2),
                    v.role,
                ]
                for v in a.vester
            ],
            right={1, 2, 3, 4},
        )
    else:
        out.append("  no analysed themes")

    out += _micmac_lines(a)
    out += _loop_lines(a)

    out += ["", "Roadmap"]
    out += [f"  wave {w.wave} ({w.start}): {', '.join(w.themes)}" for w in a.roadmap] or [
        "  no analysed themes"
    ]
    ignored = [q for q in a.questions if q.ignored]
    if ignored:
        out += ["", "Ignored questions (nobody voted)"]
        out += [f"  {q.workshop} / {q.vote}: {_one_line(q.question)}" for q in ignored]
    return "\n".join(out) + "\n"


@main.command(
    "analyse", short_help="Rank the themes; consensus, robustness, roles, loops, roadmap."
)
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--format",
    "output_format",
    type=Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: readable tables; json: the keys listed in the README.",
)
@click.option(
    "--balance",
    type=Choice(BALANCES),
    default=None,
    help="How group votes combine (default: scoring.balance of strategy.yaml).",
)
@pass_context
def analyse_command(
    ctx: Context, directory: Path | None, output_format: str, balance: str | None
) -> None:
    """Analyse the votes and theme interdependencies of the workspace DIR.

    Prints the ranking (ties shown as ties), group scores, consensus (Kendall's W,
    contested themes), the ranking's robustness, Vester roles, MICMAC's indirect orders,
    feedback loops and the roadmap. Exits 1 with the findings when the workspace has
    errors.
    """
    ws = check.load_or_exit(ctx.root(directory))
    try:
        result = analysis.analyse(ws, balance)
    except analysis.RoadmapCycleError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_CONTENT) from exc
    if output_format == "json":
        import json  # only for --format json

        click.echo(
            json_safe(json.dumps(analysis.analysis_to_json(result), indent=2, ensure_ascii=False))
        )
    else:
        # Titles and questions are the team's text: nothing in them may act on the terminal.
        click.echo(terminal_safe(format_text(ws, result)), nl=False)
