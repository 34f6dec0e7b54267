SET = "petitions"
NAMES: tuple[str, ...] = ("m001_petition_corrections",)
