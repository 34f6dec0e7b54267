"""Messages of batch import: files, sheets, header mapping, cells. {key: (zh, en)}."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cmd.member.import": ("从 CSV/xlsx 导入成员名册", "import people and roles from CSV/xlsx"),
    "import_progress": ("导入 {name}", "importing {name}"),
    "import_reader_stopped": ("读取文件的进程意外停止，导入未写入任何内容；请重试",
                              "the process reading the file stopped unexpectedly; nothing was imported, try again"),
    "file_unknown_encoding": ("不认识的编码 {encoding}：可用 utf-8、gb18030、gbk", "unknown encoding {encoding}: try utf-8, gb18030, gbk"),
    "xlsx_unavailable": ("读取 .xlsx 需要 openpyxl", "reading .xlsx needs openpyxl"),
    "xlsx_unreadable": ("{path} 不是可读的 .xlsx 文件（{error}）", "{path} is not a readable .xlsx workbook ({error})"),
    "xlsx_no_sheet": ("{path} 中没有工作表 {sheet}；有：{sheets}", "{path} has no sheet {sheet}; it has: {sheets}"),
    "import_map_field": ("--map 的字段 {field} 不存在；可用：{fields}", "--map names an unknown field {field}; fields: {fields}"),
    "import_map_header": ("--map 的列 {header} 不在文件中；找到的列：{found}", "--map names a column {header} the file does not have; found: {found}"),
    "cell_bad_role": ("无效的角色 {value}（主任/副主任/委员/居委会代表/物业代表/业主代表/网格员/楼道长）", "invalid role {value} (chair/vice_chair/member/residents_rep/property_rep/owner_rep/grid_worker/building_lead)"),
    "cell_member_needs_party": ("角色 {role} 须填写所属方", "role {role} needs its party"),
    "cell_bad_choice": ("无法识别的表决意见 {value}（同意/反对/弃权）", "not a vote: {value} (yes/no/abstain)"),
    "cell_bad_method": ("无法识别的投票方式 {value}（纸质/线上/委托）", "not a voting method: {value} (paper/online/proxy)"),
    "cell_phone_scientific": ("电话号码被 Excel 显示成了科学计数法 {value}，位数已丢失：请把该列设为“文本”后重新导出", "the phone number was saved by Excel in scientific notation ({value}) and its digits are lost: format the column as text and export again"),
    "import_chair_twice": ("业委会只能有一位主任：第 {other} 行也是主任", "a committee has one chair: line {other} is chair too"),
    "import_chair_exists": ("已有主任 {name}：业委会只能有一位主任", "{name} is already chair: a committee has one chair"),
    "import_committee_full": ("业委会将超过 {size} 人（规则 committee.size_max）", "the committee would exceed {size} members (rule committee.size_max)"),
}
