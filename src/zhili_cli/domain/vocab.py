"""One vocabulary, both ways: every word the tool prints is accepted back.

`parse(category, text)` takes the Chinese word zhili prints, the English code, the English
name or an alias (see `vocab_terms`), and refuses anything else with one line listing the
accepted words. The command line, the imports and the services all parse through here.
"""

from __future__ import annotations

from zhili_cli.domain.keys import normalize_key
from zhili_cli.domain.vocab_terms import (
    BODY, CATEGORIES, FUND, INCOME_SOURCE, KIND, MATTER, MEETING_KIND, PARTY, PETITION_STATUS, ROLE, SOURCE,
    Table,
)
from zhili_cli.errors import Term, UsageError, UserError

# -- the names other modules use ---------------------------------------------------------
KINDS: Table = KIND
KIND_ZH = {k: v[0] for k, v in KIND.items()}
SOURCES: Table = SOURCE
SOURCE_ZH = {k: v[0] for k, v in SOURCE.items()}
PARTIES: Table = PARTY
PARTY_ZH = {k: v[0] for k, v in PARTY.items()}
ROLES: Table = ROLE
ROLE_ZH = {k: v[0] for k, v in ROLE.items()}
BODIES: Table = BODY
MEETING_KINDS: Table = MEETING_KIND
STATUSES = tuple(PETITION_STATUS)
MATTERS = tuple(MATTER)
FUNDS = tuple(FUND)
INCOME_SOURCES = tuple(INCOME_SOURCE)
COMMITTEE_ROLES = ("chair", "vice_chair", "member")
ROLE_PARTY = {
    "chair": "owners_committee",
    "vice_chair": "owners_committee",
    "member": "owners_committee",
    "residents_rep": "residents_committee",
    "property_rep": "property",
    "grid_worker": "residents_committee",
    "owner_rep": "owner_reps",
    "subdistrict_rep": "subdistrict",
}
# Who speaks for an outside body (a party that is not the owners' committee): its representatives
# on the roster, in office on the day of the act. The owners' committee speaks through its members.
REP_ROLE = {"residents_committee": "residents_rep", "property": "property_rep", "subdistrict": "subdistrict_rep",
            "owner_reps": "owner_rep"}
# Roles that speak for a party: recorded only with their basis (an election, an appointment).
SPEAKING_ROLES = COMMITTEE_ROLES + tuple(REP_ROLE.values())

# Bodies that approve an expense, lowest first; a motion stage calls the assembly `owners`.
APPROVING_BODIES = ("chair", "committee", "three_party", "assembly")
STAGE_BODIES = ("party", "committee", "three_party", "owners", "representatives")
_TO_STAGE = {"assembly": "owners"}
_TO_APPROVAL = {"owners": "assembly", "owners_assembly": "assembly"}


def stage_body(code: str) -> str:
    """The body as a motion stage names it (assembly → owners)."""
    return _TO_STAGE.get(code, code)


def approval_body(code: str) -> str:
    """The body as the money area names it (owners → assembly)."""
    return _TO_APPROVAL.get(code, code)


# -- parsing -------------------------------------------------------------------------------

_index: dict[str, dict[str, str]] = {}
_clashes: dict[str, dict[str, set[str]]] = {}


def fold(text: str) -> str:
    """The form a word is compared in: NFKC, no invisible characters, case and -/_/space folded."""
    return normalize_key(text).lower().replace("-", "_").replace(" ", "_")


def words(category: str) -> dict[str, tuple[str, ...]]:
    """code → every word accepted for it: its names, aliases and the catalogue's printed names."""
    from zhili_cli.i18n import catalogue

    table, prefix = CATEGORIES[category]
    entries = catalogue()
    out: dict[str, tuple[str, ...]] = {}
    for code, names in table.items():
        printed = entries.get(f"{prefix}.{code}", ()) if prefix else ()
        out[code] = (code, *names, *printed)
    return out


def _build(category: str) -> dict[str, str]:
    index: dict[str, str] = {}
    clashes: dict[str, set[str]] = {}
    for code, names in words(category).items():
        for word in names:
            folded = fold(word)
            if folded in index and index[folded] != code:
                clashes.setdefault(folded, {index[folded]}).add(code)
                continue
            index.setdefault(folded, code)
    _index[category] = index
    _clashes[category] = clashes
    return index


def clashes(category: str) -> dict[str, set[str]]:
    """Words that would name two codes of one category (a test keeps this empty)."""
    if category not in _clashes:
        _build(category)
    return _clashes[category]


def find(category: str, text: str | None) -> str | None:
    """The code `text` names in `category`, or None."""
    if text is None:
        return None
    index = _index.get(category) or _build(category)
    return index.get(fold(text))


def accepted(category: str, lang: str | None = None) -> str:
    """The accepted words as help and errors list them: the Chinese names, or the English codes."""
    from zhili_cli.i18n import lang as current

    table, _ = CATEGORIES[category]
    if (lang or current()) == "en":
        return "/".join(table)
    return "/".join(names[0] for names in table.values())


def parse(category: str, text: str | None, *, only: tuple[str, ...] | list[str] | None = None,
          usage: bool = False) -> str:
    """The code for `text`, refused with one line naming the accepted words. `only` narrows the
    accepted codes (e.g. the emergencies the rules list); `usage`: a filter of the command
    line (exit 2)."""
    code = find(category, text or "")
    if code is None or (only is not None and code not in only):
        allowed = accepted(category)
        if only is not None:
            table, _ = CATEGORIES[category]
            from zhili_cli.i18n import lang

            allowed = "/".join(c if lang() == "en" or c not in table else table[c][0] for c in only)
        error = UsageError if usage else UserError
        raise error("vocab.bad_word", what=Term(f"vocab.what.{category}"), value=text or "", allowed=allowed)
    return code


def name(category: str, code: str | None, lang: str | None = None) -> str:
    """The printed name of a code (Chinese, or English with lang='en'); unknown codes as they are."""
    from zhili_cli.i18n import lang as current

    if not code:
        return ""
    table, _ = CATEGORIES[category]
    names = table.get(code)
    if names is None:
        return code
    return names[1] if (lang or current()) == "en" else names[0]


def typed(category: str, code: str, lang: str | None = None) -> str:
    """A code as a person would type it in the running language: the Chinese word, or the
    English code with --lang en (help defaults, rule explanations)."""
    from zhili_cli.i18n import lang as current

    table, _ = CATEGORIES[category]
    if (lang or current()) == "en" or code not in table:
        return code
    return table[code][0]


# -- the older helpers, kept for their callers -----------------------------------------------

def lookup(table: dict[str, tuple[str, ...]], value: str, error: str) -> str:
    for category, (tab, _) in CATEGORIES.items():
        if tab is table:
            return parse(category, value)
    needle = fold(value)
    for key, names in table.items():
        if needle == fold(key) or needle in (fold(n) for n in names):
            return key
    raise UserError(error, value=value, allowed=" ".join(v[0] + "/" + k for k, v in table.items()))


def kind(value: str) -> str:
    return parse("kind", value)


def source(value: str) -> str:
    return parse("source", value)


def party(value: str) -> str:
    return parse("party", value)


def role(value: str) -> str:
    return parse("role", value)


def body(value: str) -> str:
    return parse("body", value)


def status(value: str, usage: bool = False) -> str:
    return parse("petition_status", value, usage=usage)
