"""Messages of the secretary's desk: today, search, lists out, reveals, visits, volunteers. {key: (zh, en)}."""

MESSAGES = {
    # lists out as spreadsheets
    "opt.list_out": ("把列表写成表格文件：.csv（UTF-8 带 BOM，Excel 可直接打开）或 .xlsx；默认打码",
                     "write the list as a spreadsheet: .csv (UTF-8 with BOM, opens in Excel) or .xlsx; masked by default"),
    "opt.list_force": ("输出文件已存在时覆盖它", "overwrite the output file if it exists"),
    "list_out_suffix": ("不能写成 {path}：列表只能输出为 {allowed}", "cannot write {path}: a list is written as {allowed} only"),
    "list_out_json": ("--out 与 --json 不能同时使用：请二选一", "--out and --json cannot be used together: choose one"),
    "list_out_written": ("已写出 {rows} 行 → {path}", "{rows} rows written → {path}"),
}
MESSAGES.update({
    # search, reveal, visits
    "opt.reveal": ("显示完整姓名和电话（用于回访；每次都记入审计日志）",
                   "show full names and phones (for call-backs; each use is recorded in the audit log)"),
    "opt.search": ("按关键词搜索标题、内容、反馈、地点（多个词须都出现）",
                   "search titles, texts, feedback and locations (every word must appear)"),
    "arg.search_words": ("要找的词：业主姓名、电话号码（数字）、房号", "words to find: owner name, phone digits, room"),
    "search_empty": ("请给出要搜索的词", "give the words to search for"),
    "cmd.household.find": ("按业主、电话或房号查找住户", "find households by owner, phone or room"),
    "cmd.household.visit": ("记录一次走访（敲门日、每日一联系、网格员走访）",
                            "record a visit (door-knocking day, daily contact, grid worker's round)"),
    "opt.flag": ("只列出带此标记的住户（如 独居老人），并显示最近走访", "only households with this flag (e.g. 独居老人), with their last visit"),
    "opt.visit_note": ("走访情况", "what was found and done"),
    "opt.visit_by": ("走访人", "who visited"),
    "opt.visit_date": ("走访日期（默认今天）", "date of the visit (default today)"),
    "visit_note_required": ("请用 --note 写明走访情况", "say what the visit found with --note"),
    "visit_in_future": ("走访日期 {date} 在今天之后", "the visit date {date} is after today"),
    "visit_recorded": ("已记录走访：{household}（{date}）", "visit recorded: {household} ({date})"),
    "visits_title": ("走访记录", "Visits"),
    "col.last_visit": ("最近走访", "Last visit"),
    "col.visit_by": ("走访人", "By"),
})
MESSAGES.update({
    # zhili today
    "cmd.today": ("今天要办的事：逾期和近期到期的诉求、待公示的决定、节点、表决、会议、任期、走访",
                  "what needs doing today: petitions overdue or due soon, decisions to publish, milestones, votes, "
                  "meetings, terms, visits"),
    "opt.today_days": ("同时列出多少天内到期的事项", "also list what falls due within this many days"),
    "today_title": ("今天要办（{date}，含 {days} 天内到期）", "To do today ({date}, and due within {days} days)"),
    "today_nothing": ("今天没有逾期或 {days} 天内到期的事项", "nothing overdue or due within {days} days"),
    "col.when": ("期限", "When"), "col.what": ("事项", "What"), "col.ref": ("编号", "Ref"),
    "col.command": ("处理命令", "Command"), "col.days_late": ("逾期天数", "Days late"),
    "today.late": ("逾期 {days} 天（{due}）", "{days} days late ({due})"),
    "today.today": ("今天到期（{due}）", "due today ({due})"),
    "today.in_days": ("{days} 天后到期（{due}）", "due in {days} days ({due})"),
    "today.open": ("进行中", "open"),
    "today.petition_response": ("诉求待受理（响应时限）", "petition to triage (response deadline)"),
    "today.petition_completion": ("诉求待办结（办结时限）", "petition to finish (completion deadline)"),
    "today.decisions_unpublished": ("业委会决定待公示", "committee decisions to publish"),
    "today.milestone": ("项目节点到期", "project milestone due"),
    "today.vote_opening": ("业主表决即将开始", "owners' vote opening"),
    "today.vote_closing": ("业主表决即将截止", "owners' vote closing"),
    "today.vote_open": ("业主表决进行中", "owners' vote open"),
    "today.meeting": ("本周会议", "meeting this week"),
    "today.meeting_agenda": ("本周会议：议程未发布", "meeting this week: agenda not published"),
    "today.meeting_notice": ("本周业主大会：未发通知", "assembly this week: no notice given"),
    "today.term_end": ("任期即将届满", "term ending"),
    "today.visit": ("关爱走访到期", "care visit due"),
})
