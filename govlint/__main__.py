from govlint.cli import main

main()
