"""Messages of owner identity, the owners' vote's life, motion corrections. {key: (zh, en)}."""

MESSAGES = {
    # owner identity and the register
    "opt.household_strict": ("有未识别的列时报错（默认只警告）", "refuse the file when a column is not recognised (default: warn)"),
    "household_unmapped": ("{path}：未识别的列：{columns}（未导入；可用 --map 列名=字段 指定）",
                           "{path}: columns not recognised: {columns} (not imported; use --map HEADER=field)"),
    "household_unmapped_strict": ("{path}：未识别的列：{columns}（--strict：未导入任何内容；可用 --map 列名=字段 指定）",
                                  "{path}: columns not recognised: {columns} (--strict: nothing imported; use --map HEADER=field)"),
    "household_namesakes": ("{path}：同名业主 {name} 见第 {lines} 行，证件号或电话不同，按 {owners} 位业主计",
                            "{path}: owner name {name} on lines {lines} with different ID or phone: counted as {owners} owners"),
    "household_owner_by_import": ("导入 {path} 时业主变更", "owner changed by importing {path}"),
    "cmd.household.owners": ("列出业主（表决的计票基数：户、人数、面积）", "list owners (the counting base of a vote: units, heads, area)"),
    "household_owners_title": ("业主（计票基数）", "Owners (counting base)"),
    "household_owners_total": ("共 {owners} 位业主，{units} 户，专有面积 {area} ㎡",
                               "{owners} owners, {units} units, {area} m² of exclusive area"),
    "col.owner_basis": ("认定依据", "identified by"),
    "col.units": ("房屋", "units"),
    "col.heads": ("人数", "heads"),
    "owner_basis.identity": ("证件号", "ID number"),
    "owner_basis.name_phone": ("姓名+电话", "name + phone"),
    "owner_basis.unit": ("按户", "the unit alone"),
    "owner_basis.developer": ("开发商未售", "developer, unsold"),
}

