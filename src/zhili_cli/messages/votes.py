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
