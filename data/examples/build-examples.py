#!/usr/bin/env python3
# build-examples.py – generate the example libraries in data/examples/
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The examples are written by this script, never by hand, so that they stay
# reproducible byte for byte:
#
#   build-examples.py            write jamtland-harjedalen.json and effect-chain.json
#   build-examples.py --check    regenerate in memory, validate, load into SQLite,
#                                and fail if the committed files differ
#   build-examples.py --load FILE...
#                                load committed files into a fresh SQLite library
#                                made from src/core/mb-schema*.sql (foreign_keys=ON)
#
# Python 3 standard library only. Content is Swedish, as the source documents
# are. Facts come from the seed documents (RUS/S3 of Region Jämtland
# Härjedalen, Region Västerbotten's RUS process) and from data/catalogues/
# (Kolada, ERDF, SDG, municipalities, published values): what is not in them
# is left out, and what is illustrative says so in its description or note.

import argparse
import csv
import os
import re
import sqlite3
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.dirname(HERE)
SOURCE_ROOT = os.path.dirname(DATA_DIR)
# The library's schema: version 1, then what later versions add to it (the
# store's migrations run the same files).
SCHEMA_SQL = [os.path.join(SOURCE_ROOT, "src", "core", name)
              for name in ("mb-schema.sql", "mb-schema-3.sql", "mb-schema-follow-up.sql",
                           "mb-schema-revisions.sql", "mb-schema-target-history.sql",
                           "mb-schema-assessment-comments.sql")]
CATALOGUE_DIR = os.path.join(DATA_DIR, "catalogues")

# Stable ids: uuid5 of a name path in a namespace of our own, so that an
# entity keeps its id when the script is re-run or the content edited, and
# an entity shared by both examples (Region Jämtland Härjedalen, a call)
# has one id in both, merging cleanly when both are imported.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/malbild/malbild/data/examples")
TIMESTAMP = "2026-11-22T12:00:00.000Z"

# The exchange format (team convention): tables in this order.
TABLE_ORDER = [
    "organisations", "strategies", "levels", "nodes", "links", "node_tags",
    "node_territories", "indicators", "indicator_targets", "target_history", "node_indicators",
    "measurements", "funding_calls", "projects", "project_funding", "project_partners",
    "project_calls", "project_nodes", "call_nodes", "project_indicator_values", "review_comments",
    "follow_up_rounds", "assessments", "activities", "activity_organisations", "activity_nodes",
    "activity_projects", "activity_calls", "revisions", "revision_chunks",
]
FLAG_COLUMNS = {"by_gender", "by_municipality", "budget_preliminary", "automatic",
                "in_operation"}

# A reference that is valid in Kolada but not among the KPIs Målbild ships.
NOT_SHIPPED = {"kolada:N02904"}

# Short names of the source documents, for rationales and notes.
DOC_RUN12 = "Uppföljningsrapport RUS och S3, 2022-03-15 (RUN/12/2022)"
DOC_2023 = "Uppföljning av RUS och S3, regionala utvecklingsnämnden april 2023"
DOC_STYRNING = "Presentation Utvecklad styrning utifrån ny regional utvecklingsstrategi (2021)"
DOC_REVISION = "Presentation Revidering av RUS (2019–2020)"
DOC_VB = "Region Västerbottens presentation av RUS-processen (2018–2020)"
DOC_SOURCES = "Målbilds referensdata, data/catalogues/SOURCES.md"


def uid(*path):
    return str(uuid.uuid5(NAMESPACE, "/".join(path)))


# ---------------------------------------------------------------------------
# The schema, read from SQLite itself so that column order, defaults and
# keys can never drift from mb-schema*.sql.

class Schema:
    def __init__(self, paths):
        self.sql = ""
        for path in paths:
            with open(path, encoding="utf-8") as f:
                self.sql += f.read()
        db = sqlite3.connect(":memory:")
        db.executescript(self.sql)
        self.tables = {}
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        unknown = [n for n in names if n not in TABLE_ORDER]
        if unknown:
            raise SystemExit("mb-schema*.sql has tables this script does not know: %s; add them "
                             "to TABLE_ORDER in the order the exporter writes them "
                             "(src/core/mb-exchange-fields.c)" % unknown)
        for name in names:
            info = db.execute("PRAGMA table_info(%s)" % name).fetchall()
            columns = [c[1] for c in info]
            types = {c[1]: c[2].upper() for c in info}
            notnull = {c[1] for c in info if c[3]}
            defaults = {c[1]: c[4] for c in info if c[4] is not None}
            pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5] > 0]
            fks = {}
            for row in db.execute("PRAGMA foreign_key_list(%s)" % name):
                fks.setdefault(row[0], {"table": row[2], "from": [], "to": []})
                fks[row[0]]["from"].append(row[3])
                fks[row[0]]["to"].append(row[4] if row[4] is not None else "id")
            self.tables[name] = {
                "columns": columns, "types": types, "notnull": notnull,
                "defaults": defaults, "pk": pk, "fks": list(fks.values()),
            }
        db.close()

    def order(self):
        return [t for t in TABLE_ORDER if t in self.tables]


def sql_default(text):
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1]
    if "." in text:
        return float(text)
    return int(text)


# ---------------------------------------------------------------------------
# JSON as the app's exporter writes it (src/core/mb-json-writer.c): 2-space
# indent, ": " after keys, the same string escapes; numbers as whole numbers
# where they are whole, else the shortest %g that reads back exactly.

def format_double(value):
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("non-finite number")
    if value == 0:
        return "0"
    # Whole numbers as integers ("50", not "5e+01"): readable, and exact
    # below 2^53.
    if value == int(value) and abs(value) < 1e15:
        return "%d" % int(value)
    for precision in range(1, 18):
        text = "%.*g" % (precision, value)
        if float(text) == value:
            return text
    return "%.17g" % value


