from kzfp_cli.entry import main

main()
