"""Controlled vocabularies: petition kinds, sources, parties, roles — Chinese and English names."""

from __future__ import annotations

from zhili_cli.errors import UserError

# The five kinds of seed 004: 大 major, 难 difficult, 急 urgent, 小 minor, 私 private.
KINDS: dict[str, tuple[str, ...]] = {
    "major": ("大", "大事", "major"),
    "difficult": ("难", "难事", "difficult"),
    "urgent": ("急", "急事", "urgent"),
    "minor": ("小", "小事", "minor"),
    "private": ("私", "私事", "private"),
}
KIND_ZH = {"major": "大", "difficult": "难", "urgent": "急", "minor": "小", "private": "私"}

# Where petitions come from (seeds 000, 002, 004).
SOURCES: dict[str, tuple[str, ...]] = {
    "mailbox": ("信箱", "居民信箱", "mailbox"),
    "visit": ("走访", "来访", "visit"),
    "patrol": ("巡查", "日常巡查", "patrol"),
    "online": ("线上", "二维码", "online", "qr"),
    "door_knocking": ("敲门日", "door-knocking", "door_knocking", "doorknocking"),
    "appointment": ("我与书记有约", "书记有约", "appointment"),
    "grid": ("网格员", "网格", "grid"),
    "hotline": ("热线", "12345", "hotline"),
}
SOURCE_ZH = {k: v[0] for k, v in SOURCES.items()}

# The three parties of the monthly meeting, and other bodies that take responsibility.
PARTIES: dict[str, tuple[str, ...]] = {
    "residents_committee": ("居委会", "社区居委会", "社区", "residents_committee", "community"),
    "owners_committee": ("业委会", "业主委员会", "owners_committee", "committee"),
    "property": ("物业", "物业公司", "物业服务企业", "property", "property_company"),
}
PARTY_ZH = {k: v[0] for k, v in PARTIES.items()}

ROLES: dict[str, tuple[str, ...]] = {
    "chair": ("主任", "业委会主任", "chair"),
    "vice_chair": ("副主任", "vice_chair", "vice-chair"),
    "member": ("委员", "member"),
    "residents_rep": ("居委会代表", "社区代表", "residents_rep", "residents-rep"),
    "property_rep": ("物业代表", "property_rep", "property-rep"),
    "owner_rep": ("业主代表", "owner_rep", "owner-rep"),
    "grid_worker": ("网格员", "grid_worker", "grid-worker"),
    "building_lead": ("楼道长", "building_lead", "building-lead"),
}
ROLE_ZH = {k: v[0] for k, v in ROLES.items()}
COMMITTEE_ROLES = ("chair", "vice_chair", "member")
ROLE_PARTY = {
    "chair": "owners_committee",
    "vice_chair": "owners_committee",
    "member": "owners_committee",
    "residents_rep": "residents_committee",
    "property_rep": "property",
    "grid_worker": "residents_committee",
}


def lookup(table: dict[str, tuple[str, ...]], value: str, error: str) -> str:
    needle = value.strip().lower()
    for key, names in table.items():
        if needle == key or needle in (n.lower() for n in names):
            return key
    raise UserError(error, value=value, allowed=" ".join(v[0] + "/" + k for k, v in table.items()))


def kind(value: str) -> str:
    return lookup(KINDS, value, "bad_kind")


def source(value: str) -> str:
    return lookup(SOURCES, value, "bad_source")


def party(value: str) -> str:
    return lookup(PARTIES, value, "bad_party")


def role(value: str) -> str:
    return lookup(ROLES, value, "bad_role")
