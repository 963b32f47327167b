"""The `pilothub` console script: Django's manage command for this project.

Project commands are written with hyphens in the docs (`pilothub demo-data`, `pilothub
create-token`); Django command modules cannot contain hyphens, so the first argument is
translated to the module name here.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilothub.settings.local")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
