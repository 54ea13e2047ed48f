"""Local development and `make run`: a SQLite file, the database task queue, mail on the console."""

from config.settings.base import *

DEBUG = env_bool("DEBUG", True)
