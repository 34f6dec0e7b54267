from zhili_cli.cli.main import run

run()