def format_string(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif code < 0x20:
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def format_value(value, depth):
    pad = "  " * (depth + 1)
    end = "  " * depth
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_double(value)
    if isinstance(value, str):
        return format_string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [pad + format_value(v, depth + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [pad + format_string(k) + ": " + format_value(v, depth + 1)
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    raise TypeError("cannot write %r" % (value,))


# ---------------------------------------------------------------------------
# A library under construction.

class Library:
    def __init__(self, name, schema):
        self.name = name
        self.schema = schema
        self.rows = {t: [] for t in schema.order()}

    def add(self, table, **columns):
        spec = self.schema.tables[table]
        for column in columns:
            if column not in spec["columns"]:
                raise SystemExit("%s: %s has no column %s" % (self.name, table, column))
        row = {}
        for column in spec["columns"]:
            value = columns.get(column)
            if value is None and column in ("created", "modified"):
                value = TIMESTAMP
            if value is None and column in spec["notnull"] and column in spec["defaults"]:
                value = sql_default(spec["defaults"][column])
            if value is None:
                continue
            kind = spec["types"][column]
            if column in FLAG_COLUMNS:
                value = bool(value)
            elif kind == "REAL":
                value = float(value)
            elif kind == "INTEGER" and not isinstance(value, int):
                raise SystemExit("%s: %s.%s must be an integer: %r"
                                 % (self.name, table, column, value))
            elif kind == "TEXT" and not isinstance(value, str):
                raise SystemExit("%s: %s.%s must be text: %r" % (self.name, table, column, value))
            row[column] = value
        self.rows[table].append(row)
        return row.get("id")

    def document(self):
        doc = {"format": "malbild", "version": 2}
        for table in self.schema.order():
            pk = self.schema.tables[table]["pk"]
            doc[table] = sorted(self.rows[table], key=lambda r: tuple(r[c] for c in pk))
        return doc

    def text(self):
        return format_value(self.document(), 0) + "\n"


# ---------------------------------------------------------------------------
# Reference data.

def read_csv(name):
    with open(os.path.join(CATALOGUE_DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Catalogues:
    def __init__(self):
        self.kolada = {r["id"]: r for r in read_csv("kolada_kpis.csv")}
        self.erdf = {r["code"]: r for r in read_csv("erdf_common_indicators.csv")}
        self.sdg = {r["goal"]: r for r in read_csv("sdg_sv.csv")}
        self.territories = {r["kolada_id"]: r for r in read_csv("municipalities.csv")}
        self.dimensions = {r["id"]: r for r in read_csv("dimensions.csv")}
        self.perspectives = {r["id"]: r for r in read_csv("perspectives.csv")}
        self.retired = {r["reference"]: r for r in read_csv("retired.csv")}
        self.values = read_csv("jamtland_values.csv")

    def series(self, measure, source_id):
        rows = [r for r in self.values if r["measure"] == measure and r["source_id"] == source_id]
        if not rows:
            raise SystemExit("no published values for %r / %r" % (measure, source_id))
        return rows

    def kolada_title(self, kpi):
        return self.kolada[kpi]["title"]

    def municipalities(self, county):
        return sorted(code for code, r in self.territories.items()
                      if r["county_code"] == county and r["kolada_type"] == "K")


# ---------------------------------------------------------------------------
# Shared entities (identical rows in both examples).

ORGANISATIONS = {
    "rjh": ("Region Jämtland Härjedalen", "public"),
    "rvb": ("Region Västerbotten", "public"),
    "tvv": ("Tillväxtverket", "public"),
    "wsp": ("WSP", "business"),
    "oxford": ("Oxford Research", "business"),
    "miun": ("Mittuniversitetet", "academia"),
    "ostersund": ("Östersunds kommun", "public"),
}


def org(key):
    return uid("organisation", ORGANISATIONS[key][0])


def add_organisations(lib, keys):
    for key in keys:
        name, sector = ORGANISATIONS[key]
        lib.add("organisations", id=org(key), name=name, sector=sector)


CALL_CLUSTERS = uid("call", "Region Jämtland Härjedalen", "Stöd till innovationskluster")


def add_call_clusters(lib):
    lib.add("funding_calls", id=CALL_CLUSTERS,
            title="Stöd till innovationskluster",
            funder="Region Jämtland Härjedalen",
            eligible_actors="Aktörer i länet som vill bli operativa parter till regionen i "
                            "formandet av smart specialisering",
            regions="Jämtlands län",
            status="closed",
            description="Utlysning som publicerades under 2021 för att se om det finns aktörer "
                        "i länet som vill bli operativa parter till Region Jämtland Härjedalen i "
                        "formandet av smart specialisering (%s). Datum, budget och stödnivå "
                        "anges inte i källan och är därför tomma. Status \"stängd\" är en "
                        "bedömning: utlysningen publicerades 2021." % DOC_RUN12)


def scheme_levels(key):
    """The built-in level schemes of src/core/mb-scheme.c, by key."""
    path = os.path.join(SOURCE_ROOT, "src", "core", "mb-scheme.c")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    marker = "static const MbSchemeLevel %s_levels[] = {" % key.replace("-", "_")
    start = text.index(marker) + len(marker)
    body = text[start:text.index("};", start)]
    levels = re.findall(r'\{\s*(?:NC_\s*\(\s*"level"\s*,\s*)?"([^"]*)"\s*\)?\s*,\s*"([^"]*)"\s*\}',
                        body)
    if not levels:
        raise SystemExit("no levels for scheme %s in %s" % (key, path))
    return levels


class Strategy:
    """Adds a strategy with its own copy of a level list, and its nodes."""

    def __init__(self, lib, key, levels, **columns):
        self.lib = lib
        self.key = key
        self.id = uid("strategy", key)
        self.level_ids = []
        self.positions = {}
        lib.add("strategies", id=self.id, **columns)
        for position, (name, name_sv) in enumerate(levels):
            level_id = uid("level", key, str(position))
            lib.add("levels", id=level_id, strategy_id=self.id, position=position,
                    name=name, name_sv=name_sv)
            self.level_ids.append(level_id)

    def node(self, node_key, level, title, parent=None, tags=(), territories=(), **columns):
        node_id = uid("node", self.key, node_key)
        position = self.positions.get(parent, 0)
        self.positions[parent] = position + 1
        self.lib.add("nodes", id=node_id, strategy_id=self.id, level_id=self.level_ids[level],
                     parent_id=parent, position=position, title=title, **columns)
        for tag in tags:
            self.lib.add("node_tags", node_id=node_id, tag=tag)
        for code in territories:
            self.lib.add("node_territories", node_id=node_id, territory_code=code)
        return node_id


def link(lib, from_id, to_id, kind="contributes-to", **columns):
    lib.add("links", id=uid("link", from_id, to_id, kind), from_node_id=from_id,
            to_node_id=to_id, kind=kind, **columns)


def indicator(lib, cat, key, nodes, series=(), territories=None, **columns):
    """An indicator and, from the published values, its measurements."""
    ind_id = uid("indicator", lib.name, key)
    lib.add("indicators", id=ind_id, **columns)
    for node_id in nodes:
        lib.add("node_indicators", node_id=node_id, indicator_id=ind_id)
    for measure, source_id in series:
        for r in cat.series(measure, source_id):
            if territories is not None and r["territory_code"] not in territories:
                continue
            note = "Källa: %s (%s)." % (r["source_id"], r["source"])
            if r["note"]:
                note += " Anm.: %s" % r["note"]
            lib.add("measurements",
                    id=uid("measurement", ind_id, r["period"], r["territory_code"], r["gender"]),
                    indicator_id=ind_id, period=r["period"], territory_code=r["territory_code"],
                    gender=r["gender"], value=float(r["value"]), note=note)
    return ind_id


# target_history stays empty: the only targets here (the effect chain's) are
# a draft's, which keep no history, and the seeds tell of no revised target.
def target(lib, ind_id, year, value, note):
    lib.add("indicator_targets", id=uid("target", ind_id, str(year)), indicator_id=ind_id,
            year=year, value=value, note=note)


# ---------------------------------------------------------------------------
# Region Jämtland Härjedalen's framework, Region Västerbotten's RUS, and the
# ERDF programmes that the calls belong to.

def build_jamtland(schema, cat):
    lib = Library("jamtland-harjedalen", schema)
    add_organisations(lib, ["rjh", "rvb", "tvv", "wsp", "oxford", "miun", "ostersund"])
    rus = scheme_levels("rus")
    county = "0023"
    jh_municipalities = cat.municipalities("23")

    # RUS del 1: the vision for 2050.
    rus1 = Strategy(
        lib, "jh/rus-1", rus,
        title="Jämtlands län 2050 – En nytänkande och hållbar region att leva, verka och "
              "utvecklas i",
        short_name="RUS del 1", registration_number="RUN/515/2018", organisation_id=org("rjh"),
        position=0, period_from=2021, period_to=2050, adopted_on="2021-02-17", status="adopted",
        scheme="rus",
        description="Regional utvecklingsstrategi (RUS), del 1: länets gemensamma målbild för "
                    "år 2050 och vägvisare mot en långsiktigt hållbar framtid. Regionala "
                    "utvecklingsnämnden beslutade den 18 december 2018 att RUS skulle revideras, "
                    "med start 1 januari 2019; regionfullmäktige antog den nya strategin den "
                    "17 februari 2021. Målbilden innehåller omställning och transformation där "
                    "drivkrafterna är hållbarhet i alla tre dimensioner, territoriellt perspektiv, "
                    "social sammanhållning och digitalisering. Enligt förordningen (2017:583) om "
                    "regionalt tillväxtarbete ska strategin följas upp årligen och ses över en "
                    "gång per mandatperiod. Källor: %s; %s." % (DOC_RUN12, DOC_2023))
    vision = rus1.node(
        "vision", 0,
        "Jämtlands län 2050 – En nytänkande och hållbar region att leva, verka och utvecklas i",
        description="En gemensam målbild för länets utveckling och vart vi vill vara år 2050. "
                    "Målbilden innehåller omställning och transformation där drivkrafterna är "
                    "hållbarhet från alla tre aspekter, territoriellt perspektiv, social "
                    "sammanhållning och digitalisering.",
        organisation_id=org("rjh"),
        tags=["dimension:economic", "dimension:social", "dimension:environmental",
              "perspective:territorial", "perspective:social-cohesion",
              "perspective:digitalisation"],
        territories=[county])
    roadmap = rus1.node(
        "fardplan", 5, "RUS färdplan mot 2050", parent=vision,
        description="Dialoger med aktörer kring uppbyggnad av en färdplan, för att bygga en "
                    "första färdplan mot 2050 under 2022; erbjudande om möten med alla kommuner "
                    "(samtidigt med S3-handlingsplanen); fortsatt översyn av ramverket för "
                    "uppföljning och utvärdering. Status enligt %s." % DOC_RUN12,
        organisation_id=org("rjh"), status="planned")

    # RUS del 2: the long-term goal and the three priorities.
    rus2 = Strategy(
        lib, "jh/rus-2", rus,
        title="Mål och långsiktiga prioriteringar för den regionala tillväxtpolitiken i Jämtland "
              "Härjedalen",
        short_name="RUS del 2", registration_number="RUN/516/2020", organisation_id=org("rjh"),
        parent_id=rus1.id, parent_relation="part", position=0, status="adopted", scheme="rus",
        description="RUS del 2: ett långsiktigt mål och tre långsiktiga prioriteringar, det sätt "
                    "som det regionala utvecklingsuppdraget ska bidra till att uppfylla den "
                    "länsgemensamma visionen. Fastställd i februari 2021 (dagen anges inte i "
                    "källorna). Källor: %s; %s." % (DOC_RUN12, DOC_2023))
    goal = rus2.node(
        "mal", 1,
        "Utvecklingskraft med stärkt lokal och regional konkurrenskraft för en hållbar "
        "utveckling i alla delar av länet",
        description="Det långsiktiga målet för den regionala tillväxtpolitiken i Jämtland "
                    "Härjedalen.",
        organisation_id=org("rjh"), territories=[county])
    p1 = rus2.node(
        "p1", 2, "Förutsättningar för utvecklingskraft i hela länet", parent=goal, code="1",
        description="Insatser ska nå hela territoriet och ta hänsyn till inomregionala "
                    "skillnader. Vi följer upp vilka effekter insatserna ger i olika delar av "
                    "länet.",
        tags=["perspective:territorial"], territories=[county] + jh_municipalities)
    p2 = rus2.node(
        "p2", 2,
        "Hållbar utveckling genom att synliggöra och adressera målkonflikter i tillväxtarbetet",
        parent=goal, code="2",
        description="Prioriteringen ska gå mot en strukturomvandling av näringslivet. För att "
                    "vara konkurrenskraftiga behöver näringslivet genomgå en industriell "
                    "omvandling med ekonomisk, social och miljömässig hållbarhet i fokus. De tre "
                    "hållbarhetsdimensionerna är integrerade och ömsesidigt beroende av varandra "
                    "och även samiska förutsättningar och behov inkluderas.",
        tags=["dimension:economic", "dimension:social", "dimension:environmental",
              "perspective:sami"])
    p3 = rus2.node(
        "p3", 2, "Utveckling av styrkeområdena som pekas ut i program för smart specialisering",
        parent=goal, code="3",
        description="Utifrån sexstegsprocessen som är kopplad till smart specialisering tar "
                    "Region Jämtland Härjedalen tillsammans med länets aktörer fram "
                    "handlingsplaner "
                    "med vision, prioriteringar och insatser inom varje styrkeområde: Digitala "
                    "lösningar, Jord, skog och vatten, Upplevelser och Hållbar energi. "
                    "Prioriteringarna utvecklas löpande tillsammans med länets aktörer i den "
                    "lärprocess som är en del av sexstegsprocessen.")
    link(lib, goal, vision,
         rationale="Målet och prioriteringarna är det sätt som det regionala "
                   "utvecklingsuppdraget ska bidra till att uppfylla den länsgemensamma visionen.",
         evidence=DOC_2023)

    # "Utvecklad styrning utifrån ny regional utvecklingsstrategi": the parts
    # of the regional development responsibility and their interventions,
    # with the time plan as the document gives it (2021).
    steering = [
        ("anslag", "Styrning och kontroll, anslag 1:1",
         "Utveckling av nya rutinbeskrivningar samt strategiska bedömningskriterier för olika "
         "typer av ärenden, samt för bemyndigande- och anslagsrapportering. Finansieringsagenda "
         "för nya åtaganden.", "Pågår, klart 2021", "ongoing"),
        ("extern", "Extern finansiering",
         "Framtagande av process och struktur för att identifiera behov inom smart "
         "specialisering, hitta finansieringslösningar och bedöma ansökningar utifrån "
         "utlysningar samt plan för programmering.", "Oktober 2021", "planned"),
        ("paverkan", "Påverkansarbete",
         "Framtagande av länsgemensam påverkansagenda och arbete utifrån den "
         "Norrlandsgemensamma agendan för att driva frågor mot nationell och EU-nivå.",
         "Oktober 2021", "planned"),
        ("ltp", "Regional infrastrukturplan/länstransportplan",
         "Plan för regional infrastruktur och fördelning av medel utifrån den nationella "
         "infrastrukturplanen. Innehåller även mål för regional infrastruktur utifrån nya "
         "styrdokument.", "I drift 2022", "planned"),
        ("forum", "Deltagande i forum",
         "Inventering av samverkans- och påverkansforum och genomgång av vilka som är "
         "relevanta.", "Pågår, klart hösten 2021", "ongoing"),
        ("bredband", "Bredband",
         "Konkretisering av arbete med bredband kopplat till S3, såsom påverkansarbete och "
         "samverkan med kommunerna.", "2021", "planned"),
        ("kompetens", "Kompetensförsörjning",
         "Plan för arbete med kompetensförsörjning med länets aktörer för att tydliggöra "
         "aktiviteter och ansvariga.", "Sommaren 2021", "planned"),
    ]
    # The time plans as Målbild stores periods (src/core/mb-period.h): the
    # document's words give the end, with its precision.
    plan_ends = {
        "Pågår, klart 2021": "2021", "Oktober 2021": "2021-10", "I drift 2022": "2022",
        "Pågår, klart hösten 2021": "2021-autumn", "2021": "2021",
        "Sommaren 2021": "2021-summer",
    }
    steer = {}
    for key, title, text, plan, status in steering:
        steer[key] = rus2.node(
            "styrning/" + key, 5, title, parent=goal,
            description="%s Tidsplan enligt dokumentet: %s. Status avser läget när dokumentet "
                        "skrevs (2021). Källa: %s." % (text, plan, DOC_STYRNING),
            organisation_id=org("rjh"), status=status, end_date=plan_ends[plan],
            # "I drift 2022": the end is when it is in operation, not done.
            in_operation=plan.startswith("I drift"))
    link(lib, steer["extern"], p3,
         rationale="Insatsen tar fram process och struktur för att identifiera behov inom smart "
                   "specialisering och hitta finansieringslösningar för dem.",
         evidence=DOC_STYRNING)
    link(lib, steer["bredband"], p3,
         rationale="Arbetet med bredband konkretiseras kopplat till S3.",
         evidence=DOC_STYRNING)

    # RUS del 3: the S3 programme, its four strength areas and its process.
    rus3 = Strategy(
        lib, "jh/rus-3", rus,
        title="Program för smart specialisering i Jämtland Härjedalen 2021–2027",
        short_name="RUS del 3 (S3)", registration_number="RUN/430/2018",
        organisation_id=org("rjh"), parent_id=rus1.id, parent_relation="part", position=1,
        period_from=2021, period_to=2027, adopted_on="2020-11-25", status="adopted",
        scheme="rus",
        description="RUS del 3: programmet för smart specialisering (S3) slår fast länets "
                    "prioriterade styrkeområden – Jord, skog och vatten, Hållbar energi, "
                    "Upplevelser och Digitala lösningar – och den process som används för "
                    "tillväxtarbetet. God styrning av den regionala S3 är ett krav för att ta del "
                    "av europeiska struktur- och investeringsfonder; programmet ligger till grund "
                    "för Europeiska regionala utvecklingsfonden i Mellersta Norrland 2021–2027. "
                    "Det kompletteras av en handlingsplan per styrkeområde med vision, "
                    "insatsområden och insatser, som ses över två gånger per år och tas fram med "
                    "aktörer från offentlig sektor, näringsliv, akademi och civilsamhälle. "
                    "Handlingsplanernas insatsområden och insatser namnges inte i källorna och "
                    "finns därför inte med här. Beslutat av regionfullmäktige den 25 november "
                    "2020. Källor: %s; %s." % (DOC_RUN12, DOC_2023))
    areas = {}
    for key, title in [("jsv", "Jord, skog och vatten"), ("energi", "Hållbar energi"),
                       ("upplevelser", "Upplevelser"), ("digitala", "Digitala lösningar")]:
        areas[key] = rus3.node(
            "styrkeomrade/" + key, 3, title,
            description="Ett av länets fyra prioriterade styrkeområden i programmet för smart "
                        "specialisering. I den aktörsdrivna processen togs en vision för "
                        "styrkeområdet fram (klar 28 februari 2021); den formade tillsammans med "
                        "identifierade behov och utmaningar i länet den första handlingsplanen, "
                        "som ses över två gånger per år. En processledare leder arbetet.",
            responsible="Processledare för styrkeområdet", organisation_id=org("rjh"),
            territories=[county])
        link(lib, areas[key], p3,
             rationale="Prioriteringen \"Utveckling av styrkeområdena som pekas ut i program för "
                       "smart specialisering\" avser programmets fyra styrkeområden, bland dem "
                       "%s." % title,
             evidence="%s; %s" % (DOC_RUN12, DOC_2023))

    # The six-step process in the seeds' "rooms", with the months they give.
    steps = [
        ("analys", "Analys – Samskapandets rum",
         "Underlag för att underbygga styrkeområdena och potentialen i dem. Resultat: Program "
         "för smart specialisering Jämtland Härjedalen 2021–2027. Juni–september 2020.",
         "2020-06", "2020-09", "done"),
        ("vision", "Vision – Framtidens rum 2030",
         "Påbörjan av handlingsplaner: arbetet med visioner för styrkeområdena började i oktober "
         "2020 och visionerna blev klara 28 februari 2021.", "2020-10", "2021-02-28", "done"),
        ("prioritering", "Prioritering – Handlingarnas rum",
         "Fortsättning av handlingsplanerna. Insatsområden identifieras, och inom dem de behov "
         "och utmaningar som bygger de första prioriterade insatserna som tar oss mot visionen. "
         "Mars–oktober 2021.", "2021-03", "2021-10", "done"),
        ("policymix", "Policymix – Handlingarnas rum",
         "Fortsättning av handlingsplanerna: vilka strategier och program har vi på olika nivåer "
         "som kan vara verktyg i genomförandet? Juni–oktober 2021.", "2021-06",
         "2021-10", None),
        ("styrning", "Styrning – Möjligheternas rum",
         "Hur bygger vi styrning mot visionen med hållbarhet i tanken från början? Hur kopplar "
         "vi på klusterorganisationer? Ska vi ha styrgrupper, referensgrupper och/eller "
         "arbetsgrupper? Februari–december 2021.", "2021-02", "2021-12", None),
        ("utvardering", "Utvärdering",
         "Pågår löpande i processen men konkretiseras mer under 2022, när insatser och processen "
         "fått pågå ett tag.", None, None, "ongoing"),
    ]
    step_ids = {}
    for key, title, text, start, end, status in steps:
        step_ids[key] = rus3.node(
            "sexsteg/" + key, 5, title,
            description="Ett steg i sexstegsprocessen för smart specialisering. %s Månaderna är "
                        "dokumentets. Källa: %s." % (text, DOC_STYRNING),
            organisation_id=org("rjh"), start_date=start, end_date=end, status=status)
        link(lib, step_ids[key], p3,
             rationale="Handlingsplanerna med vision, prioriteringar och insatser inom varje "
                       "styrkeområde tas fram utifrån sexstegsprocessen.",
             evidence=DOC_RUN12)
    # The steps follow one another: each continues the action plans the
    # previous one began.
    for later, earlier, why in [
            ("prioritering", "vision", "Prioriteringen fortsätter de handlingsplaner som "
             "påbörjades med visionerna för styrkeområdena."),
            ("policymix", "prioritering", "Policymixen fortsätter handlingsplanerna med de "
             "insatsområden som prioriteringen identifierat.")]:
        link(lib, step_ids[later], step_ids[earlier], kind="depends-on", rationale=why,
             evidence=DOC_STYRNING)
    peer = rus3.node(
        "peer-review", 5, "Peer review med statliga myndigheter",
        description="En peer review med statliga myndigheter för att utveckla arbetssätten, "
                    "genomförd 2021 (%s)." % DOC_RUN12,
        organisation_id=org("rjh"), status="done")
    link(lib, peer, step_ids["utvardering"],
         rationale="Granskningen av arbetssätten är en del av lärandet i processen.",
         evidence=DOC_RUN12)
    workshop = rus3.node(
        "handlingsplansverkstad", 5, "S3-handlingsplan: förankring och inspel",
        description="Ett första utkast till S3-handlingsplan förankras och är öppet för inspel "
                    "via workshop i styrkeområdena (Handlingsplansverkstad) och möten med alla "
                    "kommuner. Den innehåller insatser på övergripande processnivå och på "
                    "styrkeområdesnivå och blir mer fördjupad vid varje översyn (%s)."
                    % DOC_RUN12,
        organisation_id=org("rjh"), status="planned")
    for key in areas:
        link(lib, workshop, areas[key],
             rationale="Handlingsplanen innehåller insatser på styrkeområdesnivå.",
             evidence=DOC_RUN12)

    # The previous RUS, followed up in "Läget i länet".
    old = Strategy(
        lib, "jh/rus-2030",
        [("Vision", "Vision"), ("Priority area", "Prioriterat område"),
         ("Overarching goal", "Övergripande mål")],
        title="Jämtland/Härjedalen 2030 – Innovativt & Attraktivt", short_name="Tidigare RUS",
        organisation_id=org("rjh"), position=1, period_to=2030, status="archived",
        scheme="custom",
        description="Den tidigare regionala utvecklingsstrategin, ersatt av RUS 2021 (Jämtlands "
                    "län 2050). Sju prioriterade områden med fem övergripande mål under varje "
                    "rubrik, 35 mål som följdes upp med en eller flera indikatorer var i den "
                    "årliga rapporten Läget i länet. Målen namnges inte i källan och finns därför "
                    "inte med här. Källa: %s." % DOC_REVISION)
    old_vision = old.node("vision", 0, "Jämtland/Härjedalen 2030 – Innovativt & Attraktivt",
                          territories=[county])
    for title in ["Företagande, innovation, forskning och utveckling",
                  "Kompetens och kunskapsutveckling", "Resurssnålare och effektivare",
                  "Besöksnäring och attraktivitet", "Infrastruktur och samhällsservice",
                  "Socialt inkluderande och ett sunt liv", "Demografiska möjligheter"]:
        old.node("omrade/" + title, 1, title, parent=old_vision)

    # Region Västerbotten: the RUS 2020–2030 and the one before it. Its own
    # goal structure, named as the region writes it (in Swedish only: no
    # built-in scheme's names, so the app shows them as typed in any
    # language): two overarching goals, three directions, six priorities
    # with 20 sub-priorities.
    vb_levels = [("Övergripande mål", None), ("Riktning", None), ("Prioritering", None),
                 ("Delprioritering", None)]
    vb = Strategy(
        lib, "vb/rus", vb_levels,
        title="Regional utvecklingsstrategi för Västerbottens län 2020–2030",
        short_name="RUS Västerbotten", organisation_id=org("rvb"), position=2,
        period_from=2020, period_to=2030, status="adopted", scheme="custom",
        description="Region Västerbottens RUS har två övergripande mål, tre riktningar och sex "
                    "prioriteringar med 20 delprioriteringar. Källan, en presentation av "
                    "processen, namnger bara de två övergripande målen (dialogunderlag 2); "
                    "riktningar och prioriteringar finns därför inte med här, och inte heller "
                    "beslutsdatum eller diarienummer. Processen under tre år: dialog 1 i breda "
                    "workshops (november–december 2018), dialog 2 via dialogunderlag (maj–juli "
                    "2019), samråd genom remiss våren 2020 och beslut i fullmäktige. "
                    "Utgångspunkter: lång tidshorisont med regelbundna översyner (presentationen "
                    "nämner 2020–2040), tydligare roll som övergripande långsiktig strategi där "
                    "andra strategier och program konkretiserar på kortare sikt, lättare att "
                    "följa upp och tydligare integrering av horisontella mål. Källa: %s." % DOC_VB)
    for code, title in [("1", "Hållbart och attraktivt"), ("2", "Kapacitet för förändring")]:
        vb.node("mal/" + code, 0, title, code=code, organisation_id=org("rvb"),
                description="Övergripande mål %s enligt dialogunderlag 2 (%s)." % (code, DOC_VB),
                territories=["0024"])
    vb_old = Strategy(
        lib, "vb/rus-2014", [("Vision", "Vision"), ("Strategic choice", "Strategiskt vägval")],
        title="RUS 2014–2020 – Från kust till fjäll skapas en hållbar attraktiv region",
        short_name="RUS Västerbotten 2014–2020", organisation_id=org("rvb"), position=3,
        period_from=2014, period_to=2020, status="archived", scheme="custom",
        description="Västerbottens läns regionala utvecklingsstrategi 2014–2020. Utgångspunkter: "
                    "Europa 2020 samt globala utmaningar och möjligheter; sex strategiska vägval. "
                    "Källa: %s." % DOC_VB)
    vb_vision = vb_old.node("vision", 0, "Från kust till fjäll skapas en hållbar attraktiv "
                            "region", territories=["0024"])
    for title in ["Samhällen som inkluderar och utvecklar människor", "Strukturer för innovation",
                  "Miljödriven utveckling", "Investeringar i utbildning och kompetens",
                  "Platsbaserad näringslivsutveckling", "En tillgänglig och utåtriktad region"]:
        vb_old.node("vagval/" + title, 1, title, parent=vb_vision)

    # The ERDF programmes the S3 programme and the circular-economy call
    # belong to. Only what the sources name is modelled.
    erdf_levels = [("Policy objective", "Politiskt mål"), ("Specific objective", "Specifikt mål")]
    Strategy(
        lib, "erdf/mellersta-norrland", erdf_levels,
        title="Regionalfondsprogram Mellersta Norrland 2021–2027",
        short_name="ERUF Mellersta Norrland", organisation_id=org("tvv"), position=4,
        period_from=2021, period_to=2027, status="adopted", scheme="custom",
        description="Europeiska regionala utvecklingsfonden (ERUF) i Mellersta Norrland "
                    "(Jämtlands och Västernorrlands län). Programmet för smart specialisering i "
                    "Jämtland Härjedalen ligger till grund för det. Enligt regeringens "
                    "pressmeddelande (november 2022): EU-medel 142 miljoner euro (1 320 Mkr) och "
                    "1 990 Mkr i nationell medfinansiering, totalt 3 310 Mkr. Programmets mål "
                    "namnges inte i källorna och finns därför inte med här. Tillväxtverket är "
                    "förvaltande myndighet. Källa: %s." % DOC_SOURCES)
    on = Strategy(
        lib, "erdf/ovre-norrland", erdf_levels,
        title="Regionalfondsprogram Övre Norrland 2021–2027",
        short_name="ERUF Övre Norrland", organisation_id=org("tvv"), position=5,
        period_from=2021, period_to=2027, status="adopted", scheme="custom",
        description="Europeiska regionala utvecklingsfonden (ERUF) i Övre Norrland (Norrbottens "
                    "och Västerbottens län), totalt 4 557 Mkr enligt regeringens pressmeddelande "
                    "(november 2022). Bara det specifika mål som Tillväxtverkets utlysning om "
                    "cirkulär ekonomi avser finns med här. Tillväxtverket är förvaltande "
                    "myndighet. Källa: %s." % DOC_SOURCES)
    circular = on.node("2.6", 1, "Främja cirkulär ekonomi", code="2.6",
                       description="Specifikt mål 2.6 i programmet.", territories=["0024"])

    # Indicators with real published values (data/catalogues/jamtland_values.csv).
    def kolada(kpi):
        return {"reference": "kolada:" + kpi}

    scb_am = "SCB AM0210D/ArRegArbStatus"
    indicator(lib, cat, "befolkning", [p1],
              [("Folkmängd (Invånare totalt, antal)",
                "SCB befolkningsstatistik (same concept as Kolada N01951)")],
              strategy_id=rus2.id, title=cat.kolada_title("N01951"),
              description="Folkmängd i länet och i varje kommun. Värdena för 2025 har inget "
                          "angivet referensdatum i källan. Mål anges inte i dokumenten.",
              unit="antal", measure="number", direction="increase",
              source="SCB befolkningsstatistik (via Region Hallands analysrepon)",
              frequency="yearly", by_gender=True, by_municipality=True, **kolada("N01951"))
    indicator(lib, cat, "sysselsattningsgrad", [goal],
              [("Sysselsättningsgrad 20-64 år (BAS, ArRegArbStatus), %",
                scb_am + " 000002NS")],
              strategy_id=rus2.id, title=cat.kolada_title("N02267"),
              description="Andel sysselsatta 20–64 år, för kvinnor, män och totalt, i länet och "
                          "kommunerna (SCB:s BAS, samma mått som Kolada N02267). Mål anges inte "
                          "i dokumenten.",
              unit="%", measure="percent", direction="increase",
              source="SCB, Befolkningens arbetsmarknadsstatus (BAS), tabell AM0210D",
              frequency="yearly", by_gender=True, by_municipality=True, **kolada("N02267"))
    indicator(lib, cat, "forvarvsarbetande", [goal],
              [("Förvärvsintensitet 20-64 år (andel förvärvsarbetande), %",
                "SCB RAMS/BAS via Östersunds kommun (same concept as Kolada N00914)")],
              strategy_id=rus2.id, title=cat.kolada_title("N00914"),
              description="Kolada har avvecklat nyckeltalet N00914; närmaste nuvarande "
                          "nyckeltal är N02267 (Sysselsättningsgrad 20-64 år). Referensen "
                          "behålls för att visa hur ett avvecklat nyckeltal visas. Värdena för "
                          "2017 är publicerade av Östersunds kommun.",
              unit="%", measure="percent", direction="increase",
              source="SCB:s registerbaserade arbetsmarknadsstatistik (RAMS)",
              frequency="yearly", by_gender=True, by_municipality=True, **kolada("N00914"))
    indicator(lib, cat, "arbetsloshet", [p1],
              [("Arbetslöshet 20-64 år (BAS, ArRegArbStatus), %", scb_am + " 000002NN")],
              strategy_id=rus2.id, title="Arbetslöshet 20-64 år, andel (%)",
              description="Arbetslösa 20–64 år enligt SCB:s BAS, i länet och kommunerna. Serier "
                          "från olika SCB-tabeller blandas inte. Mål anges inte i dokumenten.",
              unit="%", measure="percent", direction="decrease",
              source="SCB, Befolkningens arbetsmarknadsstatus (BAS), tabell AM0210D",
              frequency="yearly", by_municipality=True, reference="scb:AM0210D")
    indicator(lib, cat, "eftergymnasial", [goal, steer["kompetens"]],
              [("Invånare 25-64 år med eftergymnasial utbildning, andel (%)", "Kolada N01982")],
              strategy_id=rus2.id, title=cat.kolada_title("N01982"),
              description="Andel invånare 25–64 år med eftergymnasial utbildning. Alla serier har "
                          "ett hopp mellan 2021 och 2022 (troligen en revidering av registret). "
                          "Mål anges inte i dokumenten.",
              unit="%", measure="percent", direction="increase", source="SCB via Kolada",
              frequency="yearly", by_gender=True, by_municipality=True, **kolada("N01982"))
    indicator(lib, cat, "nystartade", [goal],
              [("Nystartade företag, antal",
                "Tillväxtanalys (nystartade företag) via Region Dalarna xlsx")],
              strategy_id=rus2.id, title=cat.kolada_title("N01003"),
              description="Nystartade företag i länet per år. För 2010 ger källan två värden "
                          "(seriebrott); de visas inte här. Mål anges inte i dokumenten.",
              unit="antal", measure="number", direction="increase", source="Tillväxtanalys",
              frequency="yearly", by_municipality=True, **kolada("N01003"))
    indicator(lib, cat, "brp", [goal],
              [("BRP per invånare, löpande priser", "SCB regionalräkenskaper via Regionfakta")],
              strategy_id=rus2.id, title=cat.kolada_title("N03700"),
              description="BRP per invånare i löpande priser. Länets värden motsvarar Kolada "
                          "N03700; kommunernas kommer ur samma tabell hos Regionfakta (i Kolada "
                          "N03702). Mål anges inte i dokumenten.",
              unit="1000 kr/invånare", measure="number", direction="increase",
              source="SCB regionalräkenskaper via Regionfakta", frequency="yearly",
              by_municipality=True, **kolada("N03700"))
    indicator(lib, cat, "ekonomiskt-utsatta", [p2],
              [("Invånare 0-19 år i ekonomiskt utsatta hushåll, andel (%)", "Kolada N02904")],
              strategy_id=rus2.id, title="Invånare 0-19 år i ekonomiskt utsatta hushåll, andel (%)",
              description="Kolada-nyckeltalet N02904 finns inte bland de nyckeltal som följer "
                          "med Målbild men är giltigt i Kolada. Mål anges inte i dokumenten.",
              unit="%", measure="percent", direction="decrease", source="Kolada",
              frequency="yearly", by_municipality=True, **kolada("N02904"))
    for kpi, measure in [("N85085", "Företagens utgifter för egen FoU"),
                         ("N85086", "Offentliga sektorns utgifter för FoU"),
                         ("N85087", "Universitets- och högskolesektorns utgifter för FoU")]:
        indicator(lib, cat, "fou-" + kpi, [p3], [(measure, "Kolada " + kpi)],
                  strategy_id=rus2.id, title=cat.kolada_title(kpi),
                  description="Utgifter för forskning och utveckling per invånare i länet; år "
                              "som Kolada undertrycker saknas. Mål anges inte i dokumenten.",
                  unit="kr/inv", measure="number", direction="increase", source="SCB via Kolada",
                  frequency="yearly", **kolada(kpi))
    indicator(lib, cat, "vaxthusgaser", [p2],
              [("Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/invånare",
                "Kolada N00401 (Nationella emissionsdatabasen/SCB)")],
              strategy_id=rus2.id, title=cat.kolada_title("N00401"),
              description="Utsläpp av växthusgaser per invånare. Publicerade värden finns här "
                          "bara för Bräcke och Berg. Mål anges inte i dokumenten.",
              unit="ton CO2-ekv/inv", measure="number", direction="decrease",
              source="Nationella emissionsdatabasen och SCB via Kolada", frequency="yearly",
              by_municipality=True, **kolada("N00401"))
    indicator(lib, cat, "bredband", [steer["bredband"], p1],
              [("Hushåll med tillgång till bredband om minst 100 Mbit/s, %",
                "PTS (via Region JH)")],
              strategy_id=rus2.id, title=cat.kolada_title("N07900"),
              description="Andel hushåll med tillgång till bredband om minst 100 Mbit/s, "
                          "avrundade värden som Region Jämtland Härjedalen publicerat (PTS). Mål "
                          "anges inte i dokumenten.",
              unit="%", measure="percent", direction="increase", source="PTS via Region "
              "Jämtland Härjedalen", frequency="yearly", by_municipality=True, **kolada("N07900"))
    for code, title in [("RCO 01", "Företag som får stöd (varav mikro-, små, medelstora och "
                                   "stora företag)"),
                        ("RCR 03", "Små och medelstora företag som inför produkt- eller "
                                   "processinnovationer")]:
        erdf = cat.erdf[code]
        indicator(lib, cat, "erdf-" + code, [p3], strategy_id=rus3.id, title=title,
                  description="Gemensam ERUF-indikator 2021–2027 (%s, \"%s\"). Kopplingen till "
                              "prioriteringen är illustrativ: källorna anger inte vilka "
                              "ERUF-indikatorer som följs upp för smart specialisering. Inga "
                              "mål- eller utfallsvärden." % (code, erdf["name_en"]),
                  unit="företag", measure="number", direction="increase",
                  source="Europeiska regionala utvecklingsfonden, förordning (EU) 2021/1058 "
                         "bilaga I", reference="erdf:" + code)

    # Calls and projects named in the seeds and in SOURCES.md.
    add_call_clusters(lib)
    lib.add("call_nodes", call_id=CALL_CLUSTERS, node_id=p3)
    lib.add("call_nodes", call_id=CALL_CLUSTERS, node_id=step_ids["styrning"])
    capacity = uid("call", "Region Jämtland Härjedalen",
                   "Stärkt kapacitet för regionalt utvecklingsarbete")
    lib.add("funding_calls", id=capacity,
            title="Stärkt kapacitet för regionalt utvecklingsarbete",
            funder="Region Jämtland Härjedalen", regions="Jämtlands län", status="closed",
            url="http://www.regionjh.se/utlysning",
            description="Utlysning av projektmedel under revideringen av RUS (2019–2020). "
                        "Projekten kan innehålla aktiviteter som tar fram kunskaps- och "
                        "planeringsunderlag och analyser som kan bli underlag till det regionala "
                        "strategiarbetet, som möjliggör aktörens medverkan i workshops och andra "
                        "aktiviteter som Region Jämtland Härjedalen anordnar med koppling till "
                        "RUS- och S3-processen, och som skapar lokal förankring av de regionala "
                        "strategierna. Datum, budget och stödnivå anges inte i källan. Källa: %s."
                        % DOC_REVISION)
    lib.add("call_nodes", call_id=capacity, node_id=vision)
    lib.add("call_nodes", call_id=capacity, node_id=p3)
    circular_call = uid("call", "Tillväxtverket", "Insatser för att främja cirkulär ekonomi "
                        "inom Övre Norrland")
    lib.add("funding_calls", id=circular_call,
            title="Insatser för att främja cirkulär ekonomi inom Övre Norrland",
            funder="Tillväxtverket", programme="Regionalfondsprogram Övre Norrland 2021–2027",
            opens_on="2024-08-12", budget=30000000, budget_preliminary=True,
            max_support_rate=50,
            eligible_actors="Offentliga aktörer, universitet och högskolor, forskningsinstitut, "
                            "företagsfrämjande aktörer, ekonomiska föreningar och civilsamhälle",
            regions="Norrbotten, Västerbotten", status="closed",
            description="Specifikt mål 2.6 Främja cirkulär ekonomi. Stöd med högst 50 %% av "
                        "projektets totala budget; utlysningens budget 30 Mkr (preliminär). Sista "
                        "ansökningsdag anges inte i källan; status \"stängd\" är en bedömning "
                        "(utlysningen öppnade 12 augusti 2024). Källa: %s." % DOC_SOURCES)
    lib.add("call_nodes", call_id=circular_call, node_id=circular)

    prestudy = uid("project", "RUN/683/2020")
    lib.add("projects", id=prestudy, title="Utveckla färdigheter för smart specialisering",
            registration_number="RUN/683/2020", owner_id=org("rjh"), status="completed",
            description="Förstudie genomförd 2021 med WSP som konsult (%s). Datum och budget "
                        "anges inte i källan." % DOC_RUN12)
    lib.add("project_partners", project_id=prestudy, organisation_id=org("wsp"))
    lib.add("project_nodes", project_id=prestudy, node_id=p3)
    lib.add("project_nodes", project_id=prestudy, node_id=step_ids["analys"])

    innoheis = uid("project", "Mittuniversitetet", "InnoHeis")
    lib.add("projects", id=innoheis, title="InnoHeis", owner_id=org("miun"), status="ongoing",
            description="Mittuniversitetets projekt. Region Jämtland Härjedalen har tillsammans "
                        "med Mittuniversitetet och InnoHeis haft utbyte om utveckling av smart "
                        "specialisering med bland andra Frankrike, Nederländerna, Finland, Polen "
                        "och Litauen. Status avser 2021; datum och budget anges inte i källan "
                        "(%s)." % DOC_RUN12)
    lib.add("project_nodes", project_id=innoheis, node_id=p3)

    paths = uid("project", "Region Jämtland Härjedalen", "Vägar till hållbar utveckling")
    lib.add("projects", id=paths, title="Vägar till hållbar utveckling", owner_id=org("rjh"),
            status="ongoing",
            description="Processtöd för att stärka arbetet med hållbar utveckling internt, "
                        "inklusive hållbarhet i stödgivningen ur anslag 1:1. Tidsplan enligt "
                        "dokumentet: pågår, klart 2023; status avser 2021. Budget anges inte i "
                        "källan (%s)." % DOC_STYRNING)
    lib.add("project_nodes", project_id=paths, node_id=p2)

    review = uid("project", "Region Jämtland Härjedalen", "Översyn av ramverket för uppföljning")
    lib.add("projects", id=review, title="Översyn av ramverket för uppföljning av RUS och S3",
            owner_id=org("rjh"), status="ongoing",
            description="Ramverket för uppföljning av RUS och S3 ses över med hjälp av konsulter "
                        "från Oxford Research; slutrapport i slutet av mars 2022. Status avser "
                        "rapportens datum; budget anges inte i källan (%s)." % DOC_RUN12)
    lib.add("project_partners", project_id=review, organisation_id=org("oxford"))
    lib.add("project_nodes", project_id=review, node_id=goal)
    lib.add("project_nodes", project_id=review, node_id=roadmap)

    structure = uid("project", "Region Jämtland Härjedalen", "Strukturanalys Jämtlands län")
    lib.add("projects", id=structure, title="Strukturanalys Jämtlands län", owner_id=org("rjh"),
            status="completed", end_date="2019-10-31",
            description="Underlag till revideringen av RUS: upphandling av konsult, analysarbete "
                        "med rapport klar 31 oktober 2019; därefter analys, skrivarbete och "
                        "strukturbilder till 9 februari 2020. Startdatum och budget anges inte i "
                        "källan (%s)." % DOC_REVISION)
    lib.add("project_nodes", project_id=structure, node_id=vision)

    add_municipal_strategy(lib, rus1, p1, p2, areas, steer)
    add_follow_up(lib, cat, rus2, goal, [p1, p2, p3], areas, peer, review)
    return lib


# The municipalities' own names for themselves (the genitive where Swedish
# takes one).
MUNICIPALITY_ORGANISATIONS = {
    "Ragunda": "Ragunda kommun", "Bräcke": "Bräcke kommun", "Krokom": "Krokoms kommun",
    "Strömsund": "Strömsunds kommun", "Åre": "Åre kommun", "Berg": "Bergs kommun",
    "Härjedalen": "Härjedalens kommun", "Östersund": "Östersunds kommun",
}


# The organisations of the 2021 workshops. RUN/12/2022 gives the counts (16
# workshops, 110 representatives of 40 organisations in four sectors), not
# who they were: the county's eight municipalities, the county board and
# Mittuniversitetet are organisations of the region; the rest stand for the
# businesses, research bodies and associations of the strength areas and are
# named as illustrative.
def workshop_organisations(lib, cat):
    keys = []
    for code in cat.municipalities("23"):
        name = MUNICIPALITY_ORGANISATIONS[cat.territories[code]["name"]]
        if code == "2380":
            keys.append(org("ostersund"))
            continue
        oid = uid("organisation", name)
        lib.add("organisations", id=oid, name=name, sector="public")
        keys.append(oid)
    for name, sector in [("Länsstyrelsen i Jämtlands län", "public")]:
        oid = uid("organisation", name)
        lib.add("organisations", id=oid, name=name, sector=sector)
        keys.append(oid)
    keys.append(org("rjh"))
    keys.append(org("miun"))
    for sector, word, count in [("academia", "Forskningsaktör", 2),
                                ("business", "Företag", 20),
                                ("civil-society", "Förening", 7)]:
        for n in range(1, count + 1):
            name = "%s %d (illustrativ)" % (word, n)
            oid = uid("organisation", name)
            lib.add("organisations", id=oid, name=name, sector=sector)
            keys.append(oid)
    assert len(keys) == 40, len(keys)
    return keys


def add_follow_up(lib, cat, rus2, goal, priorities, areas, peer, review_project):
    """The yearly follow-up of RUS part 2: what RUN/12/2022 records of 2021,
    and an illustrative round 2025."""
    real = "Källa: %s." % DOC_RUN12
    illustrative = ("Illustrativt: exemplets uppgifter för 2025 är påhittade för att visa ett "
                    "helt uppföljningsår.")

    round_2021 = uid("follow-up", "jh/rus-2", "2021")
    lib.add("follow_up_rounds", id=round_2021, strategy_id=rus2.id, year=2021,
            title="Uppföljning 2021", status="approved", decision_number="RUN/12/2022",
            decided_on="2022-03-15", responsible="Samhällsutveckling, Region Jämtland "
            "Härjedalen")
    round_2025 = uid("follow-up", "jh/rus-2", "2025")
    lib.add("follow_up_rounds", id=round_2025, strategy_id=rus2.id, year=2025,
            title="Uppföljning 2025", cutoff_date="2026-01-31", status="in-progress",
            responsible="Samhällsutveckling, Region Jämtland Härjedalen (illustrativ)")

    # 2025, illustrative. The example's indicators have too few targets for
    # the rule to judge these goals (it suggests "cannot be assessed"), so
    # each status is the strategist's, with the reason.
    for node, status, reason, text in [
            (goal, "some-progress",
             "Indikatorerna saknar målvärden; bedömningen bygger på utvecklingen sedan "
             "basåret. (Illustrativt.)",
             "Befolkningen och sysselsättningen ökar, men långsammare än målbilden kräver. "
             "(Illustrativ bedömning.)"),
            (priorities[0], "some-progress",
             "Bedömningen bygger på uppföljningen per kommun, som indikatorerna ännu inte "
             "visar. (Illustrativt.)",
             "Insatser når fler delar av länet; skillnaderna mellan kommunerna består. "
             "(Illustrativ bedömning.)"),
            (priorities[2], "on-track",
             "Handlingsplanerna för alla fyra styrkeområden är antagna och ses över två gånger "
             "per år, vilket indikatorerna ännu inte fångar. (Illustrativt.)",
             "Arbetet i styrkeområdena har kommit i gång med processledare och handlingsplaner. "
             "(Illustrativ bedömning.)")]:
        lib.add("assessments", id=uid("assessment", round_2025, node), round_id=round_2025,
                node_id=node, status=status, suggested_status="not-assessable",
                override_reason=reason, judgement=text, assessed_by="Strateg (illustrativ)",
                assessed_on="2026-02-10")

    def activity(key, kind, title, start, description, end=None, participants=None,
                 registration_number=None, organisations=(), nodes=(), projects=(), calls=()):
        aid = uid("activity", "jh/rus-2", key)
        lib.add("activities", id=aid, strategy_id=rus2.id, kind=kind, title=title,
                start_period=start, end_period=end, description=description,
                participants=participants, registration_number=registration_number)
        for o in organisations:
            lib.add("activity_organisations", activity_id=aid, organisation_id=o)
        for n in nodes:
            lib.add("activity_nodes", activity_id=aid, node_id=n)
        for p in projects:
            lib.add("activity_projects", activity_id=aid, project_id=p)
        for c in calls:
            lib.add("activity_calls", activity_id=aid, call_id=c)
        return aid

    # 2021, as RUN/12/2022 lists it.
    orgs = workshop_organisations(lib, cat)
    area_keys = list(areas)
    # 16 workshops, four per strength area; 110 representatives of 40
    # organisations. How they split over the workshops is illustrative.
    per_workshop = [7] * 14 + [6] * 2
    for n in range(16):
        area = area_keys[n % 4]
        attendees = [orgs[(n * 5 + k) % 40] for k in range(5)]
        if n < 8:   # every organisation takes part at least once
            attendees = orgs[n * 5:(n + 1) * 5]
        activity("workshop/%d" % (n + 1), "workshop",
                 "Workshop %d av 16, styrkeområdet %s" % (n + 1, lib_title(lib, areas[area])),
                 "2021", "En av de 16 workshoppar som genomfördes 2021 i den aktörsdrivna "
                 "processen för smart specialisering. Antalet workshoppar, deltagare (110), "
                 "organisationer (40) och sektorer (fyra) är rapportens; fördelningen på "
                 "workshoppar och vilka organisationer som deltog är illustrativ. " + real,
                 participants=per_workshop[n], organisations=attendees, nodes=[areas[area]])
    activity("processledare", "decision", "Fyra processledare utsedda, en per styrkeområde",
             "2021", "Region Jämtland Härjedalen utsåg fyra processledare, en för varje "
             "styrkeområde. " + real, nodes=list(areas.values()))
    activity("forstudie", "pre-study",
             "Förstudie \"Utveckla färdigheter för smart specialisering\"", "2021",
             "Förstudie med WSP som konsult. Att den låg i 2021 är rapportens; perioden i övrigt "
             "anges inte. " + real, registration_number="RUN/683/2020",
             organisations=[org("wsp"), org("rjh")], nodes=[priorities[2]])
    activity("peer-review", "peer-review", "Peer review med statliga myndigheter", "2021",
             "En \"peer review\" med statliga myndigheter för att utveckla arbetssätten. "
             + real, nodes=[peer])
    activity("utlysning-kluster", "call-published", "Utlysning \"Stöd till innovationskluster\"",
             "2021", "Utlysningen publicerades för att se om det finns aktörer i länet som vill "
             "bli operativa parter i formandet av smart specialisering. " + real,
             nodes=[priorities[2]], calls=[CALL_CLUSTERS])
    activity("uppfoljningsramverk", "other",
             "Översyn av ramverket för uppföljning av RUS och S3", "2021",
             "Ramverket för uppföljning kring RUS/S3 sågs över med hjälp av konsulter från "
             "Oxford Research; slutrapporten väntades i slutet av mars 2022. " + real,
             end="2022-03", organisations=[org("oxford"), org("rjh")],
             projects=[review_project])
    activity("innoheis", "network", "Utbyte om smart specialisering med InnoHeis", "2021",
             "Tillsammans med Mittuniversitetet och dess projekt InnoHeis utbyte om utveckling "
             "av smart specialisering med bland andra Frankrike, Nederländerna, Finland, Polen "
             "och Litauen. " + real, organisations=[org("miun"), org("rjh")],
             nodes=[priorities[2]])
    activity("nationella-natverk", "network", "Nationella nätverk om RUS, S3 och hållbar "
             "utveckling", "2021", "Erfarenhetsutbyte med de andra regionerna i Sverige. "
             + real, nodes=[goal])
    activity("dialoger", "municipal-dialogue",
             "Dialoger med Länsstyrelsen och kommunerna om deras styrdokument", "2021",
             "Dialoger med Länsstyrelsen om revideringar av dess styrdokument och med kommuner "
             "om deras tillväxt- eller utvecklingsstrategier och översiktsplaner, för att koppla "
             "dem till RUS. " + real, nodes=[priorities[0]])

    # 2025, illustrative: a workshop of the kind the roadmap plans.
    activity("2025/handlingsplansverkstad", "workshop",
             "Handlingsplansverkstad i styrkeområdena (illustrativ)", "2025-10",
             illustrative, participants=24, organisations=orgs[:3] + orgs[12:14],
             nodes=list(areas.values()))


def lib_title(lib, node_id):
    for row in lib.rows["nodes"]:
        if row["id"] == node_id:
            return row["title"]
    raise KeyError(node_id)


ILLUSTRATIVE = ("ILLUSTRATIV: påhittad för att visa hur en kommuns strategi kopplas till RUS; "
                "inte hämtad ur någon kommunal handling.")


def add_municipal_strategy(lib, rus1, p1, p2, areas, steer):
    """An ILLUSTRATIVE municipal strategy under the RUS: its goals contribute
    to the RUS priorities, one goal conflicts with the climate, and two
    made-up projects show how budgets and funding add up per source. Nothing
    of it comes from a municipal document; every text says so."""
    muni = Strategy(
        lib, "ostersund/tillvaxt",
        [("Vision", "Vision"), ("Goal", "Mål"), ("Intervention", "Insats")],
        title="Östersunds kommun – tillväxtstrategi (illustrativ)",
        short_name="Östersund (illustrativ)", organisation_id=org("ostersund"),
        parent_id=rus1.id, parent_relation="child", position=2, status="draft",
        scheme="custom",
        description="ILLUSTRATIV: en påhittad kommunal tillväxtstrategi för Östersunds kommun, "
                    "med i exemplet för att visa en kommunal strategi under den regionala "
                    "utvecklingsstrategin: kommunens mål bidrar till RUS prioriteringar, en "
                    "målkonflikt synliggörs och projektens budgetar summeras per "
                    "finansieringskälla. Mål, kopplingar, målkonflikter och projekt är inte "
                    "hämtade ur någon kommunal handling; Östersunds kommuns egna styrdokument "
                    "finns inte bland källorna. Inget diarienummer eller beslutsdatum.")
    vision = muni.node(
        "vision", 0, "Östersund växer hållbart – i staden och på landsbygden",
        description=ILLUSTRATIVE, organisation_id=org("ostersund"), territories=["2380"])
    jobs = muni.node("jobb", 1, "Fler jobb och företag i hela kommunen", parent=vision,
                     code="1", description=ILLUSTRATIVE, territories=["2380"])
    visitors = muni.node("besokare", 1, "Fler besökare året runt", parent=vision, code="2",
                         description=ILLUSTRATIVE, territories=["2380"])
    climate = muni.node("klimat", 1, "Minskade utsläpp av växthusgaser från transporter",
                        parent=vision, code="3", description=ILLUSTRATIVE,
                        tags=["dimension:environmental"], territories=["2380"])
    broadband = muni.node("bredband", 2, "Bredband till landsbygdens byar", parent=jobs,
                          code="1.1", description=ILLUSTRATIVE, territories=["2380"],
                          status="planned")

    why = " Illustrativ koppling, inte hämtad ur någon källa."
    link(lib, jobs, p1,
         rationale="Fler jobb och företag i hela kommunen bidrar till förutsättningar för "
                   "utvecklingskraft i hela länet." + why)
    link(lib, visitors, areas["upplevelser"],
         rationale="Besöksnäringen hör till styrkeområdet Upplevelser i programmet för smart "
                   "specialisering." + why)
    link(lib, climate, p2,
         rationale="Minskade utsläpp från transporter bidrar till hållbar utveckling i "
                   "tillväxtarbetet." + why)
    link(lib, broadband, steer["bredband"],
         rationale="Kommunens utbyggnad av bredband på landsbygden är en del av samverkan med "
                   "kommunerna om bredband." + why)

    # Goal conflicts: the seeds ask to "synliggöra och adressera målkonflikter".
    conflict = (" Illustrativ målkonflikt, inte hämtad ur någon källa: den visar hur en "
                "konflikt mellan tillväxt och klimatmål synliggörs.")
    link(lib, visitors, climate, kind="conflicts-with",
         rationale="Fler besökare året runt ger mer flyg- och biltrafik och därmed större "
                   "utsläpp från transporter." + conflict)
    link(lib, visitors, p2, kind="conflicts-with",
         rationale="Växande besöksnäring ökar transporterna till och inom länet, medan "
                   "prioriteringen ska adressera målkonflikter för en hållbar utveckling."
                   + conflict)

    # Made-up projects with budgets and funding per source (the sources give
    # no project budgets). One serves two nodes of the same chain, so that a
    # summary must count it once.
    made_up = ("ILLUSTRATIVT: påhittat projekt; namn, budget och finansiering är inte hämtade ur "
               "någon källa. Med i exemplet för att visa hur budgetar och finansiering summeras "
               "per källa för det som bidrar till en prioritering.")
    for key, title, budget, funding, nodes in [
            ("besok", "Året runt-destination Östersund (illustrativt)", 4000000,
             [("ERUF", 1600000), ("Region Jämtland Härjedalen, anslag 1:1", 800000),
              ("Östersunds kommun", 1200000)],
             [visitors, areas["upplevelser"]]),
            ("bredband", "Byanät i Östersunds kommun (illustrativt)", 2500000,
             [("ERUF", 1000000), ("Region Jämtland Härjedalen, anslag 1:1", 500000),
              ("Östersunds kommun", 1000000)],
             [broadband])]:
        project = uid("project", "Östersunds kommun", key)
        lib.add("projects", id=project, title=title, owner_id=org("ostersund"),
                status="planned", total_budget=budget, description=made_up)
        for source, amount in funding:
            lib.add("project_funding", id=uid("funding", project, source), project_id=project,
                    source=source, amount=amount)
        for node_id in nodes:
            lib.add("project_nodes", project_id=project, node_id=node_id)


# ---------------------------------------------------------------------------
# One intervention's effect chain: the call for innovation clusters.

def build_effect_chain(schema, cat):
    lib = Library("effect-chain", schema)
    add_organisations(lib, ["rjh"])
    county = "0023"
    chain = Strategy(
        lib, "effektkedja/innovationskluster", scheme_levels("effect-chain"),
        title="Effektkedja: Stöd till innovationskluster inom smart specialisering",
        short_name="Effektkedja innovationskluster", organisation_id=org("rjh"), position=0,
        status="draft", scheme="effect-chain", layout_direction="left-right",
        description="Ett exempel på en effektkedja från behov till långsiktig effekt, byggd på "
                    "en verklig insats: Region Jämtland Härjedalens utlysning \"Stöd till "
                    "innovationskluster\" (2021) inom programmet för smart specialisering. "
                    "Behoven, aktiviteterna och den långsiktiga effekten är hämtade ur källorna; "
                    "prestationer, resultat, kortsiktiga effekter, antaganden, säkerhet och "
                    "målvärden är illustrativa och sägs vara det där de står. Källor: %s; %s."
                    % (DOC_RUN12, DOC_STYRNING))

    need_partners = chain.node(
        "behov/operativa-parter", 0, "Operativa parter i formandet av smart specialisering",
        description="Region Jämtland Härjedalen vill se om det finns aktörer i länet som vill "
                    "bli operativa parter till regionen i formandet av smart specialisering "
                    "(%s)." % DOC_RUN12,
        territories=[county])
    need_focus = chain.node(
        "behov/kraftsamling", 0, "Kraftsamling kring styrkeområden med utvecklingspotential",
        description="Smart specialisering handlar om att kraftsamla för stärkt konkurrenskraft "
                    "och innovation inom områden med utvecklingspotential (%s)." % DOC_2023,
        territories=[county])
    call_activity = chain.node(
        "aktivitet/utlysning", 1, "Utlysning: Stöd till innovationskluster",
        description="Utlysningen publicerades under 2021 (%s)." % DOC_RUN12,
        organisation_id=org("rjh"), status="done")
    workshop = chain.node(
        "aktivitet/handlingsplansverkstad", 1, "Handlingsplansverkstad i styrkeområdena",
        description="Workshop i styrkeområdena där utkastet till S3-handlingsplan förankras och "
                    "är öppet för inspel (%s)." % DOC_RUN12,
        organisation_id=org("rjh"), status="planned")
    output = chain.node(
        "prestation/kluster", 2, "Innovationskluster som fått stöd",
        description="Illustrativt: källorna anger inte hur många kluster eller företag som "
                    "fick stöd.")
    result_innovation = chain.node(
        "resultat/innovation", 3, "Fler små och medelstora företag inför innovationer",
        description="Illustrativt förväntat resultat.")
    result_partners = chain.node(
        "resultat/klusterorganisationer", 3,
        "Klusterorganisationer är operativa parter i S3-processen",
        description="Illustrativt förväntat resultat, härlett ur frågan i Möjligheternas rum: "
                    "\"Hur kopplar vi på klusterorganisationer?\" (%s)." % DOC_STYRNING)
    short_term = chain.node(
        "kortsiktig/innovationssystem", 4,
        "Starkare innovationssystem inom de fyra styrkeområdena",
        description="Illustrativ kortsiktig effekt inom Jord, skog och vatten, Hållbar energi, "
                    "Upplevelser och Digitala lösningar. Kopplingen till globalt mål 9 är "
                    "illustrativ.",
        tags=["sdg:9", "dimension:economic"], territories=[county])
    long_term = chain.node(
        "langsiktig/utvecklingskraft", 5,
        "Utvecklingskraft med stärkt lokal och regional konkurrenskraft för en hållbar "
        "utveckling i alla delar av länet",
        description="Det långsiktiga målet i RUS del 2 (RUN/516/2020). Kopplingen till globala "
                    "mål 8 och 9 är illustrativ.",
        tags=["sdg:8", "sdg:9", "dimension:economic", "perspective:territorial"],
        territories=[county])

    illustrative = "Illustrativ bedömning, inte hämtad ur källorna."
    link(lib, need_partners, call_activity,
         rationale="Utlysningen publicerades för att se om det finns aktörer i länet som vill "
                   "bli operativa parter i formandet av smart specialisering.",
         evidence=DOC_RUN12)
    link(lib, need_focus, workshop,
         rationale="Handlingsplanerna samlar aktörerna kring styrkeområdena.",
         evidence=DOC_RUN12)
    link(lib, call_activity, output,
         rationale="Utlysningen leder till att kluster söker och beviljas stöd.",
         assumptions="Det finns klusterorganisationer i länet som söker.", confidence=70,
         evidence=illustrative)
    link(lib, workshop, result_partners,
         rationale="I handlingsplansverkstaden blir klustren delaktiga i handlingsplanerna.",
         assumptions="Klustren deltar i workshopparna.", confidence=60, evidence=illustrative)
    link(lib, output, result_innovation,
         rationale="Stödda kluster samlar företag och forskning kring gemensamma "
                   "innovationsprojekt.",
         assumptions="Företagen har resurser att delta och klustren når små och medelstora "
                     "företag.", confidence=50, evidence=illustrative)
    link(lib, output, result_partners,
         rationale="Ett kluster med stöd har resurser att vara operativ part till regionen.",
         confidence=60, evidence=illustrative)
    link(lib, result_innovation, short_term,
         rationale="Fler innovationer i företagen stärker innovationssystemet i "
                   "styrkeområdena.", confidence=50, evidence=illustrative)
    link(lib, result_partners, short_term,
         rationale="Klusterorganisationer som driver processen tillsammans med regionen ger en "
                   "uthållig struktur för smart specialisering.", confidence=50,
         evidence=illustrative)
    link(lib, short_term, long_term,
         rationale="Starkare innovationssystem i styrkeområdena ger stärkt konkurrenskraft; "
                   "prioriteringen \"Utveckling av styrkeområdena\" är ett av de tre sätt som "
                   "RUS del 2 anger för att nå målet.",
         assumptions="Effekten syns på längre sikt och påverkas av mycket annat än insatsen.",
         confidence=40, evidence="Prioriteringen ur RUS del 2; säkerheten är illustrativ.")

    # Output and result indicators: ERDF codes with illustrative targets.
    note = "Illustrativt målvärde, inte fastställt i något dokument."
    for key, code, title, node, targets in [
            ("rco01", "RCO 01", "Företag som får stöd (varav mikro-, små, medelstora och stora "
             "företag)", output, [(2024, 5), (2029, 20)]),
            ("rco10", "RCO 10", "Företag som samarbetar med forskningsorganisationer", output,
             [(2024, 2), (2029, 8)]),
            ("rcr03", "RCR 03", "Små och medelstora företag som inför produkt- eller "
             "processinnovationer", result_innovation, [(2029, 5)])]:
        erdf = cat.erdf[code]
        ind = indicator(lib, cat, key, [node], strategy_id=chain.id, title=title,
                        description="Gemensam ERUF-indikator 2021–2027 (%s, \"%s\"). Målvärdena "
                                    "är illustrativa: delmål 2024 och mål 2029 som i EU:s "
                                    "sammanhållningspolitik." % (code, erdf["name_en"]),
                        unit="företag", measure="number", direction="increase",
                        source="Projektens rapportering till Tillväxtverket",
                        frequency="yearly", reference="erdf:" + code)
        for year, value in targets:
            target(lib, ind, year, value, note)
    partners = indicator(
        lib, cat, "klusterorganisationer", [result_partners], strategy_id=chain.id,
        title="Klusterorganisationer med en överenskommen roll i S3-processen",
        description="Projektindikator utan ERUF-kod. Illustrativ: mätning och målvärde är inte "
                    "fastställda i något dokument.",
        unit="organisationer", measure="number", direction="increase",
        source="Region Jämtland Härjedalen", frequency="yearly")
    target(lib, partners, 2027, 4, note)

    # Context indicators of the long-term effect, with real published values.
    indicator(lib, cat, "fou-foretag", [short_term],
              [("Företagens utgifter för egen FoU", "Kolada N85085")],
              strategy_id=chain.id, title=cat.kolada_title("N85085"),
              description="Kontextindikator med verkliga publicerade värden för länet. Mål "
                          "anges inte i dokumenten.",
              unit="kr/inv", measure="number", direction="increase", source="SCB via Kolada",
              frequency="yearly", reference="kolada:N85085")
    indicator(lib, cat, "sysselsattningsgrad", [long_term],
              [("Sysselsättningsgrad 20-64 år (BAS, ArRegArbStatus), %",
                "SCB AM0210D/ArRegArbStatus 000002NS")],
              territories=[county], strategy_id=chain.id, title=cat.kolada_title("N02267"),
              description="Kontextindikator med verkliga publicerade värden för länet, för "
                          "kvinnor, män och totalt. Mål anges inte i dokumenten.",
              unit="%", measure="percent", direction="increase",
              source="SCB, Befolkningens arbetsmarknadsstatus (BAS), tabell AM0210D",
              frequency="yearly", by_gender=True, by_municipality=True,
              reference="kolada:N02267")
    indicator(lib, cat, "nystartade", [long_term],
              [("Nystartade företag, antal",
                "Tillväxtanalys (nystartade företag) via Region Dalarna xlsx")],
              strategy_id=chain.id, title=cat.kolada_title("N01003"),
              description="Kontextindikator med verkliga publicerade värden för länet. För 2010 "
                          "ger källan två värden (seriebrott); de visas inte här.",
              unit="antal", measure="number", direction="increase", source="Tillväxtanalys",
              frequency="yearly", by_municipality=True, reference="kolada:N01003")

    # The real call, and an illustrative project under it.
    add_call_clusters(lib)
    lib.add("call_nodes", call_id=CALL_CLUSTERS, node_id=call_activity)
    project = uid("project", "effektkedja", "illustrativt klusterprojekt")
    lib.add("projects", id=project, title="Illustrativt klusterprojekt inom Hållbar energi",
            status="planned",
            description="Illustrativt: inget verkligt projekt. Visar hur ett projekt under "
                        "utlysningen planerar indikatorvärden mot effektkedjan.")
    lib.add("project_calls", project_id=project, call_id=CALL_CLUSTERS)
    lib.add("project_nodes", project_id=project, node_id=output)
    for key, value in [("rco01", 6), ("rco10", 3), ("rcr03", 2)]:
        ind_id = uid("indicator", lib.name, key)
        lib.add("project_indicator_values",
                id=uid("project-value", project, ind_id, "planned", "2027"),
                project_id=project, indicator_id=ind_id, kind="planned", year=2027,
                value=value)
    return lib


# ---------------------------------------------------------------------------
# Validation: our own checks, then SQLite with the real schema.

def validate(schema, cat, doc, name):
    problems = []
    ids = {}
    for table in schema.order():
        spec = schema.tables[table]
        keys = set()
        for i, row in enumerate(doc[table]):
            where = "%s: %s[%d]" % (name, table, i)
            for column in spec["notnull"]:
                if column not in row:
                    problems.append("%s: required column %s missing" % (where, column))
            key = tuple(row.get(c) for c in spec["pk"])
            if key in keys:
                problems.append("%s: duplicate primary key %r" % (where, key))
            keys.add(key)
        ids[table] = keys

    def exists(table, columns, values):
        for row in doc[table]:
            if all(row.get(c) == v for c, v in zip(columns, values)):
                return True
        return False

    for table in schema.order():
        for i, row in enumerate(doc[table]):
            for fk in schema.tables[table]["fks"]:
                values = [row.get(c) for c in fk["from"]]
                if any(v is None for v in values):
                    continue
                if not exists(fk["table"], fk["to"], values):
                    problems.append("%s: %s[%d]: %s=%r does not resolve in %s" % (
                        name, table, i, ",".join(fk["from"]), values, fk["table"]))

    # Catalogue references, tags and territories point to shipped entries.
    for i, row in enumerate(doc["indicators"]):
        ref = row.get("reference")
        if ref is None:
            continue
        space, _, key = ref.partition(":")
        known = ((space == "kolada" and (key in cat.kolada or ref in cat.retired
                                         or ref in NOT_SHIPPED))
                 or (space == "erdf" and key in cat.erdf) or space == "scb")
        if not known:
            problems.append("%s: indicators[%d]: reference %s is not in a catalogue"
                            % (name, i, ref))
    for row in doc["node_tags"]:
        space, _, key = row["tag"].partition(":")
        if not ((space == "sdg" and key in cat.sdg)
                or (space == "dimension" and key in cat.dimensions)
                or (space == "perspective" and key in cat.perspectives)):
            problems.append("%s: unknown tag %s" % (name, row["tag"]))
    for table in ("node_territories", "measurements"):
        for row in doc[table]:
            if row["territory_code"] not in cat.territories:
                problems.append("%s: %s: unknown territory %s"
                                % (name, table, row["territory_code"]))

    # No cycle among contributes-to links.
    edges = {}
    for row in doc["links"]:
        if row["kind"] == "contributes-to":
            edges.setdefault(row["from_node_id"], []).append(row["to_node_id"])
    state = {}

    def visit(node):
        state[node] = 1
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                problems.append("%s: contributes-to links form a cycle through %s" % (name, nxt))
            elif nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)

    # A node's parent belongs to its strategy, and levels are ordered.
    nodes = {n["id"]: n for n in doc["nodes"]}
    levels = {lv["id"]: lv for lv in doc["levels"]}
    for n in doc["nodes"]:
        parent = nodes.get(n.get("parent_id"))
        if parent is not None:
            if parent["strategy_id"] != n["strategy_id"]:
                problems.append("%s: node %s has a parent in another strategy" % (name, n["title"]))
            if levels[parent["level_id"]]["position"] >= levels[n["level_id"]]["position"]:
                problems.append("%s: node %s is not below its parent's level" % (name, n["title"]))
    return problems


def load_into_sqlite(schema, doc, name):
    """Inserts every row into a fresh library; SQLite checks the rest."""
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(schema.sql)
    problems = []
    db.execute("BEGIN")
    # Rows come sorted by id, so a parent may follow its child: check the
    # foreign keys once everything is in, as an importer does.
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table in schema.order():
        for i, row in enumerate(doc.get(table, [])):
            columns = list(row)
            values = [int(v) if isinstance(v, bool) else v for v in row.values()]
            try:
                db.execute("INSERT INTO %s (%s) VALUES (%s)" % (
                    table, ", ".join(columns), ", ".join("?" * len(columns))), values)
            except sqlite3.Error as e:
                problems.append("%s: %s[%d]: %s" % (name, table, i, e))
    for row in db.execute("PRAGMA foreign_key_check"):
        problems.append("%s: foreign key check: %r" % (name, row))
    try:
        db.execute("COMMIT")
    except sqlite3.Error as e:
        problems.append("%s: %s" % (name, e))
        db.execute("ROLLBACK")
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append("%s: integrity check: %s" % (name, integrity))
    counts = {t: db.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in schema.order()}
    db.close()
    return problems, counts


def self_test(schema, cat, doc):
    """Proves that validate() catches what it is for, on broken copies of @doc."""
    import copy
    link_row = next(r for r in doc["links"] if r["kind"] == "contributes-to")
    node = doc["nodes"][0]
    other_level = next((lv for lv in doc["levels"] if lv["strategy_id"] != node["strategy_id"]),
                       None)

    def cycle(d):
        back = dict(link_row, id=uid("self-test"), from_node_id=link_row["to_node_id"],
                    to_node_id=link_row["from_node_id"])
        d["links"].append(back)

    def dangling(d):
        d["nodes"][0]["parent_id"] = uid("self-test", "missing")

    def foreign_level(d):
        d["nodes"][0]["level_id"] = other_level["id"]

    def bad_tag(d):
        d["node_tags"].append({"node_id": node["id"], "tag": "sdg:18"})

    def bad_reference(d):
        d["indicators"][0]["reference"] = "kolada:N99999"

    def bad_territory(d):
        d["node_territories"].append({"node_id": node["id"], "territory_code": "9999"})

    def missing_title(d):
        del d["nodes"][0]["title"]

    cases = [(cycle, "cycle"), (dangling, "does not resolve"), (bad_tag, "unknown tag"),
             (bad_reference, "not in a catalogue"), (bad_territory, "unknown territory"),
             (missing_title, "required column title")]
    if other_level is not None:
        cases.append((foreign_level, "strategy_id,level_id"))
    failures = []
    for mutate, expected in cases:
        broken = copy.deepcopy(doc)
        mutate(broken)
        problems = validate(schema, cat, broken, "self-test")
        if not any(expected in p for p in problems):
            failures.append("self-test: %s was not caught (%s)" % (mutate.__name__, problems))
    return failures


def report(problems):
    for p in problems[:20]:
        print(p, file=sys.stderr)
    if len(problems) > 20:
        print("… and %d more problems" % (len(problems) - 20), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and compare with the committed files")
    parser.add_argument("--load", nargs="+", metavar="FILE",
                        help="load JSON files into a fresh SQLite library")
    parser.add_argument("--counts", action="store_true", help="print row counts per table")
    args = parser.parse_args()

    schema = Schema(SCHEMA_SQL)

    if args.load:
        import json
        failed = False
        for path in args.load:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            if doc.get("format") != "malbild" or doc.get("version") not in (1, 2):
                print("%s: not a Målbild version 1 or 2 file" % path, file=sys.stderr)
                failed = True
                continue
            problems, counts = load_into_sqlite(schema, doc, os.path.basename(path))
            report(problems)
            failed = failed or bool(problems)
            if not problems:
                print("%s: %s" % (os.path.basename(path),
                                  ", ".join("%s %d" % (t, n) for t, n in counts.items() if n)))
        return 1 if failed else 0

    cat = Catalogues()
    libraries = [build_jamtland(schema, cat), build_effect_chain(schema, cat)]
    failed = False
    for lib in libraries:
        doc = lib.document()
        path = os.path.join(HERE, lib.name + ".json")
        problems = validate(schema, cat, doc, lib.name)
        if args.check:
            problems += self_test(schema, cat, doc)
        sql_problems, counts = load_into_sqlite(schema, doc, lib.name)
        problems += sql_problems
        report(problems)
        if problems:
            failed = True
            continue
        if args.counts:
            print("%s: %s" % (lib.name, ", ".join("%s %d" % (t, n)
                                                  for t, n in counts.items() if n)))
        text = lib.text()
        if args.check:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    committed = f.read()
            except OSError as e:
                print("%s: %s" % (path, e), file=sys.stderr)
                failed = True
                continue
            if committed != text:
                print("%s differs from what build-examples.py generates; run it and commit "
                      "the result" % path, file=sys.stderr)
                failed = True
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
