"""CLI subcommands; each module has `register(subparsers)`. See cli.py."""
