"""The keys of every mapping in the workspace files: required or not, type and meaning.

One table has two readers. The store reads each mapping with exactly these required and
optional keys (`_convert`), and `strategist.store.schema` turns the same table into the
JSON Schemas an editor uses for help and completion, so a key cannot be known to one and
unknown to the other. Keys are listed in the canonical order, the order strategist writes
them. Values are checked further by `validate` (references, ranges that need the whole
workspace); the types here (defined in `_shape_types`, re-exported) say what an editor
can tell from one file.
"""

from __future__ import annotations

from strategist.store._shape_types import (
    SLUG,
    Boolean,
    Date,
    DateTime,
    Integer,
    Key,
    ListOf,
    MapOf,
    Number,
    OneOf,
    Pair,
    Shape,
    Text,
    Type,
)
from strategist.vocabulary import (
    BALANCES,
    FORMATS,
    INPUT_KINDS,
    LANGUAGES,
    METHODS,
    SCHEMA_VERSION,
    STATUSES,
    THEME_STATUSES,
)

__all__ = [
    "BALLOT",
    "CAPTURE",
    "FILES",
    "GROUP",
    "INPUT",
    "KPI",
    "MEASURE",
    "OBJECTIVE",
    "STRATEGY",
    "THEME",
    "VOTE",
    "WORKSHOP",
    "Boolean",
    "Date",
    "DateTime",
    "Integer",
    "Key",
    "ListOf",
    "MapOf",
    "Number",
    "OneOf",
    "Pair",
    "Shape",
    "Text",
    "Type",
]


_ID = Text(pattern=SLUG)
_INPUT_IDS = ListOf(Text(pattern=SLUG))
_YEAR = Integer()

# ------------------------------------------------------------------ strategy.yaml

GROUP = Shape(
    "group",
    "A stakeholder group.",
    (
        Key("label", Text(), "The group's name as the documents print it.", required=True),
        Key(
            "weight",
            Number(minimum=0),
            "How much the group's voice counts in votes (default 1.0; 0 or more).",
        ),
    ),
)

STRATEGY = Shape(
    "strategy",
    "strategy.yaml: the strategy process — cluster, horizon, stakeholder groups and policy.",
    (
        Key(
            "schema",
            Integer(minimum=1, maximum=SCHEMA_VERSION),
            "The format version of the workspace, 1.",
            required=True,
        ),
        Key("cluster", Text(), "The cluster's name.", required=True),
        Key("title", Text(), "The strategy's title, printed on the draft.", required=True),
        Key(
            "status",
            Text(enum=STATUSES),
            "Where the document stands, printed on it: draft (default), consultation or final.",
        ),
        Key("version", Text(), 'The document\'s version, e.g. "0.3" (quoted, so it stays text).'),
        Key(
            "language",
            Text(enum=LANGUAGES),
            "The language of generated headings and phrases: en (default), de or da.",
        ),
        Key(
            "horizon",
            Shape(
                "horizon",
                "The strategy's years.",
                (
                    Key("start", _YEAR, "The first year of the strategy.", required=True),
                    Key(
                        "end",
                        _YEAR,
                        "The last year; it may not lie before the start.",
                        required=True,
                    ),
                ),
            ),
            "The strategy's years, start and end.",
            required=True,
        ),
        Key("facilitator", Text(), "Who facilitates the process."),
        Key(
            "groups",
            MapOf(GROUP, min_items=1),
            "The stakeholder groups by id (at least one), each with a label and a weight.",
            required=True,
        ),
        Key(
            "scoring",
            Shape(
                "scoring",
                "How votes are scored.",
                (
                    Key(
                        "balance",
                        Text(enum=BALANCES),
                        "How group votes combine: pooled (default; every dot counts the "
                        "same, times its group's weight) or groups (each group's shares "
                        "are averaged, so each group has its weight's voice).",
                    ),
                ),
            ),
            "How votes are scored (balance).",
        ),
        Key(
            "publish",
            Shape(
                "publish",
                "What the public documents may show.",
                (
                    Key(
                        "min_group_size",
                        Integer(minimum=0),
                        "The fewest people behind a published figure by group (default 5).",
                    ),
                    Key(
                        "accent",
                        Text(pattern="^#[0-9A-Fa-f]{6}$"),
                        'The web page\'s accent colour, "#RRGGBB" (quoted).',
                    ),
                ),
            ),
            "What the public documents may show (min_group_size, accent).",
        ),
        Key("summary", Text(), "Markdown: what this strategy is and how it came about."),
        Key("vision", Text(), "Markdown: where the cluster wants to be."),
        Key("monitoring", Text(), "Markdown: how and how often KPIs are reviewed, and by whom."),
    ),
)

