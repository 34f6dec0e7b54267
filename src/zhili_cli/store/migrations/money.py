"""Tables of the money area: expenses and approvals, the ledger, maintenance fund steps,
projects with milestones and their three-party verification. Money is integer fen."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.money_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_money(db):
    run_script(db, """
        CREATE TABLE expenses (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            fund TEXT NOT NULL CHECK (fund IN ('public_revenue', 'maintenance_fund', 'co_funded')),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            payee TEXT NOT NULL,
            purpose TEXT NOT NULL,
            motion TEXT,
            project TEXT,
            petition TEXT,
            shares TEXT,
            emergency TEXT,
            tier TEXT NOT NULL,
            required_body TEXT NOT NULL,
            split_of TEXT,
            split_total_fen INTEGER,
            status TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            approved_at TEXT,
            paid_at TEXT,
            closed_reason TEXT,
            UNIQUE (year, seq)
        );
        CREATE INDEX expenses_payee ON expenses (payee, requested_at);
        CREATE INDEX expenses_project ON expenses (project, requested_at);
        CREATE INDEX expenses_status ON expenses (status, required_body);

        CREATE TABLE expense_approvals (
            id INTEGER PRIMARY KEY,
            expense_id INTEGER NOT NULL REFERENCES expenses (id),
            body TEXT NOT NULL,
            ref TEXT,
            approver TEXT,
            at TEXT NOT NULL,
            detail TEXT
        );
        CREATE INDEX expense_approvals_expense ON expense_approvals (expense_id);

        CREATE TABLE fund_steps (
            id INTEGER PRIMARY KEY,
            expense_id INTEGER NOT NULL REFERENCES expenses (id),
            step TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT,
            UNIQUE (expense_id, step)
        );

        CREATE TABLE ledger (
            id INTEGER PRIMARY KEY,
            fund TEXT NOT NULL CHECK (fund IN ('public_revenue', 'maintenance_fund', 'co_funded')),
            kind TEXT NOT NULL CHECK (kind IN ('opening', 'income', 'expense')),
            source TEXT,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            on_date TEXT NOT NULL,
            period TEXT,
            expense_id INTEGER REFERENCES expenses (id),
            note TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX ledger_fund ON ledger (fund, on_date);

        CREATE TABLE projects (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            title TEXT NOT NULL,
            motion TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (year, seq)
        );

        CREATE TABLE milestones (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES projects (id),
            seq INTEGER NOT NULL,
            title TEXT NOT NULL,
            due TEXT,
            party TEXT,
            done_at TEXT,
            UNIQUE (project_id, seq)
        );

        CREATE TABLE milestone_verifications (
            id INTEGER PRIMARY KEY,
            milestone_id INTEGER NOT NULL REFERENCES milestones (id),
            party TEXT NOT NULL,
            by_name TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT,
            UNIQUE (milestone_id, party)
        );
        """)


@migrations(name=NAMES[1])
def m002_income_imports(db):
    """Imported income lines: their payer, voucher and natural key (re-imports add nothing).
    A table of its own, so that rows written before it keep matching their audit entries."""
    run_script(db, """
        CREATE TABLE ledger_imports (
            id INTEGER PRIMARY KEY,
            ledger_id INTEGER NOT NULL REFERENCES ledger (id),
            import_key TEXT NOT NULL UNIQUE,
            payer TEXT,
            voucher TEXT
        );
        """)


@migrations(name=NAMES[2])
def m003_expense_imports(db):
    """Imported expense lines: their natural key (re-imports add nothing) and what the register
    said of them that the expenses table has no column for."""
    run_script(db, """
        CREATE TABLE expense_imports (
            id INTEGER PRIMARY KEY,
            expense_id INTEGER NOT NULL REFERENCES expenses (id),
            import_key TEXT NOT NULL UNIQUE,
            category TEXT,
            voucher TEXT,
            approved_by TEXT
        );
        """)


@migrations(name=NAMES[3])
def m004_bound_approvals_and_reversals(db):
    """What an approval approved (amount, payee, purpose, fund as they stood) and its voiding;
    the history of expense corrections; reversing ledger entries (冲销), which carry the
    original's kind with a negative amount, so the ledger loses its `amount_fen > 0` check
    (rebuilt with the same columns and rows, so every row still matches its audit entry);
    public revenue shared by a ratio: the gross and the ratio beside the owners' share."""
    ledger_cols = ("id, fund, kind, source, amount_fen, on_date, period, expense_id, note, recorded_by, "
                   "recorded_at")
    run_script(db, f"""
        CREATE TABLE ledger_new (
            id INTEGER PRIMARY KEY,
            fund TEXT NOT NULL CHECK (fund IN ('public_revenue', 'maintenance_fund', 'co_funded')),
            kind TEXT NOT NULL CHECK (kind IN ('opening', 'income', 'expense')),
            source TEXT,
            amount_fen INTEGER NOT NULL CHECK (amount_fen != 0),
            on_date TEXT NOT NULL,
            period TEXT,
            expense_id INTEGER REFERENCES expenses (id),
            note TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO ledger_new ({ledger_cols}) SELECT {ledger_cols} FROM ledger;
        CREATE TABLE ledger_imports_new (
            id INTEGER PRIMARY KEY,
            ledger_id INTEGER NOT NULL REFERENCES ledger_new (id),
            import_key TEXT NOT NULL UNIQUE,
            payer TEXT,
            voucher TEXT
        );
        INSERT INTO ledger_imports_new (id, ledger_id, import_key, payer, voucher)
            SELECT id, ledger_id, import_key, payer, voucher FROM ledger_imports;
        DROP TABLE ledger_imports;
        DROP TABLE ledger;
        ALTER TABLE ledger_new RENAME TO ledger;
        ALTER TABLE ledger_imports_new RENAME TO ledger_imports;
        CREATE INDEX ledger_fund ON ledger (fund, on_date);

        CREATE TABLE ledger_reversals (
            id INTEGER PRIMARY KEY,
            original_id INTEGER NOT NULL UNIQUE REFERENCES ledger (id),
            reversal_id INTEGER NOT NULL UNIQUE REFERENCES ledger (id),
            reason TEXT NOT NULL
        );

        CREATE TABLE ledger_shares (
            id INTEGER PRIMARY KEY,
            ledger_id INTEGER NOT NULL UNIQUE REFERENCES ledger (id),
            gross_fen INTEGER NOT NULL CHECK (gross_fen > 0),
            ratio TEXT NOT NULL
        );

        CREATE TABLE expense_approval_terms (
            id INTEGER PRIMARY KEY,
            approval_id INTEGER NOT NULL UNIQUE REFERENCES expense_approvals (id),
            amount_fen INTEGER NOT NULL,
            payee TEXT NOT NULL,
            purpose TEXT NOT NULL,
            fund TEXT NOT NULL,
            shares TEXT,
            voided_at TEXT,
            voided_reason TEXT
        );

        CREATE TABLE expense_events (
            id INTEGER PRIMARY KEY,
            expense_id INTEGER NOT NULL REFERENCES expenses (id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX expense_events_expense ON expense_events (expense_id);
        """)
