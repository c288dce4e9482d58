from strategist.cli import main

main()
