from polyglot_press.cli import main

main()
