from govlint.launch import main

main()
