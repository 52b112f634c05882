from sinotime.cli import main

main()
