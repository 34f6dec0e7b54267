SET = "reports"
NAMES: tuple[str, ...] = ("m001_compound_contact",)
