"""Proxies of an owners' vote: who may cast a unit's ballot for its owner.

Civil Code art. 278 counts the owners who actually take part; an owner who cannot vote may
authorise someone in writing (委托书: 书面委托代理人, as the Guiding rules for owners' assemblies
and committees (2009) and local regulations provide). So a ballot signed by
a proxy counts only under an authorisation recorded for that unit, that person and that vote:
- a unit has at most one live authorisation per vote (revoke it, with a reason, to change it);
- one person holds at most `owners_vote.proxy_max_units` units' authorisations in one vote;
- the registered owner is no proxy of their own unit (they sign as the owner).
Names compare as keys (look-alikes folded, spaces and case ignored: domain.votes.name_key;
bracketed notes dropped). Authorisations change only until the voting window ends.
"""

from __future__ import annotations

from typing import Any, Iterable

from zhili_cli.errors import UserError


def holder_key(name: str | None) -> str:
    """The person a name stands for: a note in brackets is no part of it (李四（小区物业经理）
    is 李四), so a decorated name cannot pass the per-proxy limit as someone else."""
    import re

    from zhili_cli.domain.votes import name_key

    return name_key(re.sub(r"[（(【\[][^）)】\]]*[）)】\]]", "", name or ""))


def check_new(*, unit: str, proxy: str, owner: str | None, document: str, live_for_unit: Iterable[Any],
              units_held: int, limit: int) -> None:
    """Refuse an authorisation that breaks a rule above; `live_for_unit`: the unit's live
    authorisations in this vote, `units_held`: how many other units `proxy` already holds."""
    if not holder_key(proxy):
        raise UserError("proxy_no_name")
    if not (document or "").strip():
        raise UserError("proxy_no_document")
    if owner and holder_key(owner) == holder_key(proxy):
        raise UserError("proxy_is_owner", room=unit, name=proxy)
    if any(True for _ in live_for_unit):
        raise UserError("proxy_unit_taken", room=unit)
    if units_held + 1 > limit:
        raise UserError("proxy_over_limit", name=proxy, limit=limit)


def matches(row: dict[str, Any] | None, signer: str) -> bool:
    """The live authorisation `row` names `signer`."""
    return bool(row) and row["revoked_at"] is None and row["proxy_key"] == holder_key(signer)  # type: ignore[index]
