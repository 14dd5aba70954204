"""`python -m bot.content build`: generate data/generated/ from content/ (bot.content.build)."""

import sys

from bot.content.build import main

sys.exit(main())
