SET = "money"
NAMES: tuple[str, ...] = ("m001_money", "m002_income_imports", "m003_expense_imports")
