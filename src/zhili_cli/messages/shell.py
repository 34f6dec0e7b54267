"""Messages of the rules floor, the rules record, help screens and completion. {key: (zh, en)}."""

MESSAGES = {
    "floor.threshold": ("{value} 低于法定下限 {floor}（{source}）；本小区可以更严，不能更宽",
                        "{value} is looser than the legal floor {floor} ({source}); a compound may be stricter, never looser"),
    "floor.special_matters": ("缺少特别事项 {missing}（{source}）", "missing special matters {missing} ({source})"),
    "floor.nonvoter": ("不得把未参与表决的业主计入多数（{source}）；请设为 false",
                       "owners who did not vote cannot count with the majority ({source}); set it to false"),
    "floor.notice": ("{value} 天少于法定的 {floor} 天（{source}）", "{value} days is less than the legal {floor} days ({source})"),
    "floor.tier_order": ("{tier} 排在 {before} 之后：审批层级须按金额由低到高依次为 {order}（{source}）",
                         "{tier} comes after {before}: tiers must rise with the amount, {order} ({source})"),
    "floor.tier_assembly": ("最后一级必须是业主大会（assembly）（{source}）",
                            "the last tier must be the owners' assembly (assembly) ({source})"),
    "floor.fund_vote": ("维修资金使用步骤必须包含业主表决 owners_vote（{source}）",
                        "the maintenance-fund steps must include the owners' vote, owners_vote ({source})"),
    "rules.fraction_text": ('分数须写成带引号的 "a/b"，如 "2/3"', 'write the fraction as a quoted "a/b", e.g. "2/3"'),
}
MESSAGES.update({
    "rules.duplicate_key": ("键重复：同一个键只能写一次", "duplicate key: each key may appear only once"),
    "rules_too_big": ("规则文件 {path} 超过 {limit} KB，不是规则文件", "rules file {path} is over {limit} KB; not a rules file"),
})
MESSAGES.update({
    "rules.no_such_key": ("没有这条规则：{rule}（用 zhili rules show 查看全部规则）",
                          "no such rule: {rule} (zhili rules show lists them all)"),
})
MESSAGES.update({
    "db_full": ("磁盘已满，无法写入 {path}：本次操作未作任何改动，请腾出空间后重试",
                "the disk is full; cannot write {path}: nothing was changed; free some space and try again"),
    "db_readonly": ("{path} 是只读的（文件、目录或介质）：可以查看和核验，不能修改；请复制到可写的位置再操作",
                    "{path} is read-only (file, folder or medium): it can be read and verified, not changed; copy it somewhere writable first"),
    "db_io_error": ("读写 {path} 时出错（{error}）：本次操作未作任何改动", "error reading or writing {path} ({error}): nothing was changed"),
    "db_readonly_old": ("{path} 是只读的，且由较早版本的 zhili 写成，需要升级后才能读取：请复制到可写的位置",
                        "{path} is read-only and was written by an older zhili; it must be upgraded first: copy it somewhere writable"),
})
MESSAGES.update({
    "db_readonly_wal": ("{path} 在只读介质上，且旁边的 -wal 文件里还有未并入的改动，无法如实读取：请用 zhili backup 制作归档副本",
                        "{path} is on a read-only medium with changes still in its -wal file, which cannot be read faithfully there: make archive copies with zhili backup"),
})
MESSAGES.update({  # what a help screen shows for the value an option takes
    "metavar.date": ("日期", "DATE"),
    "metavar.month": ("月份", "MONTH"),
    "metavar.period": ("期间", "PERIOD"),
    "metavar.amount": ("金额", "AMOUNT"),
    "metavar.area": ("面积", "AREA"),
    "metavar.file": ("文件", "FILE"),
    "metavar.ref": ("编号", "REF"),
    "metavar.number": ("数字", "NUMBER"),
    "metavar.text": ("文字", "TEXT"),
})
MESSAGES.update({
    "completion.shell": ("不支持的终端 {shell}：可用 {shells}（如 zhili --show-completion bash）",
                         "unsupported shell {shell}: use one of {shells} (e.g. zhili --show-completion bash)"),
    "completion.unavailable": ("当前安装的 typer 不提供命令补全", "this typer offers no shell completion"),
    "completion.installed": ("已为 {shell} 安装命令补全：{path}（重新打开终端后生效）",
                             "{shell} completion installed in {path} (takes effect in a new terminal)"),
    "opt.show_completion": ("打印终端的命令补全脚本：bash、zsh、fish 或 powershell",
                            "print the shell completion script: bash, zsh, fish or powershell"),
    "opt.install_completion": ("为终端安装命令补全：bash、zsh、fish 或 powershell",
                               "install shell completion: bash, zsh, fish or powershell"),
    "metavar.shell": ("终端", "SHELL"),
})
MESSAGES.update({
    "rules.none_at": ("{day} 之前没有记录任何规则（规则在第一次写入数据时记录）",
                      "no rules recorded on or before {day} (rules are recorded when a command first writes under them)"),
    "rules.at_header": ("{day} 时有效的规则：自 {since} 起使用，来自 {source}，SHA-256 {sha}",
                        "rules in force on {day}: used from {since}, from {source}, SHA-256 {sha}"),
    "opt.rules_at": ("显示某一天有效的规则（数据库里记录的版本）", "show the rules in force on this day (as recorded in the database)"),
})
