from pilothub.cli import main

main()