# ------------------------------------------------------------------ themes/<id>.yaml

KPI = Shape(
    "kpi",
    "A key performance indicator of an objective.",
    (
        Key("name", Text(), "What is measured; unique within its objective.", required=True),
        Key("baseline", Number(), "The value at the start."),
        Key("target", Number(), "The value to reach.", required=True),
        Key("unit", Text(), "The unit, e.g. projects."),
        Key("by", _YEAR, "The year the target is to be reached."),
        Key(
            "actuals",
            MapOf(Number(), keys="^[-+]?[0-9]+$"),
            "The values measured, by year (2020: 4).",
        ),
    ),
)

MEASURE = Shape(
    "measure",
    "A measure that serves an objective.",
    (
        Key("id", _ID, "The measure's id, unique in the workspace.", required=True),
        Key("text", Text(), "What is done.", required=True),
        Key("owner", Text(), "Who is responsible."),
        Key("due", _YEAR, "The year it is due."),
        Key("sources", _INPUT_IDS, "The ids of the captured inputs it came from."),
    ),
)

OBJECTIVE = Shape(
    "objective",
    "An objective of the theme, with its KPIs and measures.",
    (
        Key("id", _ID, "The objective's id, unique in the workspace.", required=True),
        Key("text", Text(), "The objective.", required=True),
        Key("sources", _INPUT_IDS, "The ids of the captured inputs it came from."),
        Key("kpis", ListOf(KPI), "Its key performance indicators."),
        Key("measures", ListOf(MEASURE), "The measures that serve it."),
    ),
)

THEME = Shape(
    "theme",
    "themes/<id>.yaml: one theme of the strategy.",
    (
        Key("id", _ID, "The theme's id; equals the file name without .yaml.", required=True),
        Key("title", Text(), "The theme's title.", required=True),
        Key("summary", Text(), "Markdown: one paragraph on the theme."),
        Key(
            "status",
            Text(enum=THEME_STATUSES),
            "proposed or active (ranked), separate (reported on its own, not ranked), merged "
            "or dropped (kept for history, out of the analysis).",
            required=True,
        ),
        Key("merged_into", Text(pattern=SLUG), "The theme id it was merged into (status merged)."),
        Key("owner", Text(), "Who leads the theme (free text)."),
        Key(
            "influences",
            MapOf(Integer(minimum=0, maximum=3)),
            "How strongly this theme drives another, by theme id: 0 none … 3 strong.",
        ),
        Key(
            "requires",
            ListOf(Text(pattern=SLUG)),
            "Themes whose measures must start first (the roadmap's order).",
        ),
        Key("objectives", ListOf(OBJECTIVE), "The theme's objectives."),
    ),
)

# ------------------------------------------------------------------ workshops/<id>/workshop.yaml

