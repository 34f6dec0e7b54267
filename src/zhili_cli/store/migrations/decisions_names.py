SET = "decisions"
NAMES: tuple[str, ...] = ("m001_expense_scope",)
