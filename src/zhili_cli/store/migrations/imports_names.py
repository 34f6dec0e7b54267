SET = "imports"
NAMES: tuple[str, ...] = ("m001_petition_natural_key",)