WORKSHOP = Shape(
    "workshop",
    "workshops/<id>/workshop.yaml: what happened and who attended.",
    (
        Key("id", _ID, "The workshop's id; equals its folder's name.", required=True),
        Key("title", Text(), "The workshop's title.", required=True),
        Key("date", Date(), "The day it took place, YYYY-MM-DD.", required=True),
        Key("location", Text(), "Where it took place."),
        Key("format", Text(enum=FORMATS), "What kind of workshop it was.", required=True),
        Key(
            "themes",
            ListOf(Text(pattern=SLUG)),
            "The themes it dealt with (informational; empty means all).",
        ),
        Key(
            "attendance",
            MapOf(Integer(minimum=0)),
            "How many people of each stakeholder group attended, by group id.",
        ),
    ),
)

# ------------------------------------------------------------------ capture-<device>.yaml

INPUT = Shape(
    "input",
    "One captured input: an idea, challenge, measure, goal or quote.",
    (
        Key("id", _ID, "The input's id, unique in the workspace.", required=True),
        Key("theme", Text(pattern=SLUG), "The theme it belongs to.", required=True),
        Key("kind", Text(enum=INPUT_KINDS), "What kind of input it is.", required=True),
        Key("text", Text(), "What was said or written.", required=True),
        Key("group", Text(pattern=SLUG), "The stakeholder group it came from."),
        Key("at", DateTime(), "When it was captured, e.g. 2018-09-11T10:42:00+02:00."),
        Key(
            "confidential",
            Boolean(),
            "true: in the internal draft only, never published (default false).",
        ),
        Key("duplicate_of", Text(pattern=SLUG), "The input id it duplicates, when curated so."),
    ),
)

_OPTIONS = MapOf(Integer(minimum=0))

BALLOT = Shape(
    "ballot",
    "One pseudonymous ballot; it carries the field of its vote's method.",
    (
        Key(
            "voter",
            Text(pattern="^[^@ ]+$"),
            "A pseudonym such as p-3f9c, never an e-mail or a name.",
            required=True,
        ),
        Key("group", Text(pattern=SLUG), "The voter's stakeholder group.", required=True),
        Key("points", _OPTIONS, "dots and points votes: the points given, by option."),
        Key("approvals", ListOf(Text(pattern=SLUG)), "approve votes: the options approved."),
        Key(
            "scores",
            MapOf(Number(minimum=0)),
            "score votes: the score given, by option.",
        ),
        Key("ranking", ListOf(Text(pattern=SLUG)), "rank votes: the options, best first."),
    ),
)

VOTE = Shape(
    "vote",
    "One vote (a question) as this device recorded it.",
    (
        Key("id", _ID, "The vote's id; within a workshop, one question.", required=True),
        Key("question", Text(), "The question asked.", required=True),
        Key(
            "method",
            Text(enum=METHODS),
            "dots, points, approve, score or rank (rank takes ballots only).",
            required=True,
        ),
        Key(
            "options",
            ListOf(Text(pattern=SLUG), min_items=1),
            "What was voted on: theme ids, or free option ids.",
            required=True,
        ),
        Key(
            "budget",
            Integer(minimum=1),
            "dots and points votes: the most one ballot may give in total.",
        ),
        Key(
            "tallies",
            MapOf(MapOf(OneOf((Integer(minimum=0), Pair(Number(minimum=0), Integer(minimum=0)))))),
            "Counts per group and option, as read off a wall; a score vote's cells are "
            "[sum, voters].",
        ),
        Key("ballots", ListOf(BALLOT), "Individual pseudonymous ballots."),
    ),
)

CAPTURE = Shape(
    "capture",
    "workshops/<id>/capture-<device>.yaml: what one capturing device recorded.",
    (
        Key(
            "device",
            _ID,
            "The device that writes this file; equals the file name's part after capture-.",
            required=True,
        ),
        Key("inputs", ListOf(INPUT), "The inputs captured."),
        Key("votes", ListOf(VOTE), "The votes recorded."),
    ),
)

FILES = {"strategy": STRATEGY, "theme": THEME, "workshop": WORKSHOP, "capture": CAPTURE}
"""The shape of each kind of workspace file, by the name its schema has."""
