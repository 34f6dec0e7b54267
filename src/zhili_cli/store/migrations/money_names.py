SET = "money"
NAMES: tuple[str, ...] = ("m001_money",)
