SET = "meetings"
NAMES: tuple[str, ...] = ()
