from kzfp_cli.cli import main

main()
