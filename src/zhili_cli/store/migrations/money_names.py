SET = "money"
NAMES: tuple[str, ...] = ()
