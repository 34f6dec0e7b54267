SET = "rulekeys"
NAMES: tuple[str, ...] = ("m001_ballot_method",)