MESSAGES.update({
    # the owners' vote's life
    "opt.vote_from": ("表决开始日期（motion vote open）", "first day of voting (motion vote open)"),
    "opt.vote_to": ("表决截止日期（motion vote open）", "last day of voting (motion vote open)"),
    "opt.vote_announced": ("公告日期（默认今天；motion vote open）", "day the notice was published (default today; motion vote open)"),
    "motion_vote_ref_missing": ("motion vote {action} 后面要跟一个议案编号", "motion vote {action} needs one motion number"),
    "motion_vote_extra": ("多余的参数：{extra}", "unexpected arguments: {extra}"),
    "motion_vote_window_only_open": ("--from/--to/--announced 只用于 motion vote open", "--from/--to/--announced are for motion vote open only"),
    "motion_vote_window_needed": ("开启业主表决需要 --from 和 --to（表决期）", "opening an owners' vote needs --from and --to (the voting window)"),
    "vote_bad_date": ("{option} 的日期无效：{value}", "{option}: invalid date {value}"),
    "vote_already_open": ("{number} 的业主表决已经开启（每个阶段只开启一次）", "the owners' vote on {number} is already open (once per stage)"),
    "vote_meeting_not_assembly": ("{number} 不是业主大会会议：业主表决只能在业主大会或书面征求意见中进行",
                                  "{number} is not an owners' assembly: owners vote at an assembly or by written consultation"),
    "vote_empty_base": ("{number} 的表决范围内没有住户：先导入住户名册或检查 --scope", "no unit in the scope of {number}: import the register or check --scope"),
    "vote_not_open": ("{number} 的业主表决尚未开启：先用 motion vote open {number} --from 日期 --to 日期",
                      "the owners' vote on {number} is not open: first motion vote open {number} --from DATE --to DATE"),
    "vote_window_before": ("{number} 的表决期 {start} 至 {end} 尚未开始，不接受表决票", "voting on {number} runs {start} to {end} and has not begun; no ballot accepted"),
    "vote_window_ended": ("{number} 的表决期 {start} 至 {end} 已结束，不接受表决票（用 motion vote close 结束表决）",
                          "voting on {number} ended ({start} to {end}); no ballot accepted (use motion vote close)"),
    "vote_window_closed": ("{number} 的业主表决已结束计票，结果已确定，不接受表决票", "the owners' vote on {number} is closed and final; no ballot accepted"),
    "vote_window_open": ("{number} 的表决期 {start} 至 {end} 进行中", "voting on {number} runs {start} to {end}"),
    "vote_close_early": ("{number} 的表决期到 {end} 才结束，不能提前结束计票", "voting on {number} runs until {end}; it cannot be closed before"),
    "vote_announced_future": ("公告日期 {announced} 在将来：只能记录已经张贴的公告", "the notice date {announced} is in the future: record a notice already published"),
    "vote_window_reversed": ("表决期无效：{start} 晚于 {end}", "invalid window: {start} is after {end}"),
    "vote_window_past": ("表决期已在 {end} 结束，不能开启", "the window ended on {end}; it cannot be opened"),
    "vote_notice_short": ("公告 {announced} 后至少 {days} 日才能开始表决（最早 {earliest}，而不是 {start}）",
                          "voting may start no earlier than {days} days after the notice of {announced} (earliest {earliest}, not {start})"),
    "vote_window_length": ("表决期 {days} 天不符合规则：应为 {min}–{max} 天（assembly.evoting_min_days / evoting_max_days）",
                           "a window of {days} days breaks the rules: {min}–{max} days (assembly.evoting_min_days / evoting_max_days)"),
    "ballot_not_in_base": ("房号 {room} 不在本次表决的计票范围内（开启表决时冻结的名册）", "room {room} is not in this vote's counting base (frozen when the vote opened)"),
    "ballot_outside_window": ("表决日期 {day} 不在表决期 {start} 至 {end} 内（或在将来）", "ballot dated {day}, outside the window {start} to {end} (or in the future)"),
    "ballot_unsigned": ("表决票没有签名：须由登记业主签名，或写明委托及受托人姓名（如 同意@王伟、同意@委托:张三）",
                        "unsigned ballot: signed by the registered owner, or by a proxy named as such (e.g. agree@Wang, agree@委托:Zhang)"),
    "ballot_unsigned_proxy": ("委托投票须写明受托人姓名", "a proxy ballot must name the proxy"),
    "ballot_wrong_signer": ("签名 {name} 不是该户登记业主；委托投票须注明「委托」及受托人姓名", "{name} is not the registered owner; a proxy must be marked 委托 with the proxy's name"),
    "vote_class_major": ("「{value}」不是表决类别：第二百七十八条第九项「其他重大事项」属普通表决（ordinary / 普通）；特别表决用 special / 特别",
                         "\"{value}\" is not a class: art. 278 item 9 (other major matters) is ordinary; use special for the special majority"),
    "vote_opened": ("{number} 业主表决已开启：公告 {announced}，表决期 {start} 至 {end}；计票基数 {owners} 位业主、{area} ㎡（已冻结）",
                    "owners' vote on {number} open: notice {announced}, voting {start} to {end}; base {owners} owners, {area} m² (frozen)"),
    "vote_closed": ("{number} 业主表决已结束计票，结果为最终结果", "owners' vote on {number} closed; the result is final"),
    "vote_provisional": ("{number} 表决进行中（至 {end}）：以下为暂计票数，不是表决结果，不批准任何事项",
                         "{number}: voting open (until {end}); provisional counts, not a result; approves nothing"),
    "ballots_already": ("{count} 张表决票此前已导入，未重复计入", "{count} ballots were already imported and are not counted again"),
    "motion_action.vote_open": ("开启业主表决", "owners' vote opened"),
    "motion_action.vote_close": ("结束计票", "owners' vote closed"),
})

MESSAGES.update({
    "opt.motion_scope": ("列支范围（业主表决只计范围内业主，如 3幢、3-2、3-2-501；可多次）",
                         "scope (the owners' vote counts only the owners there, e.g. 3, 3-2, 3-2-501; repeatable)"),
    "motion_bad_scope": ("无效的列支范围：{value}（如 3幢、3-2、3-2-501）", "invalid scope {value} (e.g. 3, 3-2, 3-2-501)"),
})

