SET = "shell"
NAMES: tuple[str, ...] = ("m001_rules_versions", "m002_rules_adoption")
