"""zhili vote: the what-if calculator for an owners' vote (Civil Code art. 278)."""

from __future__ import annotations

import typer

from zhili_cli.domain.vocab import typed  # a default as help shows it: the word people type
from zhili_cli.i18n import t


app = typer.Typer(help=t("cmd.vote"), no_args_is_help=True, add_completion=False)


@app.callback()
def _group() -> None:
    """Keeps `vote` a group so that `vote check` is spelled out."""


def parse_area(text: str, option: str) -> int:
    """m² with up to two decimals → m² × 100, exactly (no float)."""
    from decimal import Decimal, InvalidOperation

    from zhili_cli.errors import UsageError

    value = (text or "").strip().replace(",", "")
    for suffix in ("㎡", "m²", "m2", "平方米", "平米"):
        value = value.removesuffix(suffix).strip()
    try:
        area = Decimal(value)
    except InvalidOperation:
        raise UsageError("vote_bad_area", value=f"{option} {text}") from None
    scaled = area * 100
    if not area.is_finite() or area < 0 or scaled != scaled.to_integral_value():
        raise UsageError("vote_bad_area", value=f"{option} {text}")
    return int(scaled)


def parse_count(text: str, option: str) -> int:
    from zhili_cli.errors import UsageError

    value = (text or "").strip().replace(",", "")
    if not value.isdigit():
        raise UsageError("vote_bad_number", value=f"{option} {text}")
    return int(value)


@app.command("check", help=t("cmd.vote.check"))
def check(
    ctx: typer.Context,
    vote_class: str = typer.Option("ordinary", "--class", help=t("opt.vote_class"),
                                show_default=typed("vote_class", "ordinary")),
    owners: str = typer.Option(..., "--owners", help=t("opt.owners")),
    area: str = typer.Option(..., "--area", help=t("opt.area")),
    voted_owners: str = typer.Option(..., "--voted-owners", help=t("opt.voted_owners")),
    voted_area: str = typer.Option(..., "--voted-area", help=t("opt.voted_area")),
    agree_owners: str = typer.Option(..., "--agree-owners", help=t("opt.agree_owners")),
    agree_area: str = typer.Option(..., "--agree-area", help=t("opt.agree_area")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain import vocab, votes
    from zhili_cli.errors import UsageError

    cls = votes.class_of(vote_class) or vocab.find("vote_class", vote_class)
    if cls not in votes.CLASSES:
        raise UsageError("vote_bad_class", value=vote_class)
    g = globals_of(ctx)
    ov = g.rules_obj().owners_vote  # the compound's rules; no database needed
    result = votes.what_if(
        ov, cls,
        owners=parse_count(owners, "--owners"), area_x100=parse_area(area, "--area"),
        voted_owners=parse_count(voted_owners, "--voted-owners"),
        voted_area_x100=parse_area(voted_area, "--voted-area"),
        agree_owners=parse_count(agree_owners, "--agree-owners"),
        agree_area_x100=parse_area(agree_area, "--agree-area"),
    )
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(result.as_dict())
        return
    render(ov, result)


def render(ov, result) -> None:
    from zhili_cli.cli.output import say
    from zhili_cli.domain.votes import area_text

    c = result.counts
    say(t("vote_check_title", cls=t(f"class.{result.vote_class}")))
    pass_owners, pass_area = ((ov.special_owners, ov.special_area) if result.vote_class == "special"
                              else (ov.ordinary_owners, ov.ordinary_area))
    say(t("vote_rule_line", quorum_owners=ov.quorum_owners.describe(), quorum_area=ov.quorum_area.describe(),
          pass_owners=pass_owners.describe(), pass_area=pass_area.describe()))
    common = dict(owners=c.owners, area=area_text(c.area_x100), voted_owners=c.voted_owners,
                  voted_area=area_text(c.voted_area_x100), agree_owners=c.agree_owners,
                  agree_area=area_text(c.agree_area_x100))
    if result.quorum_met:
        say(t("vote_quorum_met", **common))
    else:
        say(t("vote_quorum_short", owners_short=result.owners_short_quorum,
              area_short=area_text(result.area_short_quorum_x100), **common))
    if result.passed:
        say(t("vote_passes", **common))
    elif result.owners_short_pass or result.area_short_pass_x100:
        say(t("vote_fails", owners_short=result.owners_short_pass,
              area_short=area_text(result.area_short_pass_x100), **common))
    else:
        say(t("vote_fails_no_quorum"))