MESSAGES.update({
    # household add / edit
    "cmd.household.add": ("登记一户（楼栋、单元、房号、面积、业主、电话…）", "add one household (building, unit, room, area, owner, phone …)"),
    "cmd.household.edit": ("更正一户档案（须写原因；过户保留原业主）", "correct a household (reason required; a change of owner keeps the previous one)"),
    "opt.hh_unit": ("单元（如 2）", "stairway/unit (e.g. 2)"),
    "opt.hh_room": ("房号（如 501）", "room (e.g. 501)"),
    "opt.hh_area": ("专有面积（㎡）", "exclusive area (m²)"),
    "opt.hh_owner": ("业主姓名", "owner's name"),
    "opt.hh_phone": ("联系电话", "phone"),
    "opt.hh_identity": ("产权证号或身份证号（私密保存，不打印）", "certificate or ID number (kept privately, never printed)"),
    "opt.hh_residents": ("居住人数", "residents"),
    "opt.hh_flag": ("特殊标记（如 独居老人；可多次）", "flag (e.g. 独居老人; repeatable)"),
    "opt.hh_unsold": ("开发商未售房屋", "unsold by the developer"),
    "opt.hh_since": ("过户日期（默认今天）", "date of the change of owner (default today)"),
    "household_added": ("已登记 {room}", "added {room}"),
    "household_edited": ("已更正 {room}（原因已记入经过）", "corrected {room} (the reason is in its history)"),
    "household_exists": ("住户档案中已有 {room}：要更正请用 household edit", "{room} is already in the register: use household edit to correct it"),
    "household_no_change": ("{room} 没有需要更改的内容", "nothing to change for {room}"),
    "household_bad_value": ("{option} 的值无效：{value}", "{option}: invalid value {value}"),
    "household_since_future": ("过户日期 {day} 在将来", "the change of owner date {day} is in the future"),
    "household_previous_owners": ("历任业主", "Previous owners"),
    "household_history": ("更正经过", "Corrections"),
    "col.until": ("至", "Until"),
    "col.changes": ("变更", "Changes"),
    "household_action.add": ("登记", "added"),
    "household_action.edit": ("更正", "corrected"),
    "household_action.owner_change": ("过户", "change of owner"),
})

MESSAGES.update({
    # motion corrections
    "cmd.motion.withdraw": ("撤回议案（表决结束前；须写原因）", "withdraw a motion (before its vote closes; reason required)"),
    "cmd.motion.amend": ("修改议案文本（表决前；保留每一版；须写原因）", "amend a motion's text (before voting; every version kept; reason required)"),
    "motion_withdrawn": ("{number} 已撤回", "{number} withdrawn"),
    "motion_amended": ("{number} 已修改为第 {version} 版", "{number} amended: version {version}"),
    "motion_withdraw_closed": ("{number} 的表决已结束，不能撤回", "the vote on {number} is closed; it cannot be withdrawn"),
    "motion_amend_voting": ("{number} 在「{stage}」阶段已开始表决，不能修改文本（可撤回后重新提出）",
                            "voting on {number} at {stage} has begun; its text cannot change (withdraw and propose again)"),
    "motion_amend_same": ("{number} 的标题和文本没有变化", "{number}: title and text unchanged"),
    "motion_status.withdrawn": ("已撤回", "withdrawn"),
    "motion_action.withdrawn": ("撤回", "withdrawn"),
    "motion_action.amended": ("修改", "amended"),
    "motion_versions_title": ("各版本", "Versions"),
    "col.version": ("版本", "Version"),
    "vote_result.withdrawn": ("已撤回", "withdrawn"),
})

MESSAGES.update({
    "vote_other_meeting": ("{number} 的业主表决不是在 {meeting} 开启的：表决票不带 --meeting，或用开启时的会议",
                           "the owners' vote on {number} was not opened at {meeting}: give ballots without --meeting, or with the meeting it was opened at"),
})

MESSAGES.update({
    "ballots_imported_note": ("导入表决票 {count} 张", "{count} ballots imported"),
})
