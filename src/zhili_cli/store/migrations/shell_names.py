SET = "shell"
NAMES: tuple[str, ...] = ("m001_rules_versions",)
