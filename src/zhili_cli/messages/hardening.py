"""Messages of backup and hardening. {key: (zh, en)}."""

MESSAGES = {
    "usage_error": ("{command}：{error}（用 {command} -h 查看用法）", "{command}: {error} (see {command} -h)"),
    "arg.backup_path": ("备份写到哪个文件", "file to write the backup to"),
    "opt.backup_force": ("目标文件已存在时覆盖它", "overwrite the target file if it exists"),
    "backup_done": ("已备份 {source} → {path}（{size} 字节）", "backed up {source} → {path} ({size} bytes)"),
    "backup_exists": ("{path} 已存在，未覆盖（确需覆盖请加 --force）", "{path} already exists; not overwritten (use --force to replace it)"),
    "backup_is_dir": ("{path} 是目录：请给出备份文件名", "{path} is a directory: give a file name for the backup"),
    "backup_no_dir": ("目录 {path} 不存在", "directory {path} does not exist"),
    "backup_same_file": ("{path} 就是当前数据库，不能备份到自身", "{path} is the database itself; cannot back up onto it"),
    "backup_check_failed": ("备份 {path} 校验失败（{error}），未写入", "backup {path} failed its check ({error}); not written"),
}
MESSAGES.update({
    "out_protected": ("{path} 是数据库或规则文件，不能用作输出文件", "{path} is the database or the rules file; it cannot be an output file"),
    "out_exists": ("{path} 已存在，未覆盖（确需覆盖请加 --force）", "{path} already exists; not overwritten (use --force to replace it)"),
    "out_is_dir": ("{path} 是目录：请给出文件名", "{path} is a directory: give a file name"),
    "out_no_dir": ("目录 {path} 不存在", "directory {path} does not exist"),
    "out_disk_full": ("磁盘已满，{path} 未写入（原文件不变）", "the disk is full; {path} not written (the old file is unchanged)"),
    "out_failed": ("无法写入 {path}：{error}（原文件不变）", "cannot write {path}: {error} (the old file is unchanged)"),
})
