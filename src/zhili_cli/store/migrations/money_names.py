SET = "money"
NAMES: tuple[str, ...] = ("m001_money", "m002_income_imports", "m003_expense_imports",
                         "m004_bound_approvals_and_reversals")
# Released and later replaced by m002_income_imports (which a database holding it still runs).
RETIRED: tuple[str, ...] = ("m002_ledger_import",)
