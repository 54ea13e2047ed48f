#!/usr/bin/env python
"""Same as the `cocreate` command, for those used to manage.py."""

from cocreate.cli import main

if __name__ == "__main__":
    main()
