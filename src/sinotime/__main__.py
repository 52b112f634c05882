from sinotime.cli import run

run()
