"""`python -m bot.serve`: what `make run` starts (bot.serve.supervisor)."""

import sys

from bot.serve.supervisor import main

sys.exit(main())
