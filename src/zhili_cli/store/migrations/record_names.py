SET = "record"
NAMES: tuple[str, ...] = ("m001_decision_rules",)
